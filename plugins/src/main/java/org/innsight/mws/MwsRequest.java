package org.innsight.mws;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.innsight.request.Setting;
import org.innsight.request.Settings;

/**
 * Every option of a Mutex Watershed run, defined once for the Fiji command, {@code innsight mws} and the
 * pipeline step {@code mws}. Vectors (offsets, strides, tile) are held as typed, in the axis order
 * {@link #OFFSET_ORDER} names; {@link MwsSegmentation} turns them into (x, y[, z]) once it knows the input.
 * Inputs (the image, an affinity file, mask, seeds, a network) are not options: see {@link MwsInput}.
 */
public record MwsRequest(Settings settings) {

	public static final Setting<String> FROM = Setting.text("from", null,
		"Derive the affinities from the image: boundary (it is a boundary probability map) or gradient (its gradient magnitude).");
	public static final Setting<Double> SIGMA = Setting.number("sigma", Double.NaN, 0, 1000,
		"Gaussian smoothing (px) of the boundary map, or of the image before its gradient; auto: 0 for boundary, 1 for gradient.").autoWord("auto");
	public static final Setting<String> OFFSETS = Setting.text("offsets", null,
		"One vector per affinity channel, e.g. [[-1,0],[0,-1],[-9,0]]; none: the file's, the model card's, or built in for derived affinities.");
	public static final Setting<String> OFFSET_ORDER = Setting.choice("offsetOrder", "auto", List.of("auto", "zyx", "xyz", "yx", "xy"),
		"Axis order of offsets, strides and tile; auto: zyx (numpy) for HDF5 affinity files and models, else xyz.");
	public static final Setting<Integer> ATTRACTIVE = Setting.integer("attractive", 0, 0, 1 << 20,
		"The first K channels attract; 0: the file's or model card's count, else one per dimension.");
	public static final Setting<String> MEANING = Setting.choice("meaning", "auto", List.of("auto", "same-object", "boundary"),
		"What a high affinity means; auto: the model card's meaning, else same-object.");
	public static final Setting<String> STRIDES = Setting.text("strides", "1",
		"Keep repulsive edges only from pixels on this grid: one value for all axes, or one per axis (offset order).");
	public static final Setting<Boolean> RANDOM_STRIDES = Setting.flag("randomStrides", false,
		"Keep each repulsive edge with probability 1/prod(strides) instead of on the grid.").macroKey("randomize");
	public static final Setting<Long> SEED = Setting.whole("seed", 0, "Seed of the random strides.").macroKey("random_seed");
	public static final Setting<Integer> MIN_SIZE = Setting.integer("minSize", 0, 0, Integer.MAX_VALUE,
		"Merge segments smaller than this (px) into their most attracted neighbour; 0: off.");
	public static final Setting<String> TILE = Setting.text("tile", null, "Core tile size of a model, one value per axis (offset order); none: the card's.");
	public static final Setting<String> DATASET = Setting.text("dataset", AffinityFiles.DEFAULT_DATASET, "HDF5 dataset of an affinity file.");

	public static final List<Setting<?>> SETTINGS = List.of(FROM, SIGMA, OFFSETS, OFFSET_ORDER, ATTRACTIVE, MEANING, STRIDES, RANDOM_STRIDES, SEED,
		MIN_SIZE, TILE, DATASET);

	/** What is wrong with one setting, in words that follow its name ("must be at most ..."). */
	public record Problem(Setting<?> setting, String text) {
		@Override
		public String toString() {
			return setting.key() + " " + text;
		}
	}

	public static MwsRequest defaults() {
		return new MwsRequest(Settings.defaults(SETTINGS));
	}

	public <T> MwsRequest with(final Setting<T> s, final T v) {
		return new MwsRequest(settings.with(s, v));
	}

	/** {@code boundary} or {@code gradient}, or null when the affinities are not derived from the image. */
	public String from() {
		final String f = blankToNull(settings.get(FROM));
		if (f == null) return null;
		final String s = f.trim().toLowerCase(Locale.ROOT);
		return s.equals("boundary map") ? "boundary" : s;
	}

	/** The smoothing sigma; auto is 1 for the gradient, else 0. */
	public double sigma() {
		final double s = settings.get(SIGMA);
		return Double.isNaN(s) ? "gradient".equals(from()) ? 1 : 0 : s;
	}

	/** The offsets as typed (in the offset order), or null. */
	public int[][] typedOffsets() {
		final String o = blankToNull(settings.get(OFFSETS));
		return o == null ? null : Offsets.parse(o);
	}

	/** Whether vectors are typed in numpy order ((dz,) dy, dx); {@code auto} gives {@code byDefault}. */
	public boolean numpyOrder(final boolean byDefault) {
		return switch (settings.get(OFFSET_ORDER)) {
			case "zyx", "yx" -> true;
			case "xyz", "xy" -> false;
			default -> byDefault;
		};
	}

	/** Leading attractive channels; 0: the default (the file's or card's, else one per dimension). */
	public int attractive() {
		return settings.get(ATTRACTIVE);
	}

	/** The meaning asked for, or null for auto (the card's, else same-object). */
	public AffinityMeaning meaning() {
		final String m = settings.get(MEANING);
		return m.equals("auto") ? null : AffinityMeaning.parse(m);
	}

	/** Strides as typed (one value, or one per axis in the offset order). */
	public int[] typedStrides() {
		return Offsets.ints(settings.get(STRIDES), STRIDES.key());
	}

	public boolean randomStrides() {
		return settings.get(RANDOM_STRIDES);
	}

	public long seed() {
		return settings.get(SEED);
	}

	public int minSize() {
		return settings.get(MIN_SIZE);
	}

	/** The model's core tile as typed, or null for the card's. */
	public int[] typedTile() {
		final String t = blankToNull(settings.get(TILE));
		return t == null ? null : Offsets.ints(t, TILE.key());
	}

	public String dataset() {
		return settings.get(DATASET);
	}

	/** Every problem, as "key problem"; empty when the request can run. */
	public List<String> validate() {
		return problems(null).stream().map(Problem::toString).toList();
	}

	/**
	 * What is wrong with the values, alone and together, and (where given) with the model that predicts the
	 * affinities.
	 *
	 * @param model the affinity model, or null
	 */
	public List<Problem> problems(final AffinityModel model) {
		final List<Problem> out = new ArrayList<>();
		for (final Setting<?> s : SETTINGS) {
			final String p = problem(s);
			if (p != null) out.add(new Problem(s, p));
		}
		if (!out.isEmpty()) return out;
		final String from = from();
		if (from != null && !from.equals("boundary") && !from.equals("gradient"))
			out.add(new Problem(FROM, "must be boundary or gradient, got '" + settings.get(FROM) + "'"));
		final int[][] offsets;
		try {
			offsets = typedOffsets();
		}
		catch (final IllegalArgumentException e) {
			out.add(new Problem(OFFSETS, e.getMessage()));
			return out;
		}
		if (offsets != null && offsets[0].length != 2 && offsets[0].length != 3)
			out.add(new Problem(OFFSETS, "must have 2 (2D) or 3 (3D) components each, got " + offsets[0].length));
		if (offsets != null && attractive() > offsets.length)
			out.add(new Problem(ATTRACTIVE, "must be at most the number of offsets (" + offsets.length + "), got " + attractive()));
		vector(out, STRIDES, offsets);
		final int[] tile = vector(out, TILE, null);
		if (model != null) {
			if (offsets != null) out.add(new Problem(OFFSETS, "cannot change a model's offsets (they are in its card)"));
			if (tile != null && tile.length != model.numDimensions())
				out.add(new Problem(TILE, "needs " + model.numDimensions() + " values for the " + model.numDimensions() + "D model, got " + tile.length));
			if (attractive() > model.offsets().length)
				out.add(new Problem(ATTRACTIVE, "must be at most the model's " + model.offsets().length + " channels, got " + attractive()));
		}
		return out;
	}

	/** Checks strides or tile: whole numbers >= 1, one value (strides only) or one per axis. */
	private int[] vector(final List<Problem> out, final Setting<String> s, final int[][] offsets) {
		final int[] v;
		try {
			v = s == STRIDES ? typedStrides() : typedTile();
		}
		catch (final IllegalArgumentException e) {
			out.add(new Problem(s, "must be whole numbers separated by commas, got '" + settings.get(s) + "'"));
			return null;
		}
		if (v == null) return null;
		for (final int x : v)
			if (x < 1) {
				out.add(new Problem(s, "must hold whole numbers >= 1, got '" + settings.get(s) + "'"));
				return null;
			}
		if (s == STRIDES && v.length != 1 && v.length != 2 && v.length != 3)
			out.add(new Problem(s, "needs one value or one per dimension, got " + v.length));
		else if (s == STRIDES && offsets != null && v.length != 1 && v.length != offsets[0].length)
			out.add(new Problem(s, "needs " + offsets[0].length + " values like the offsets, got " + v.length));
		else if (s == TILE && v.length != 2 && v.length != 3) out.add(new Problem(s, "needs one value per dimension (2 or 3), got " + v.length));
		return v;
	}

	private <T> String problem(final Setting<T> s) {
		return s.problem(settings.get(s));
	}

	private static String blankToNull(final String s) {
		return s == null || s.isBlank() ? null : s;
	}
}
