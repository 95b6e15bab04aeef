package org.innsight.measure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.ImagePlus;

/**
 * What a map is, read from its name as InnSight's commands name their outputs: a posterior map
 * {@code <parameter>_<statistic>} ({@code sO2_median}, {@code vHb_1_IQR}, {@code sO2_modes}), a sample stack
 * {@code <parameter>_samples}, the OOD maps {@code ood_score}, {@code ood_mask}, {@code ood_spread}, {@code ood_intensity_z}, {@code ood_highlight}; any other
 * map is a label map (DALSA classes or Mutex Watershed segments).
 *
 * @param type what the map holds
 * @param parameter the posterior parameter ({@code sO2}), or null
 * @param statistic the posterior statistic ({@code median}, {@code IQR}, ...), or null
 */
public record MapKind(Type type, String parameter, String statistic) {

	public enum Type { POSTERIOR, SAMPLES, OOD_SCORE, OOD_MASK, OOD_SPREAD, OOD_INTENSITY_Z, OOD_HIGHLIGHT, LABELS }

	/** Posterior statistics as {@code org.innsight.posterior.Statistic} labels them. */
	private static final Pattern POSTERIOR = Pattern.compile("(.+)_(median|mean|IQR|modes|sd|q05|q25|q75|q95)");
	private static final Pattern SAMPLES = Pattern.compile("(.+)_samples");
	private static final Pattern OOD = Pattern.compile("(?:^|.*[_.])(ood_score|ood_mask|ood_spread|ood_intensity_z|ood_highlight)");

	public static MapKind of(final String name) {
		Matcher m = POSTERIOR.matcher(name);
		if (m.matches()) return new MapKind(Type.POSTERIOR, m.group(1), m.group(2));
		m = SAMPLES.matcher(name);
		if (m.matches()) return new MapKind(Type.SAMPLES, m.group(1), null);
		return switch (name) {
			case "ood_score" -> new MapKind(Type.OOD_SCORE, null, null);
			case "ood_mask" -> new MapKind(Type.OOD_MASK, null, null);
			case "ood_spread" -> new MapKind(Type.OOD_SPREAD, null, null);
			case "ood_intensity_z" -> new MapKind(Type.OOD_INTENSITY_Z, null, null);
			case "ood_highlight" -> new MapKind(Type.OOD_HIGHLIGHT, null, null);
			default -> new MapKind(Type.LABELS, null, null);
		};
	}

	/**
	 * A map's name and the name of the image it belongs to.
	 *
	 * @param image the image the map was made from ({@code scan} for {@code scan_sO2_median}); empty when the name
	 *        says nothing else
	 * @param map the map's name ({@code sO2_median})
	 */
	public record Named(String image, String map) {}

	/**
	 * The map name of an image titled, or stored in a file named, {@code stem} (without extension): from the
	 * properties the posterior writes ({@code parameter}, {@code statistic}), so {@code msi_vHb_1_median} is the
	 * map {@code vHb_1_median} of image {@code msi}; else the OOD names at the end ({@code scan_ood_mask}); else a
	 * pipeline's {@code <scan>.<output>} (the part after the last dot); else the whole stem.
	 */
	public static Named name(final ImagePlus imp, final String stem) {
		final String parameter = imp == null ? null : imp.getProp("parameter"), statistic = imp == null ? null : imp.getProp("statistic");
		String map = null;
		if (parameter != null && !parameter.isEmpty()) {
			if (statistic != null && !statistic.isEmpty() && stem.endsWith(parameter + "_" + statistic)) map = parameter + "_" + statistic;
			else if (stem.endsWith(parameter + "_samples")) map = parameter + "_samples";
		}
		if (map == null) {
			final Matcher m = OOD.matcher(stem);
			if (m.matches()) map = m.group(1);
		}
		if (map == null) map = stem.substring(stem.lastIndexOf('.') + 1);
		final String image = stem.substring(0, stem.length() - map.length()).replaceAll("[_.]$", "");
		return new Named(image, map);
	}
}
