package org.innsight.forest;

import java.util.Arrays;

/**
 * Quantises each feature into at most 256 ordered bins for histogram split search. Cut c[b] lies between two
 * distinct training values, so "bin <= b" and "value <= c[b]" select the same training samples, and a split found
 * on bins becomes a plain float threshold for prediction.
 */
final class FeatureBins {

	static final int MAX_BINS = 256;

	/** cuts[f] ascending; bin count of feature f is cuts[f].length + 1. */
	final float[][] cuts;
	/** bins[f][i]: unsigned bin of sample i for feature f. */
	final byte[][] bins;

	private FeatureBins(final float[][] cuts, final byte[][] bins) {
		this.cuts = cuts;
		this.bins = bins;
	}

	static FeatureBins of(final float[][] features) {
		final int n = features[0].length;
		final float[][] cuts = new float[features.length][];
		final byte[][] bins = new byte[features.length][n];
		for (int f = 0; f < features.length; f++) {
			cuts[f] = cuts(features[f]);
			final float[] c = cuts[f];
			final float[] column = features[f];
			final byte[] b = bins[f];
			for (int i = 0; i < n; i++) b[i] = (byte) bin(c, column[i]);
		}
		return new FeatureBins(cuts, bins);
	}

	/** Smallest b with value <= cuts[b], or cuts.length if none. */
	static int bin(final float[] cuts, final float value) {
		int lo = 0, hi = cuts.length;
		while (lo < hi) {
			final int mid = (lo + hi) >>> 1;
			if (value <= cuts[mid]) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	}

	private static float[] cuts(final float[] column) {
		final float[] sorted = column.clone();
		for (int i = 0; i < sorted.length; i++) if (Float.isNaN(sorted[i])) sorted[i] = Float.POSITIVE_INFINITY;
		Arrays.sort(sorted);
		int distinct = 1;
		for (int i = 1; i < sorted.length; i++) if (sorted[i] != sorted[i - 1]) distinct++;
		final float[] out = new float[Math.min(distinct, MAX_BINS) - 1];
		int k = 0;
		if (distinct <= MAX_BINS) {
			for (int i = 1; i < sorted.length; i++)
				if (sorted[i] != sorted[i - 1]) out[k++] = between(sorted[i - 1], sorted[i]);
			return out;
		}
		// Too many distinct values: cut at quantiles, each cut just above the value at the quantile position.
		float last = Float.NEGATIVE_INFINITY;
		for (int q = 1; q < MAX_BINS && k < out.length; q++) {
			int i = (int) ((long) q * sorted.length / MAX_BINS);
			final float v = sorted[Math.min(i, sorted.length - 1)];
			if (v == Float.POSITIVE_INFINITY) break;
			while (i < sorted.length && sorted[i] == v) i++;
			if (i >= sorted.length) break;
			final float cut = between(v, sorted[i]);
			if (cut > last) out[k++] = last = cut;
		}
		return Arrays.copyOf(out, k);
	}

	/** A threshold t with a <= t < b. */
	private static float between(final float a, final float b) {
		if (b == Float.POSITIVE_INFINITY) return a == Float.NEGATIVE_INFINITY ? -Float.MAX_VALUE : Math.max(a, Float.MAX_VALUE);
		final float mid = (float) (((double) a + (double) b) / 2);
		return mid < b && mid >= a ? mid : a;
	}
}
