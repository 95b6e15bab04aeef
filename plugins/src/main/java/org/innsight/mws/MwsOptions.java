package org.innsight.mws;

import org.innsight.progress.ProgressListener;

/**
 * How a Mutex Watershed runs on a pixel grid. Set with the fluent setters; defaults: same-object affinities,
 * strides 1, no mask, no seeds, no size filter, all cores.
 */
public final class MwsOptions {

	private int attractive = -1;
	private AffinityMeaning meaning = AffinityMeaning.SAME_OBJECT;
	private int[] strides;
	private int[] strideOrigin;
	private boolean randomStrides;
	private long seed;
	private boolean[] mask;
	private int[] seeds;
	private int minSize;
	private int threads;
	private ProgressListener progress = ProgressListener.NONE;

	/** The first {@code k} channels are attractive, the rest repulsive (mutex). Default: one per dimension. */
	public MwsOptions attractive(final int k) {
		attractive = k;
		return this;
	}

	public MwsOptions meaning(final AffinityMeaning m) {
		meaning = m == null ? AffinityMeaning.SAME_OBJECT : m;
		return this;
	}

	/**
	 * Thins repulsive edges: an edge is kept iff its source pixel's coordinate is divisible by the stride in
	 * every dimension, counted from 0. Order (x, y[, z]); one value = the same in every dimension; null = all 1.
	 */
	public MwsOptions strides(final int... stridesXyz) {
		strides = stridesXyz == null ? null : stridesXyz.clone();
		return this;
	}

	/**
	 * Where the stride grid is counted from: a repulsive edge is kept iff (origin + its source pixel's coordinate)
	 * is divisible by the stride in every dimension. A block of a larger volume passes its own position here
	 * (x, y[, z]) so that it keeps exactly the repulsive edges the whole volume keeps. Null = 0.
	 */
	public MwsOptions strideOrigin(final int... originXyz) {
		strideOrigin = originXyz == null ? null : originXyz.clone();
		return this;
	}

	/** The stride grid's origin (x, y[, z]) for an image of {@code dims} dimensions. */
	public int[] strideOrigin(final int dims) {
		if (strideOrigin == null) return new int[dims];
		if (strideOrigin.length != dims)
			throw new IllegalArgumentException("stride origin needs " + dims + " values, one per dimension, got " + strideOrigin.length);
		return strideOrigin.clone();
	}

	/** A copy of these options (arrays shared, not copied). */
	public MwsOptions copy() {
		final MwsOptions c = new MwsOptions();
		c.attractive = attractive;
		c.meaning = meaning;
		c.strides = strides;
		c.strideOrigin = strideOrigin;
		c.randomStrides = randomStrides;
		c.seed = seed;
		c.mask = mask;
		c.seeds = seeds;
		c.minSize = minSize;
		c.threads = threads;
		c.progress = progress;
		return c;
	}

	/**
	 * Instead of the regular stride grid, keeps each repulsive edge with probability 1 / prod(strides), decided
	 * by a hash of {@code seed} and the edge index (see {@link #keepRandomly}), so the result is reproducible.
	 */
	public MwsOptions randomStrides(final boolean random, final long seed) {
		randomStrides = random;
		this.seed = seed;
		return this;
	}

	/** Foreground pixels (x fastest); edges touching background are dropped and background gets label 0. */
	public MwsOptions mask(final boolean[] foreground) {
		mask = foreground;
		return this;
	}

	/**
	 * Seed labels per pixel (x fastest; 0 = no seed). Pixels with one seed label start as one cluster, clusters
	 * of different seeds never merge, and each segment that holds a seed is labelled with it; the others are
	 * numbered from max(seed) + 1.
	 */
	public MwsOptions seeds(final int[] seedLabels) {
		seeds = seedLabels;
		return this;
	}

	/** Segments smaller than this (in pixels) are merged afterwards; see {@link MutexWatershed}. 0 or 1 = off. */
	public MwsOptions minSize(final int pixels) {
		minSize = pixels;
		return this;
	}

	/** Threads for building and sorting edges; 0 = all cores. */
	public MwsOptions threads(final int n) {
		threads = n;
		return this;
	}

	public MwsOptions progress(final ProgressListener listener) {
		progress = listener == null ? ProgressListener.NONE : listener;
		return this;
	}

	/** The number of attractive channels for an image of {@code dims} dimensions. */
	public int attractiveFor(final int dims) {
		return attractive < 0 ? dims : attractive;
	}

	public AffinityMeaning meaning() {
		return meaning;
	}

	/** Strides (x, y[, z]) for an image of {@code dims} dimensions. */
	public int[] strides(final int dims) {
		if (strides == null || strides.length == 1) {
			final int[] same = new int[dims];
			java.util.Arrays.fill(same, strides == null ? 1 : strides[0]);
			return same;
		}
		return strides.clone();
	}

	public boolean randomStrides() {
		return randomStrides;
	}

	public long seed() {
		return seed;
	}

	public boolean[] mask() {
		return mask;
	}

	public int[] seeds() {
		return seeds;
	}

	public int minSize() {
		return minSize;
	}

	public int threads() {
		return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
	}

	public ProgressListener progress() {
		return progress;
	}

	/**
	 * The random stride rule: repulsive edge {@code edgeIndex} (= c * N + p) is kept iff
	 * {@code u < keepProbability}, where u in [0, 1) is the top 53 bits of SplitMix64's finaliser applied to
	 * {@code seed + edgeIndex * 0x9E3779B97F4A7C15}. A hash instead of a stream makes the choice of one edge
	 * independent of every other edge, of the mask and of the thread that builds it.
	 */
	public static boolean keepRandomly(final long seed, final long edgeIndex, final double keepProbability) {
		long z = seed + edgeIndex * 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		z ^= z >>> 31;
		return (z >>> 11) * 0x1.0p-53 < keepProbability;
	}
}
