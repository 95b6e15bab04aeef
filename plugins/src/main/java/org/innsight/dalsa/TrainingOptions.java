package org.innsight.dalsa;

import org.innsight.dalsa.features.FeatureExtractor;
import org.innsight.dalsa.features.FeatureSettings;
import org.innsight.forest.ForestSettings;

/**
 * How DALSA trains.
 *
 * @param features voxel features (scales in mm, structure tensor on/off)
 * @param forest forest size and randomness (its seed also drives the voxel sampling)
 * @param weighting importance weighting on (DALSA) or off (plain sparse training)
 * @param l2 ridge penalty of the annotated-vs-scan logistic regression
 * @param weightingSamples voxels drawn from the scan, and at most this many annotated voxels, to fit the regression
 * @param tileSize tile core for feature computation (memory bound, not a result-changing setting)
 * @param threads worker threads; 0 = all cores
 */
public record TrainingOptions(FeatureSettings features, ForestSettings forest, boolean weighting, double l2, int weightingSamples,
	int[] tileSize, int threads)
{
	public static final double DEFAULT_L2 = 1.0;
	public static final int DEFAULT_WEIGHTING_SAMPLES = 20000;

	public TrainingOptions {
		if (!(l2 >= 0)) throw new IllegalArgumentException("L2 penalty must be >= 0, got " + l2);
		if (weightingSamples < 100) throw new IllegalArgumentException("need at least 100 weighting samples, got " + weightingSamples);
		if (tileSize.length != 3) throw new IllegalArgumentException("tile size needs x, y, z");
	}

	public static TrainingOptions defaults() {
		return new TrainingOptions(FeatureSettings.defaults(), ForestSettings.defaults(), true, DEFAULT_L2, DEFAULT_WEIGHTING_SAMPLES,
			FeatureExtractor.DEFAULT_TILE.clone(), 0);
	}

	public TrainingOptions withWeighting(final boolean on) {
		return new TrainingOptions(features, forest, on, l2, weightingSamples, tileSize, threads);
	}

	public TrainingOptions withForest(final ForestSettings f) {
		return new TrainingOptions(features, f, weighting, l2, weightingSamples, tileSize, threads);
	}

	public TrainingOptions withFeatures(final FeatureSettings f) {
		return new TrainingOptions(f, forest, weighting, l2, weightingSamples, tileSize, threads);
	}

	public TrainingOptions withThreads(final int t) {
		return new TrainingOptions(features, forest.withThreads(t), weighting, l2, weightingSamples, tileSize, t);
	}
}
