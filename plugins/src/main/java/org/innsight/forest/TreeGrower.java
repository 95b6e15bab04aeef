package org.innsight.forest;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows one classification tree on binned features with weighted Gini impurity. Splits are searched on per-node
 * class histograms over the feature bins (large nodes) or by sorting the node's samples by bin (small nodes); both
 * find the same split, the first best in bin order. One grower per thread.
 */
final class TreeGrower {

	private final FeatureBins bins;
	private final int[] classes;
	private final int classCount;
	private final int featureCount;
	private final int featuresPerSplit;
	private final int minLeaf;
	private final int maxDepth;

	private final double[] histogram;
	private final int[] binCounts;
	private final long[] keys = new long[FeatureBins.MAX_BINS];
	private final double[] left;
	private final int[] featureOrder;

	private int bestFeature;
	private int bestBin;
	private double bestScore;

	TreeGrower(final FeatureBins bins, final int[] classes, final int classCount, final ForestSettings settings) {
		this.bins = bins;
		this.classes = classes;
		this.classCount = classCount;
		this.featureCount = bins.bins.length;
		this.featuresPerSplit = settings.featuresPerSplit(featureCount);
		this.minLeaf = settings.minLeafSamples();
		this.maxDepth = settings.maxDepth() == 0 ? Integer.MAX_VALUE : settings.maxDepth();
		this.histogram = new double[FeatureBins.MAX_BINS * classCount];
		this.binCounts = new int[FeatureBins.MAX_BINS];
		this.left = new double[classCount];
		this.featureOrder = new int[featureCount];
	}

	/**
	 * @param samples the distinct samples of this tree (reordered in place)
	 * @param weight weight of each sample (indexed by sample), > 0 for every sample listed
	 * @param treeSeed seeds each node's own random stream, so what one node draws never shifts another's draws
	 *        (a sample of weight 2 and two copies of it then grow the same tree)
	 */
	DecisionTree grow(final int[] samples, final double[] weight, final long treeSeed) {
		final NodeArrays nodes = new NodeArrays(classCount);
		nodes.addNode();
		int[] stack = new int[64 * 4];
		int top = 0;
		stack[top++] = 0; stack[top++] = samples.length; stack[top++] = 0; stack[top++] = 0;
		final double[] totals = new double[classCount];
		while (top > 0) {
			final int node = stack[--top], depth = stack[--top], end = stack[--top], start = stack[--top];
			Arrays.fill(totals, 0);
			for (int k = start; k < end; k++) totals[classes[samples[k]]] += weight[samples[k]];
			final int count = end - start;
			if (count < 2 * minLeaf || depth >= maxDepth || pure(totals)
				|| !findSplit(samples, start, end, weight, totals, new SplittableRandom(treeSeed + 0x9E3779B97F4A7C15L * (node + 1L)))) {
				nodes.makeLeaf(node, totals);
				continue;
			}
			final int feature = bestFeature, bin = bestBin;
			final int mid = partition(samples, start, end, bins.bins[feature], bin);
			final int child = nodes.addNode();
			nodes.addNode();
			nodes.makeSplit(node, feature, bins.cuts[feature][bin], child);
			if (top + 8 > stack.length) stack = Arrays.copyOf(stack, stack.length * 2);
			stack[top++] = mid; stack[top++] = end; stack[top++] = depth + 1; stack[top++] = child + 1;
			stack[top++] = start; stack[top++] = mid; stack[top++] = depth + 1; stack[top++] = child;
		}
		return nodes.toTree();
	}

	private static boolean pure(final double[] totals) {
		int present = 0;
		for (final double t : totals) if (t > 0) present++;
		return present <= 1;
	}

	/** Draws candidate features; after {@link #featuresPerSplit} draws it stops at the first that allows a split. */
	private boolean findSplit(final int[] samples, final int start, final int end, final double[] weight, final double[] totals,
		final SplittableRandom random)
	{
		bestFeature = -1;
		bestScore = Double.NEGATIVE_INFINITY;
		for (int f = 0; f < featureCount; f++) featureOrder[f] = f;
		for (int j = 0; j < featureCount; j++) {
			final int r = j + random.nextInt(featureCount - j);
			final int f = featureOrder[r];
			featureOrder[r] = featureOrder[j];
			featureOrder[j] = f;
			final int binCount = bins.cuts[f].length + 1;
			if (binCount > 1) {
				if (end - start < binCount) searchSorted(f, samples, start, end, weight, totals);
				else searchHistogram(f, binCount, samples, start, end, weight, totals);
			}
			if (j + 1 >= featuresPerSplit && bestFeature >= 0) return true;
		}
		return bestFeature >= 0;
	}

	private void searchHistogram(final int f, final int binCount, final int[] samples, final int start, final int end,
		final double[] weight, final double[] totals)
	{
		final byte[] b = bins.bins[f];
		final int k = classCount;
		Arrays.fill(histogram, 0, binCount * k, 0);
		Arrays.fill(binCounts, 0, binCount, 0);
		for (int s = start; s < end; s++) {
			final int i = samples[s];
			final int bin = b[i] & 0xff;
			histogram[bin * k + classes[i]] += weight[i];
			binCounts[bin]++;
		}
		Arrays.fill(left, 0);
		final int count = end - start;
		int leftCount = 0;
		for (int bin = 0; bin < binCount - 1; bin++) {
			if (binCounts[bin] == 0) continue;
			for (int c = 0; c < k; c++) left[c] += histogram[bin * k + c];
			leftCount += binCounts[bin];
			if (leftCount == count) break;
			consider(f, bin, leftCount, count, totals);
		}
	}

	private void searchSorted(final int f, final int[] samples, final int start, final int end, final double[] weight, final double[] totals) {
		final byte[] b = bins.bins[f];
		final int count = end - start;
		for (int s = 0; s < count; s++) keys[s] = ((long) (b[samples[start + s]] & 0xff) << 32) | s;
		Arrays.sort(keys, 0, count);
		Arrays.fill(left, 0);
		for (int s = 0; s < count - 1; s++) {
			final int i = samples[start + (int) keys[s]];
			left[classes[i]] += weight[i];
			final int bin = (int) (keys[s] >>> 32);
			if ((int) (keys[s + 1] >>> 32) != bin) consider(f, bin, s + 1, count, totals);
		}
	}

	/** Scores the split "bin <= b" with the class weights accumulated in {@link #left}: sum L_c^2/L + sum R_c^2/R. */
	private void consider(final int f, final int bin, final int leftCount, final int count, final double[] totals) {
		if (leftCount < minLeaf || count - leftCount < minLeaf) return;
		double lw = 0, rw = 0, ls = 0, rs = 0;
		for (int c = 0; c < classCount; c++) {
			final double l = left[c], r = totals[c] - l;
			lw += l;
			rw += r;
			ls += l * l;
			rs += r * r;
		}
		if (!(lw > 0) || !(rw > 0)) return;
		final double score = ls / lw + rs / rw;
		if (score > bestScore) {
			bestScore = score;
			bestFeature = f;
			bestBin = bin;
		}
	}

	private static int partition(final int[] samples, final int start, final int end, final byte[] b, final int bin) {
		int i = start, j = end - 1;
		while (i <= j) {
			if ((b[samples[i]] & 0xff) <= bin) i++;
			else {
				final int t = samples[i];
				samples[i] = samples[j];
				samples[j--] = t;
			}
		}
		return i;
	}

	/** Growable node storage. */
	private static final class NodeArrays {
		private final int classCount;
		private int[] feature = new int[1024];
		private float[] threshold = new float[1024];
		private int[] left = new int[1024];
		private float[] leaves = new float[1024];
		private int nodes, leafValues;

		NodeArrays(final int classCount) {
			this.classCount = classCount;
		}

		int addNode() {
			if (nodes == feature.length) {
				feature = Arrays.copyOf(feature, nodes * 2);
				threshold = Arrays.copyOf(threshold, nodes * 2);
				left = Arrays.copyOf(left, nodes * 2);
			}
			return nodes++;
		}

		void makeSplit(final int node, final int f, final float t, final int child) {
			feature[node] = f;
			threshold[node] = t;
			left[node] = child;
		}

		void makeLeaf(final int node, final double[] totals) {
			double sum = 0;
			for (final double t : totals) sum += t;
			if (leafValues + classCount > leaves.length) leaves = Arrays.copyOf(leaves, Math.max(leaves.length * 2, leafValues + classCount));
			final int leaf = leafValues / classCount;
			for (int c = 0; c < classCount; c++) leaves[leafValues++] = (float) (totals[c] / sum);
			feature[node] = -leaf - 1;
			threshold[node] = 0;
			left[node] = 0;
		}

		DecisionTree toTree() {
			return new DecisionTree(Arrays.copyOf(feature, nodes), Arrays.copyOf(threshold, nodes), Arrays.copyOf(left, nodes),
				Arrays.copyOf(leaves, leafValues), classCount);
		}
	}
}
