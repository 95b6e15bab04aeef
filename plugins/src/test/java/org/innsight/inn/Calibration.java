package org.innsight.inn;

import java.util.Arrays;

/** Calibration error of posterior samples: per parameter, median over q = 0.01..0.99 of |coverage(q) - q|. */
final class Calibration {

	private Calibration() {}

	/**
	 * @param samples rows x draws x params
	 * @param truth rows x params
	 */
	static double[] errors(final float[] samples, final float[] truth, final int rows, final int draws, final int params) {
		final double[] out = new double[params];
		final float[] s = new float[draws];
		for (int j = 0; j < params; j++) {
			final int[] inside = new int[99];
			for (int r = 0; r < rows; r++) {
				for (int k = 0; k < draws; k++) s[k] = samples[(r * draws + k) * params + j];
				Arrays.sort(s);
				final float t = truth[r * params + j];
				for (int qi = 0; qi < 99; qi++) {
					final double q = (qi + 1) / 100.0;
					if (t >= quantile(s, (1 - q) / 2) && t <= quantile(s, (1 + q) / 2)) inside[qi]++;
				}
			}
			final double[] err = new double[99];
			for (int qi = 0; qi < 99; qi++) err[qi] = Math.abs(inside[qi] / (double) rows - (qi + 1) / 100.0);
			Arrays.sort(err);
			out[j] = err[49];
		}
		return out;
	}

	/** Linear interpolation between order statistics (type 7). */
	static double quantile(final float[] sorted, final double p) {
		final double h = (sorted.length - 1) * p;
		final int lo = (int) Math.floor(h);
		final int hi = Math.min(sorted.length - 1, lo + 1);
		return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
	}
}
