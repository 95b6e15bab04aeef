package org.innsight.posterior;

import java.util.Arrays;

/**
 * Calibration of posteriors from the ranks of the true values among their posterior samples.
 * <p>
 * With L samples per posterior, the rank r (samples below the truth) of a calibrated posterior is uniform on
 * 0..L. The truth lies inside the central q-interval when its position u = (r + 1/2) / (L + 1) does, i.e. when
 * |2u - 1| <= q: the interval between the sample quantiles (1-q)/2 and (1+q)/2 with Weibull plotting positions
 * p = k / (L + 1) for the k-th smallest sample, for which the expected coverage of a calibrated posterior is
 * exactly q (plain interpolated quantiles make small-L intervals a little too narrow). Calibration error =
 * median over q in {@link #LEVELS} of |coverage(q) - q|.
 */
public final class Calibration {

	/** q = 0.01, 0.02, ..., 0.99. */
	public static final double[] LEVELS = levels();

	/** The level at which a "1-sigma" interval is also reported. */
	public static final double ONE_SIGMA = 0.68;

	private Calibration() {}

	private static double[] levels() {
		final double[] q = new double[99];
		for (int i = 0; i < q.length; i++) q[i] = (i + 1) / 100.0;
		return q;
	}

	/** The fraction of posteriors whose central q-interval holds the truth, for each q of {@code levels}. */
	public static double[] coverage(final int[] ranks, final int count, final int samples, final double[] levels) {
		if (count < 1) throw new IllegalArgumentException("no posteriors to calibrate");
		// |2u - 1| per posterior, sorted: coverage(q) is then the fraction of them <= q
		final double[] d = new double[count];
		for (int i = 0; i < count; i++) {
			final double u = (ranks[i] + 0.5) / (samples + 1.0);
			d[i] = Math.abs(2 * u - 1);
		}
		Arrays.sort(d);
		final double[] cov = new double[levels.length];
		for (int k = 0; k < levels.length; k++) cov[k] = upperBound(d, levels[k] + 1e-12) / (double) count;
		return cov;
	}

	/** Median over the levels of |coverage - level|. */
	public static double error(final double[] coverage, final double[] levels) {
		final double[] e = new double[levels.length];
		for (int k = 0; k < e.length; k++) e[k] = Math.abs(coverage[k] - levels[k]);
		Arrays.sort(e);
		final int n = e.length;
		return n % 2 == 1 ? e[n / 2] : 0.5 * (e[n / 2 - 1] + e[n / 2]);
	}

	/** The coverage of the central interval at one level. */
	public static double coverageAt(final int[] ranks, final int count, final int samples, final double level) {
		return coverage(ranks, count, samples, new double[] { level })[0];
	}

	/** Number of values of the ascending array {@code a} that are <= {@code x}. */
	private static int upperBound(final double[] a, final double x) {
		int lo = 0, hi = a.length;
		while (lo < hi) {
			final int mid = (lo + hi) >>> 1;
			if (a[mid] <= x) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
}
