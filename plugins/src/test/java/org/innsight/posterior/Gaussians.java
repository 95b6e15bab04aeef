package org.innsight.posterior;

import java.util.SplittableRandom;

/** Normal distribution helpers for tests with known answers. */
final class Gaussians {

	private Gaussians() {}

	/** Standard normal CDF (Abramowitz-Stegun 7.1.26 via erf would be too coarse: use a series/continued fraction). */
	static double cdf(final double x) {
		return 0.5 * erfc(-x / Math.sqrt(2));
	}

	/** Standard normal quantile by bisection on {@link #cdf} (tests only: speed does not matter). */
	static double quantile(final double p) {
		double lo = -40, hi = 40;
		for (int i = 0; i < 200; i++) {
			final double mid = 0.5 * (lo + hi);
			if (cdf(mid) < p) lo = mid;
			else hi = mid;
		}
		return 0.5 * (lo + hi);
	}

	/** Complementary error function, Numerical Recipes' erfcc (fractional error < 1.2e-7). */
	static double erfc(final double x) {
		final double z = Math.abs(x), t = 1 / (1 + 0.5 * z);
		final double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
			t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
		return x >= 0 ? r : 2 - r;
	}

	static float[] normal(final SplittableRandom rng, final int n, final double mean, final double sd) {
		final float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = (float) (mean + sd * rng.nextGaussian());
		return v;
	}
}
