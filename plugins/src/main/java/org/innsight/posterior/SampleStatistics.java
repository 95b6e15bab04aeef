package org.innsight.posterior;

/**
 * Statistics of one parameter's posterior samples (a run of floats). Quantiles interpolate linearly between
 * order statistics (R's type 7, the common default), so medians and IQRs agree with numpy and R.
 */
public final class SampleStatistics {

	private SampleStatistics() {}

	/** The q-quantile (0 <= q <= 1) of the first {@code n} values of {@code sorted}, which must be ascending. */
	public static double quantileSorted(final float[] sorted, final int n, final double q) {
		if (n < 1) throw new IllegalArgumentException("no samples");
		final double h = (n - 1) * Math.min(1, Math.max(0, q));
		final int lo = (int) Math.floor(h);
		if (lo >= n - 1) return sorted[n - 1];
		return sorted[lo] + (h - lo) * ((double) sorted[lo + 1] - sorted[lo]);
	}

	public static double mean(final float[] values, final int n) {
		double s = 0;
		for (int i = 0; i < n; i++) s += values[i];
		return s / n;
	}

	/** Unbiased sample variance around {@code mean} (0 for a single value). */
	public static double variance(final float[] values, final int n, final double mean) {
		if (n < 2) return 0;
		double s = 0;
		for (int i = 0; i < n; i++) {
			final double d = values[i] - mean;
			s += d * d;
		}
		return s / (n - 1);
	}

	/**
	 * How many of the first {@code n} values of {@code sorted} lie below {@code value}; values equal to it count
	 * half (rounded down), so ties do not bias a rank histogram to either side.
	 */
	public static int rankSorted(final float[] sorted, final int n, final float value) {
		int lo = 0, hi = n; // first index with sorted[i] >= value
		while (lo < hi) {
			final int mid = (lo + hi) >>> 1;
			if (sorted[mid] < value) lo = mid + 1;
			else hi = mid;
		}
		int equal = 0;
		while (lo + equal < n && sorted[lo + equal] == value) equal++;
		return lo + equal / 2;
	}
}
