package org.innsight.dalsa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.innsight.dalsa.features.FeatureSettings;
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
	public static final Setting<Double> L2 = Setting.number("l2", 1.0, 0, Double.NaN, "Ridge penalty of the weighting regression");
	public static final Setting<Integer> WEIGHTING_SAMPLES = Setting.integer("weightingSamples", 20_000, 100, 100_000_000,
		"Scan voxels drawn to fit the weighting regression");
	/** Shared with {@link DalsaApplyRequest}: features are computed tile by tile alike. */
	public static final Setting<String> TILE = Setting.text("tile", "256,256,16", "Tile core X,Y,Z for features (bounds memory, never changes the result)");
	public static final Setting<String> CLASS_NAMES = Setting.text("classNames", "",
		"Class names by label, e.g. 1=healthy,2=oedema (default: class N)");

	public static final List<Setting<?>> SETTINGS = List.of(TREES, SEED, SIGMAS, STRUCTURE_TENSOR, WEIGHTING, L2, WEIGHTING_SAMPLES, TILE, CLASS_NAMES);

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
	static Map<Integer, String> classNames(final String text) {
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
