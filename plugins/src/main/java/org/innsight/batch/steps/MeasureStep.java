package org.innsight.batch.steps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.innsight.batch.OutputSpec;
import org.innsight.batch.Step;
import org.innsight.batch.StepContext;
import org.innsight.batch.StepOptions;
import org.innsight.batch.StepResult;
import org.innsight.io.ImageFiles;
import org.innsight.measure.MapImage;
import org.innsight.measure.Measure;
import org.innsight.measure.MeasureRequest;
import org.innsight.measure.Measurements;
import org.innsight.measure.Regions;
import org.innsight.request.Setting;

import ij.ImagePlus;

/**
 * {@code "measure"}: region measurements of earlier steps' maps ({@link Measure#run}), as statistics of the scan in
 * {@code summary.csv}. Options: {@code maps} (required: earlier images by name, e.g. {@code ["sO2_median",
 * "sO2_IQR", "ood_mask"]} or {@code ["labels"]}; their names say what they are), {@code labels} or {@code mask}
 * (the regions: an earlier image by name, or a file, relative to the pipeline, the same for every scan; default the
 * whole image), {@code truth} (likewise, for Dice of a class map), and the settings of {@link MeasureRequest}.
 * Statistics: one per region and column, {@code <region>.<column>} ({@code tumour.sO2_median},
 * {@code image.tumour_volume_ml}), with {@code .f<frame>} / {@code .s<slice>} after the region when there are several.
 * No outputs: the next step sees this step's input.
 */
public final class MeasureStep implements Step<MeasureStep.Config> {

	/**
	 * An image the step reads: an earlier image by name, or a file read once.
	 *
	 * @param name the earlier image's name, or null for a file
	 * @param file the file's pixels, or null
	 */
	public record Source(String name, MapImage file) {}

	/** @param labels, mask, truth null when not given */
	public record Config(List<String> maps, Source labels, Source mask, Source truth, MeasureRequest request) {}

	@Override
	public String name() {
		return "measure";
	}

	@Override
	public String description() {
		return "Measure earlier maps (posterior, OOD, DALSA classes, MWS segments) per region of a label image or mask, into the statistics.";
	}

	@Override
	public List<Setting<?>> settings() {
		return MeasureRequest.SETTINGS;
	}

	@Override
	public Config configure(final StepOptions o) {
		final MeasureRequest request = new MeasureRequest(o.settings(MeasureRequest.SETTINGS));
		for (final String problem : request.validate()) throw o.bad(problem.split(" ")[0], problem.substring(problem.indexOf(' ') + 1));
		final List<String> maps = o.texts("maps");
		if (maps.isEmpty()) throw o.bad("maps", "is required: the earlier images to measure, e.g. [\"sO2_median\", \"ood_mask\"]");
		final Source labels = source(o, "labels"), mask = source(o, "mask");
		if (labels != null && mask != null) throw o.bad("mask", "and \"labels\" both give the regions; give one");
		return new Config(maps, labels, mask, source(o, "truth"), request);
	}

	/** An image file (by its extension) read now, or the name of an earlier image; null when the key is absent. */
	private static Source source(final StepOptions o, final String key) {
		final String s = o.string(key, null);
		if (s == null) return null;
		if (s.isBlank()) throw o.bad(key, "must name an earlier image or an image file");
		if (ImageFiles.formatOf(Path.of(s)) == ImageFiles.Format.OTHER) return new Source(s, null);
		final Path file = o.existingPath(key);
		try {
			return new Source(null, MapImage.of(key, ImageFiles.open(file), file.toString()));
		}
		catch (final IOException | RuntimeException e) {
			throw o.bad(key, "cannot read " + file + ": " + e.getMessage());
		}
	}

	@Override
	public List<OutputSpec> outputs(final Config c) {
		return List.of();
	}

	@Override
	public List<String> uses(final Config c) {
		final List<String> used = new ArrayList<>(c.maps());
		for (final Source s : new Source[] { c.labels(), c.mask(), c.truth() })
			if (s != null && s.name() != null && !used.contains(s.name())) used.add(s.name());
		return used;
	}

	@Override
	public StepResult run(final ImagePlus input, final Config c, final StepContext context) {
		final List<MapImage> maps = new ArrayList<>();
		for (final String name : c.maps()) maps.add(MapImage.of(name, context.image(name), name));
		final MapImage labels = image(c.labels(), "labels", context), mask = image(c.mask(), "mask", context);
		final Regions regions = labels != null ? Regions.ofLabels(labels, Map.of()) : mask != null ? Regions.ofMask(mask) : null;
		final Measurements m = Measure.run(context.relativePath(), maps, regions, image(c.truth(), "truth", context), c.request());
		final StepResult result = StepResult.none();
		final boolean frames = m.rows().stream().anyMatch(r -> r.frame() > 1);
		for (final Measurements.Row r : m.rows()) {
			final String prefix = safe(r.region()) + (r.slice() > 0 ? ".s" + r.slice() : "") + (frames ? ".f" + r.frame() : "");
			for (final Map.Entry<Measurements.Column, Object> e : r.values().entrySet()) {
				result.statistic(prefix + "." + key(e.getKey()), e.getValue());
			}
		}
		for (final String note : m.notes()) context.warn(note);
		return result;
	}

	private static MapImage image(final Source s, final String key, final StepContext context) {
		if (s == null) return null;
		return s.file() != null ? s.file() : MapImage.of(key, context.image(s.name()), s.name());
	}

	/** A column as a statistic's name: its name, then its unit in letters ({@code tumour_volume_ml}, {@code segment_size_mean_um2}). */
	static String key(final Measurements.Column c) {
		return c.unit().isEmpty() ? c.name() : c.name() + "_" + safe(c.unit().replace("µ", "u").replace("μ", "u").replace("^", ""));
	}

	private static String safe(final String s) {
		final String t = s.trim().replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("^_+|_+$", "");
		return t.isEmpty() ? "region" : t;
	}
}
