package org.innsight.dalsa.forest;

/**
 * One trained tree in flat arrays. Node k is a split if feature[k] >= 0 (value <= threshold[k] goes to child
 * left[k], otherwise to left[k] + 1) and a leaf if feature[k] < 0 (leaf index -feature[k] - 1, whose class
 * probabilities are leafProbabilities[leaf * classCount ..]). Children always have larger indices than their
 * parent, so a prediction walk always ends.
 */
public final class DecisionTree {

	final int[] feature;
	final float[] threshold;
	final int[] left;
	final float[] leafProbabilities;
	final int classCount;

	DecisionTree(final int[] feature, final float[] threshold, final int[] left, final float[] leafProbabilities, final int classCount) {
		this.feature = feature;
		this.threshold = threshold;
		this.left = left;
		this.leafProbabilities = leafProbabilities;
		this.classCount = classCount;
	}

	public int nodeCount() {
		return feature.length;
	}

	public int leafCount() {
		return leafProbabilities.length / classCount;
	}

	/** Offset in {@link #leafProbabilities} of the leaf reached by the row at rows[offset ..]. */
	int leafOffset(final float[] rows, final int offset) {
		int node = 0;
		int f;
		while ((f = feature[node]) >= 0)
			node = rows[offset + f] <= threshold[node] ? left[node] : left[node] + 1;
		return (-f - 1) * classCount;
	}

	/** Depth of the deepest leaf (root = 0). */
	public int depth() {
		final int[] d = new int[feature.length];
		int max = 0;
		for (int k = 0; k < feature.length; k++) {
			max = Math.max(max, d[k]);
			if (feature[k] >= 0) d[left[k]] = d[left[k] + 1] = d[k] + 1;
		}
		return max;
	}
}
