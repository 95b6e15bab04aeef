package org.innsight.forest;

/**
 * Random forest hyper-parameters. Defaults follow DALSA/MITK: 255 fully grown trees, sqrt(features) candidate
 * features per split, bootstrap samples.
 *
 * @param trees number of trees
 * @param featuresPerSplit candidate features tried per split; 0 = round(sqrt(feature count))
 * @param minLeafSamples a split must leave at least this many distinct samples on each side
 * @param maxDepth deepest split level; 0 = unlimited
 * @param bootstrap draw each tree's samples with replacement (counts multiply the sample weights); false = every sample once
 * @param seed random seed; the same seed gives the same forest whatever the thread count
 * @param threads worker threads; 0 = all cores
 */
public record ForestSettings(int trees, int featuresPerSplit, int minLeafSamples, int maxDepth, boolean bootstrap, long seed, int threads) {

	public static final int DEFAULT_TREES = 255;

	public ForestSettings {
		if (trees < 1) throw new IllegalArgumentException("a forest needs at least one tree, got " + trees);
		if (featuresPerSplit < 0) throw new IllegalArgumentException("features per split must be >= 0, got " + featuresPerSplit);
		if (minLeafSamples < 1) throw new IllegalArgumentException("minimum leaf size must be >= 1, got " + minLeafSamples);
		if (maxDepth < 0) throw new IllegalArgumentException("maximum depth must be >= 0, got " + maxDepth);
	}

	public static ForestSettings defaults() {
		return new ForestSettings(DEFAULT_TREES, 0, 1, 0, true, 1, 0);
	}

	public ForestSettings withTrees(final int n) {
		return new ForestSettings(n, featuresPerSplit, minLeafSamples, maxDepth, bootstrap, seed, threads);
	}

	public ForestSettings withSeed(final long s) {
		return new ForestSettings(trees, featuresPerSplit, minLeafSamples, maxDepth, bootstrap, s, threads);
	}

	public ForestSettings withThreads(final int t) {
		return new ForestSettings(trees, featuresPerSplit, minLeafSamples, maxDepth, bootstrap, seed, t);
	}

	public ForestSettings withBootstrap(final boolean b) {
		return new ForestSettings(trees, featuresPerSplit, minLeafSamples, maxDepth, b, seed, threads);
	}

	/** Candidate features per split for {@code featureCount} features. */
	public int featuresPerSplit(final int featureCount) {
		final int m = featuresPerSplit > 0 ? featuresPerSplit : (int) Math.round(Math.sqrt(featureCount));
		return Math.max(1, Math.min(featureCount, m));
	}
}
