package org.innsight.forest;

/**
 * Samples for the forest: features column-major (features[f][i]), a class index 0..classCount-1 and a non-negative
 * weight per sample (importance weights; 1 for unweighted training).
 */
public final class TrainingSet {

	public final float[][] features;
	public final int[] classes;
	public final float[] weights;
	public final int classCount;

	public TrainingSet(final float[][] features, final int[] classes, final float[] weights, final int classCount) {
		if (features.length == 0) throw new IllegalArgumentException("training set has no features");
		final int n = classes.length;
		if (n == 0) throw new IllegalArgumentException("training set is empty: no annotated voxels");
		if (weights.length != n) throw new IllegalArgumentException(weights.length + " weights for " + n + " samples");
		for (final float[] column : features)
			if (column.length != n) throw new IllegalArgumentException("feature column of " + column.length + " values for " + n + " samples");
		if (classCount < 1 || classCount > 255) throw new IllegalArgumentException("class count must be 1..255, got " + classCount);
		for (final int c : classes) if (c < 0 || c >= classCount) throw new IllegalArgumentException("class index " + c + " outside 0.." + (classCount - 1));
		for (final float w : weights) if (!(w >= 0) || Float.isInfinite(w)) throw new IllegalArgumentException("sample weights must be finite and >= 0, got " + w);
		this.features = features;
		this.classes = classes;
		this.weights = weights;
		this.classCount = classCount;
	}

	public static TrainingSet unweighted(final float[][] features, final int[] classes, final int classCount) {
		final float[] w = new float[classes.length];
		java.util.Arrays.fill(w, 1f);
		return new TrainingSet(features, classes, w, classCount);
	}

	public int size() {
		return classes.length;
	}

	public int featureCount() {
		return features.length;
	}
}
