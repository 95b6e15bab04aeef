package org.innsight.forest;

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

	/**
	 * {@link #leafOffset} of four consecutive rows (at offset, offset + stride, ...) walked together; same result,
	 * but the four independent walks keep the CPU busy while each waits for its next node.
	 */
	void leafOffsets4(final float[] rows, final int offset, final int stride, final int[] out) {
		int n0 = 0, n1 = 0, n2 = 0, n3 = 0;
		final int o0 = offset, o1 = o0 + stride, o2 = o1 + stride, o3 = o2 + stride;
		int f0 = feature[0], f1 = f0, f2 = f0, f3 = f0;
		while ((f0 & f1 & f2 & f3) >= 0) { // until all four reached a leaf (all negative)
			// "not <=" rather than ">" so NaN goes right, exactly as in leafOffset
			if (f0 >= 0) f0 = feature[n0 = left[n0] + (rows[o0 + f0] <= threshold[n0] ? 0 : 1)];
			if (f1 >= 0) f1 = feature[n1 = left[n1] + (rows[o1 + f1] <= threshold[n1] ? 0 : 1)];
			if (f2 >= 0) f2 = feature[n2 = left[n2] + (rows[o2 + f2] <= threshold[n2] ? 0 : 1)];
			if (f3 >= 0) f3 = feature[n3 = left[n3] + (rows[o3 + f3] <= threshold[n3] ? 0 : 1)];
		}
		out[0] = (-f0 - 1) * classCount;
		out[1] = (-f1 - 1) * classCount;
		out[2] = (-f2 - 1) * classCount;
		out[3] = (-f3 - 1) * classCount;
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
