package org.innsight.forest;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Binary layout of a forest inside a classifier file (big-endian): int32 tree count; per tree int32 node count,
 * int32 leaf count, then per node int32 feature, float32 threshold, int32 left child, then leaf count x class
 * count float32 probabilities. Reading validates every index so a damaged or hostile file can only fail with a
 * clear message, never loop or index out of bounds.
 */
public final class ForestCodec {

	/** Refuse absurd sizes before allocating: 2^26 nodes per tree. */
	private static final int MAX_NODES = 1 << 26;
	private static final int MAX_TREES = 100_000;

	private ForestCodec() {}

	public static void write(final RandomForest forest, final DataOutput out) throws IOException {
		final DecisionTree[] trees = forest.trees();
		out.writeInt(trees.length);
		for (final DecisionTree t : trees) {
			out.writeInt(t.nodeCount());
			out.writeInt(t.leafCount());
			for (int k = 0; k < t.nodeCount(); k++) {
				out.writeInt(t.feature[k]);
				out.writeFloat(t.threshold[k]);
				out.writeInt(t.left[k]);
			}
			for (final float p : t.leafProbabilities) out.writeFloat(p);
		}
	}

	/**
	 * @param remainingBytes upper bound of bytes left in the file, to reject counts the file cannot hold
	 * @throws IOException naming the problem if the data is not a valid forest
	 */
	public static RandomForest read(final DataInput in, final int featureCount, final int classCount, final long remainingBytes) throws IOException {
		final int treeCount = in.readInt();
		if (treeCount < 1 || treeCount > MAX_TREES) throw new IOException("invalid tree count " + treeCount);
		long budget = remainingBytes - 4;
		final DecisionTree[] trees = new DecisionTree[treeCount];
		for (int t = 0; t < treeCount; t++) {
			final int nodes = in.readInt(), leaves = in.readInt();
			budget -= 8;
			if (nodes < 1 || nodes > MAX_NODES || leaves < 1 || leaves > nodes)
				throw new IOException("tree " + t + ": invalid node/leaf counts " + nodes + "/" + leaves);
			final long bytes = 12L * nodes + 4L * leaves * classCount;
			if (bytes > budget) throw new IOException("tree " + t + " claims " + bytes + " bytes but the file is shorter (truncated?)");
			budget -= bytes;
			final int[] feature = new int[nodes], left = new int[nodes];
			final float[] threshold = new float[nodes];
			for (int k = 0; k < nodes; k++) {
				feature[k] = in.readInt();
				threshold[k] = in.readFloat();
				left[k] = in.readInt();
				if (feature[k] >= 0) {
					if (feature[k] >= featureCount) throw new IOException("tree " + t + " node " + k + ": feature " + feature[k] + " of " + featureCount);
					if (left[k] <= k || left[k] + 1 >= nodes) throw new IOException("tree " + t + " node " + k + ": invalid child index " + left[k]);
					if (Float.isNaN(threshold[k])) throw new IOException("tree " + t + " node " + k + ": threshold is NaN");
				}
				else if (-feature[k] - 1 >= leaves) throw new IOException("tree " + t + " node " + k + ": leaf " + (-feature[k] - 1) + " of " + leaves);
			}
			final float[] probabilities = new float[leaves * classCount];
			for (int i = 0; i < probabilities.length; i++) {
				probabilities[i] = in.readFloat();
				if (!(probabilities[i] >= 0 && probabilities[i] <= 1.0001f)) throw new IOException("tree " + t + ": leaf probability " + probabilities[i] + " outside [0, 1]");
			}
			trees[t] = new DecisionTree(feature, threshold, left, probabilities, classCount);
		}
		return new RandomForest(trees, featureCount, classCount, Double.NaN);
	}
}
