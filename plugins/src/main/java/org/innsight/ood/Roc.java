package org.innsight.ood;

import java.util.Arrays;

/**
 * Receiver operating characteristic of a score that should be higher for out-of-distribution rows (positives)
 * than for in-distribution rows (negatives), and the threshold that flags a chosen fraction of in-distribution
 * rows.
 * <p>
 * Scores of +infinity count as the highest score; NaN scores count as flagged (above every threshold), since a
 * spectrum that cannot be scored cannot be trusted either.
 */
public final class Roc {

	private final double[] negatives, positives; // sorted ascending, NaN mapped to +infinity

	/**
	 * @param inDistribution scores of in-distribution rows (negatives)
	 * @param outOfDistribution scores of out-of-distribution rows (positives)
	 */
	public Roc(final float[] inDistribution, final float[] outOfDistribution) {
		if (inDistribution.length == 0 || outOfDistribution.length == 0)
			throw new IllegalArgumentException("ROC needs in- and out-of-distribution scores (got " + inDistribution.length + " and " +
				outOfDistribution.length + ")");
		negatives = sorted(inDistribution);
		positives = sorted(outOfDistribution);
	}

	/**
	 * Area under the ROC curve: the probability that a random OOD row scores higher than a random in-distribution
	 * row, ties counting one half (Mann-Whitney U / (n_in * n_out)).
	 */
	public double auroc() {
		// merge the two sorted lists; for each positive count negatives below it and ties
		double u = 0;
		int lo = 0, hi = 0;
		for (int i = 0; i < positives.length; i++) {
			final double p = positives[i];
			while (lo < negatives.length && negatives[lo] < p) lo++;
			if (hi < lo) hi = lo;
			while (hi < negatives.length && negatives[hi] == p) hi++;
			u += lo + 0.5 * (hi - lo);
		}
		return u / ((double) negatives.length * positives.length);
	}

	/**
	 * The fraction of in-distribution rows flagged when the threshold is set so that at least {@code tpr} of the
	 * OOD rows are flagged (score >= threshold): the usual "FPR at 95% TPR" for {@code tpr = 0.95}.
	 */
	public double fprAtTpr(final double tpr) {
		if (!(tpr > 0 && tpr <= 1)) throw new IllegalArgumentException("TPR must be in (0, 1], got " + tpr);
		// the largest threshold that keeps ceil(tpr * n) positives at or above it: the k-th largest positive
		final int keep = (int) Math.ceil(tpr * positives.length - 1e-9);
		final double t = positives[positives.length - keep];
		return fractionAtOrAbove(negatives, t);
	}

	/** Fraction of in-distribution rows with score > {@code threshold} (the false-positive rate of a mask). */
	public double falsePositiveRate(final double threshold) {
		return fractionAbove(negatives, threshold);
	}

	/** Fraction of out-of-distribution rows with score > {@code threshold} (the true-positive rate of a mask). */
	public double truePositiveRate(final double threshold) {
		return fractionAbove(positives, threshold);
	}

	/**
	 * Points of the ROC curve, {fpr, tpr} from (0, 0) to (1, 1), one per distinct score (a step at each).
	 */
	public double[][] curve() {
		final double[] all = new double[negatives.length + positives.length];
		System.arraycopy(negatives, 0, all, 0, negatives.length);
		System.arraycopy(positives, 0, all, negatives.length, positives.length);
		Arrays.sort(all);
		final double[][] pts = new double[all.length + 2][];
		int n = 0;
		pts[n++] = new double[] { 0, 0 };
		for (int i = all.length - 1; i >= 0; i--) {
			if (i < all.length - 1 && all[i] == all[i + 1]) continue;
			pts[n++] = new double[] { fractionAtOrAbove(negatives, all[i]), fractionAtOrAbove(positives, all[i]) };
		}
		if (pts[n - 1][0] < 1 || pts[n - 1][1] < 1) pts[n++] = new double[] { 1, 1 };
		return Arrays.copyOf(pts, n);
	}

	/**
	 * The threshold that flags (score > threshold) at most a fraction {@code fpr} of the given in-distribution
	 * scores: their (1 - fpr) empirical quantile, taken as the order statistic at rank ceil((1 - fpr) * n).
	 * Calibration rows must not have been used to train the models.
	 */
	public static double thresholdAtFpr(final float[] inDistribution, final double fpr) {
		if (!(fpr >= 0 && fpr < 1)) throw new IllegalArgumentException("false-positive rate must be in [0, 1), got " + fpr);
		final double[] s = sorted(inDistribution);
		if (s.length == 0) throw new IllegalArgumentException("no calibration scores");
		final int rank = (int) Math.ceil((1 - fpr) * s.length - 1e-9); // 1-based: at most n - rank rows lie above it
		return s[Math.max(0, rank - 1)];
	}

	private static double[] sorted(final float[] scores) {
		final double[] s = new double[scores.length];
		for (int i = 0; i < s.length; i++) s[i] = Float.isNaN(scores[i]) ? Double.POSITIVE_INFINITY : scores[i];
		Arrays.sort(s);
		return s;
	}

	/** Fraction of a sorted array that is >= t. */
	private static double fractionAtOrAbove(final double[] sorted, final double t) {
		int lo = 0, hi = sorted.length;
		while (lo < hi) {
			final int mid = (lo + hi) >>> 1;
			if (sorted[mid] < t) lo = mid + 1;
			else hi = mid;
		}
		return (sorted.length - lo) / (double) sorted.length;
	}

	/** Fraction of a sorted array that is > t. */
	private static double fractionAbove(final double[] sorted, final double t) {
		int lo = 0, hi = sorted.length;
		while (lo < hi) {
			final int mid = (lo + hi) >>> 1;
			if (sorted[mid] <= t) lo = mid + 1;
			else hi = mid;
		}
		return (sorted.length - lo) / (double) sorted.length;
	}
}
