package org.innsight.forest;

import java.util.SplittableRandom;

import org.innsight.progress.ParallelTasks;
import org.innsight.progress.ProgressListener;

/**
 * A random forest of weighted classification trees (Breiman), with per-sample weights entering the bootstrap
 * (counts x weight) and the Gini impurity. Predictions average the trees' leaf class distributions.
 */
public final class RandomForest {

	private final DecisionTree[] trees;
	private final int featureCount;
	private final int classCount;
	private final double outOfBagAccuracy;

	RandomForest(final DecisionTree[] trees, final int featureCount, final int classCount, final double outOfBagAccuracy) {
		this.trees = trees;
		this.featureCount = featureCount;
		this.classCount = classCount;
		this.outOfBagAccuracy = outOfBagAccuracy;
	}

	public static RandomForest train(final TrainingSet data, final ForestSettings settings, final ProgressListener progress) {
		final int n = data.size(), k = data.classCount;
		final FeatureBins bins = FeatureBins.of(data.features);
		final DecisionTree[] trees = new DecisionTree[settings.trees()];
		final double[] oobVotes = new double[n * k];
		ParallelTasks.run(trees.length, settings.threads(), t -> {
			final SplittableRandom random = new SplittableRandom(settings.seed() ^ (0x9E3779B97F4A7C15L * (t + 1)));
			final int[] multiplicity = new int[n];
			if (settings.bootstrap()) for (int d = 0; d < n; d++) multiplicity[random.nextInt(n)]++;
			else java.util.Arrays.fill(multiplicity, 1);
			final double[] weight = new double[n];
			int active = 0;
			for (int i = 0; i < n; i++) {
				weight[i] = multiplicity[i] * (double) data.weights[i];
				if (weight[i] > 0) active++;
			}
			final int[] samples = new int[active];
			for (int i = 0, a = 0; i < n; i++) if (weight[i] > 0) samples[a++] = i;
			final DecisionTree tree = active == 0 ? null : new TreeGrower(bins, data.classes, k, settings).grow(samples, weight, random.nextLong());
			trees[t] = tree;
			if (tree == null || !settings.bootstrap()) return;
			final float[] row = new float[data.featureCount()];
			final int[] leafOf = new int[n];
			for (int i = 0; i < n; i++) {
				if (multiplicity[i] != 0) continue;
				for (int f = 0; f < row.length; f++) row[f] = data.features[f][i];
				leafOf[i] = tree.leafOffset(row, 0);
			}
			synchronized (oobVotes) {
				for (int i = 0; i < n; i++)
					if (multiplicity[i] == 0)
						for (int c = 0; c < k; c++) oobVotes[i * k + c] += tree.leafProbabilities[leafOf[i] + c];
			}
		}, progress, "training forest");
		for (final DecisionTree t : trees)
			if (t == null) throw new IllegalArgumentException("every training sample has weight 0; nothing to learn");
		return new RandomForest(trees, data.featureCount(), k, outOfBagAccuracy(data, oobVotes));
	}

	/** Weighted share of samples whose out-of-bag vote picks their class (NaN without bootstrap). */
	private static double outOfBagAccuracy(final TrainingSet data, final double[] votes) {
		final int k = data.classCount;
		double right = 0, all = 0;
		for (int i = 0; i < data.size(); i++) {
			int best = -1;
			double bestVote = 0;
			for (int c = 0; c < k; c++) if (votes[i * k + c] > bestVote) { bestVote = votes[i * k + c]; best = c; }
			if (best < 0) continue;
			all += data.weights[i];
			if (best == data.classes[i]) right += data.weights[i];
		}
		return all > 0 ? right / all : Double.NaN;
	}

	public int treeCount() {
		return trees.length;
	}

	public int featureCount() {
		return featureCount;
	}

	public int classCount() {
		return classCount;
	}

	public DecisionTree tree(final int t) {
		return trees[t];
	}

	/** Out-of-bag accuracy (weighted) measured during training; NaN if unknown (loaded forest, no bootstrap). */
	public double outOfBagAccuracy() {
		return outOfBagAccuracy;
	}

	/**
	 * Class probabilities of {@code count} rows (row-major, {@link #featureCount()} values each) into
	 * probabilities[row * classCount + c]. Trees run in the outer loop so each tree stays in cache over the batch.
	 */
	public void predict(final float[] rows, final int count, final float[] probabilities) {
		final int k = classCount, f = featureCount;
		final double[] sum = new double[count * k];
		final int[] leaf = new int[4];
		for (final DecisionTree tree : trees) {
			final float[] leaves = tree.leafProbabilities;
			int r = 0;
			// Four walks interleaved: their loads and compares overlap instead of waiting on each other.
			for (; r + 4 <= count; r += 4) {
				tree.leafOffsets4(rows, r * f, f, leaf);
				for (int j = 0; j < 4; j++)
					for (int c = 0; c < k; c++) sum[(r + j) * k + c] += leaves[leaf[j] + c];
			}
			for (; r < count; r++) {
				final int l = tree.leafOffset(rows, r * f);
				for (int c = 0; c < k; c++) sum[r * k + c] += leaves[l + c];
			}
		}
		final double scale = 1.0 / trees.length;
		for (int i = 0; i < count * k; i++) probabilities[i] = (float) (sum[i] * scale);
	}

	/** Total node count over all trees (model size). */
	public long nodeCount() {
		long n = 0;
		for (final DecisionTree t : trees) n += t.nodeCount();
		return n;
	}

	/** Mean depth of the trees. */
	public double meanDepth() {
		double d = 0;
		for (final DecisionTree t : trees) d += t.depth();
		return d / trees.length;
	}

	DecisionTree[] trees() {
		return trees;
	}
}
