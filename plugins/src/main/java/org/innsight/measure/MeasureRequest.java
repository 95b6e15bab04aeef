package org.innsight.measure;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innsight.dalsa.DalsaTrainRequest;
import org.innsight.request.Setting;
import org.innsight.request.Settings;

/**
 * The options of region measurements ({@link Measure#run}), as {@code Measure Regions} in Fiji, {@code innsight
 * measure} and the pipeline step {@code "measure"} offer them. The maps, the regions and the truth are inputs,
 * not settings.
 */
public record MeasureRequest(Settings settings) {

	public static final Setting<String> LABEL_KIND = Setting.choice("labelKind", "auto", List.of("auto", "classes", "segments"),
		"How a label map is measured: classes (DALSA: voxels, volume and Dice per class), segments (Mutex Watershed: count and sizes), " +
			"or auto (8-bit maps are classes, 16- and 32-bit maps segments)");
	public static final Setting<Double> INTERVAL = Setting.number("interval", 0.9, 0.5, 0.99,
		"Level of the credible interval of the pooled posterior (0.9: from the 5% to the 95% quantile)");
	public static final Setting<Boolean> PER_SLICE = Setting.flag("perSlice", false,
		"Measure each z slice of a 3D map on its own (default: regions are 3D)");
	/** DALSA's own class-name setting: {@code 1=healthy,2=tumour}. */
	public static final Setting<String> CLASS_NAMES = DalsaTrainRequest.CLASS_NAMES;

	public static final List<Setting<?>> SETTINGS = List.of(LABEL_KIND, INTERVAL, PER_SLICE, CLASS_NAMES);

	public static MeasureRequest defaults() {
		return new MeasureRequest(Settings.defaults(SETTINGS));
	}

	public <T> MeasureRequest with(final Setting<T> s, final T v) {
		return new MeasureRequest(settings.with(s, v));
	}

	/** auto, classes or segments. */
	public String labelKind() {
		return settings.get(LABEL_KIND);
	}

	public double interval() {
		return settings.get(INTERVAL);
	}

	/** The interval's columns: {@code ci90} for 0.9. */
	public String intervalName() {
		final double p = 100 * interval();
		return "ci" + (p == Math.rint(p) ? Long.toString(Math.round(p)) : String.format(Locale.ROOT, "%.1f", p).replace('.', '_'));
	}

	public boolean perSlice() {
		return settings.get(PER_SLICE);
	}

	public Map<Integer, String> classNames() {
		return DalsaTrainRequest.classNames(settings.get(CLASS_NAMES));
	}

	/** What is wrong with the options, one clear message each; empty when they can be run. */
	public List<String> validate() {
		final List<String> problems = new java.util.ArrayList<>(settings.problems());
		try {
			classNames();
		}
		catch (final IllegalArgumentException e) {
			problems.add(e.getMessage());
		}
		return problems;
	}

	/** This request, or an exception listing its problems. */
	public MeasureRequest checked() {
		final List<String> problems = validate();
		if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
		return this;
	}
}
