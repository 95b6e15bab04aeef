package org.innsight.dalsa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.innsight.dalsa.features.FeatureSettings;
import org.innsight.dalsa.weights.ClassWeighting;
import org.innsight.forest.ForestSettings;
import org.innsight.request.Setting;
import org.innsight.request.Settings;

/**
 * How DALSA trains, as the user sets it in Fiji ({@code DALSA Segmentation}), on the command line
 * ({@code innsight dalsa train}, {@code evaluate}, {@code bench dalsa}) and in the demo: voxel features, forest size
 * and seed, importance weighting. The scan, its annotations and the thread count are not settings: they are
 * arguments of {@link Dalsa#train}.
 */
public record DalsaTrainRequest(Settings settings) {

	public static final Setting<Integer> TREES = Setting.integer("trees", ForestSettings.DEFAULT_TREES, 1, 100_000, "Trees in the forest");
	public static final Setting<Long> SEED = Setting.whole("seed", 1, "Random seed of the voxel sampling and the forest");
	public static final Setting<String> SIGMAS = Setting.text("sigmas", "1,2,4,8", "Feature scales in mm, increasing");
	public static final Setting<Boolean> STRUCTURE_TENSOR = Setting.flag("structureTensor", false, "Add structure-tensor eigenvalues to the features");
	public static final Setting<Boolean> WEIGHTING = Setting.flag("weighting", true,
		"Importance weighting of the annotated voxels (DALSA); off: plain sparse training").cliName("--no-weighting"); // picocli: --[no-]weighting
	public static final Setting<String> WEIGHTING_METHOD = Setting.choice("weightingMethod", ClassWeighting.CLASS, ClassWeighting.METHODS,
		"class: density ratio within each class, normalised per class (default); global: MITK's single ratio (can weight rare classes away)");
	public static final Setting<Double> WEIGHT_TEMPER = Setting.number("weightTemper", 0.5, 0, 1,
		"Exponent of the class-conditional density ratio: 0 = no weighting, 1 = the full ratio (method class)");
	public static final Setting<Double> WEIGHT_CLIP = Setting.number("weightClip", 10, 1, 1e6,
		"Largest weight / class median and median / smallest weight (method class)");
	public static final Setting<Double> L2 = Setting.number("l2", 1.0, 0, Double.NaN, "Ridge penalty of the weighting regression");
	public static final Setting<Integer> WEIGHTING_SAMPLES = Setting.integer("weightingSamples", 20_000, 100, 100_000_000,
		"Scan voxels drawn to fit the weighting regression");
	/** Shared with {@link DalsaApplyRequest}: features are computed tile by tile alike. */
	public static final Setting<String> TILE = Setting.text("tile", "256,256,16", "Tile core X,Y,Z for features (bounds memory, never changes the result)");
	/** Shared with {@link DalsaApplyRequest}: which voxels z-score the intensities when a mask is given. */
	public static final Setting<String> NORMALISE = Setting.choice("normalise", "mask", List.of("mask", "scan"),
		"With a mask: z-score intensities over the mask (mask), or over the whole scan's foreground, voxels non-zero in any modality (scan)");
	/** Shared with {@link DalsaApplyRequest}: names of the modalities, in order. */
	public static final Setting<String> MODALITIES = Setting.text("modalities", "",
		"Modality names in order, e.g. t1,t1c,t2,flair (default: the file or channel names)");
	public static final Setting<String> CLASS_NAMES = Setting.text("classNames", "",
		"Class names by label, e.g. 1=healthy,2=oedema (default: class N)");

	public static final List<Setting<?>> SETTINGS = List.of(TREES, SEED, SIGMAS, STRUCTURE_TENSOR, WEIGHTING, WEIGHTING_METHOD,
		WEIGHT_TEMPER, WEIGHT_CLIP, L2, WEIGHTING_SAMPLES, TILE, NORMALISE, MODALITIES, CLASS_NAMES);

	public static DalsaTrainRequest defaults() {
		return new DalsaTrainRequest(Settings.defaults(SETTINGS));
	}

	public <T> DalsaTrainRequest with(final Setting<T> s, final T v) {
		return new DalsaTrainRequest(settings.with(s, v));
	}

	public int trees() {
		return settings.get(TREES);
	}

	public long seed() {
		return settings.get(SEED);
	}

	public boolean weighting() {
		return settings.get(WEIGHTING);
	}

	public double l2() {
		return settings.get(L2);
	}

	public int weightingSamples() {
		return settings.get(WEIGHTING_SAMPLES);
	}

	/** How the importance weights are estimated (the regressions fit on at most {@link #weightingSamples()} annotated voxels). */
	public ClassWeighting.Options weightingOptions() {
		return new ClassWeighting.Options(settings.get(WEIGHTING_METHOD), l2(), settings.get(WEIGHT_TEMPER), settings.get(WEIGHT_CLIP),
			weightingSamples(), seed() + 29);
	}

	/** Feature scales and structure tensor; Gaussians cut at {@link FeatureSettings#DEFAULT_TRUNCATE} sigma. */
	public FeatureSettings features() {
		return new FeatureSettings(numbers(settings.get(SIGMAS), SIGMAS), settings.get(STRUCTURE_TENSOR), FeatureSettings.DEFAULT_TRUNCATE);
	}

	/** The forest: {@link #trees()}, {@link #seed()}, otherwise the defaults, on {@code threads} threads (0: all cores). */
	public ForestSettings forest(final int threads) {
		return ForestSettings.defaults().withTrees(trees()).withSeed(seed()).withThreads(threads);
	}

	public int[] tileSize() {
		return tile(settings);
	}

	/** True: with a mask, intensities are z-scored over the mask; false: over the scan's foreground whatever the mask. */
	public boolean normaliseOverMask() {
		return "mask".equals(settings.get(NORMALISE));
	}

	/** The modality names given (empty: none given). */
	public List<String> modalities() {
		return names(settings.get(MODALITIES));
	}

	/** "t1, t1c" as names; empty text: none. */
	static List<String> names(final String text) {
		if (text == null || text.isBlank()) return List.of();
		final List<String> out = new ArrayList<>();
		for (final String p : text.split(",")) {
			if (p.isBlank()) throw new IllegalArgumentException("modalities: empty name in '" + text + "'");
			out.add(p.trim());
		}
		if (out.stream().distinct().count() != out.size()) throw new IllegalArgumentException("modalities: a name repeats in '" + text + "'");
		return out;
	}

	/** Class names by label ("1=healthy,2=oedema", or a plain list "healthy,oedema" for labels 1, 2, ...); empty: none. */
	public Map<Integer, String> classNames() {
		return classNames(settings.get(CLASS_NAMES));
	}

	/** What is wrong with these settings, one clear message each; empty when training can start. */
	public List<String> validate() {
		final List<String> problems = new ArrayList<>(settings.problems());
		check(problems, this::features);
		check(problems, this::tileSize);
		check(problems, this::classNames);
		check(problems, this::modalities);
		check(problems, this::weightingOptions);
		return problems;
	}

	/** Adds the message of {@code parse}'s failure, if it fails. */
	static void check(final List<String> problems, final Supplier<?> parse) {
		try {
			parse.get();
		}
		catch (final IllegalArgumentException e) {
			problems.add(e.getMessage());
		}
	}

	/** The tile of settings holding {@link #TILE}: three whole numbers X,Y,Z, each at least 1. */
	static int[] tile(final Settings settings) {
		final double[] v = numbers(settings.get(TILE), TILE);
		if (v.length != 3) throw new IllegalArgumentException("tile needs three sizes [x, y, z], got " + v.length);
		final int[] out = new int[3];
		for (int i = 0; i < 3; i++) {
			if (v[i] != Math.rint(v[i]) || v[i] < 1 || v[i] > 1 << 16)
				throw new IllegalArgumentException("tile sizes must be whole numbers between 1 and 65536, got " + settings.get(TILE));
			out[i] = (int) v[i];
		}
		return out;
	}

	/** "1,2,4,8" as numbers; the message names the setting and the part that is not a number. */
	static double[] numbers(final String text, final Setting<String> setting) {
		final String[] parts = text.trim().split("\\s*,\\s*");
		final double[] out = new double[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				out[i] = Double.parseDouble(parts[i]);
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException(setting.key() + ": '" + parts[i] + "' is not a number (expected e.g. " + setting.defaultValue() + ")");
			}
		}
		return out;
	}

	/** Class names from "1=healthy,2=oedema" or a plain list "healthy,oedema" (labels 1, 2, ...); empty = none. */
	public static Map<Integer, String> classNames(final String text) {
		final Map<Integer, String> names = new LinkedHashMap<>();
		if (text == null || text.isBlank()) return names;
		final String[] parts = text.split(",");
		for (int i = 0; i < parts.length; i++) {
			final String p = parts[i].trim();
			final int eq = p.indexOf('=');
			if (eq < 0) names.put(i + 1, p);
			else {
				try {
					names.put(Integer.parseInt(p.substring(0, eq).trim()), p.substring(eq + 1).trim());
				}
				catch (final NumberFormatException e) {
					throw new IllegalArgumentException("class names: '" + p + "' is not LABEL=NAME");
				}
			}
		}
		return names;
	}
}
