package org.innsight.math;

import java.util.Arrays;

/** Summaries of a series of measurements, as the benchmarks print them. */
public final class Statistics {

	private Statistics() {}

	/** The median (the mean of the middle two for an even count); NaN for no values. */
	public static double median(final double[] values) {
		final double[] s = values.clone();
		Arrays.sort(s);
		return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	}

	/** Pearson's correlation of x and y (equal lengths, at least 2); NaN where either does not vary. */
	public static double correlation(final double[] x, final double[] y) {
		if (x.length != y.length || x.length < 2)
			throw new IllegalArgumentException("a correlation needs two series of equal length, at least 2; got " + x.length + " and " + y.length);
		double mx = 0, my = 0;
		for (int i = 0; i < x.length; i++) {
			mx += x[i];
			my += y[i];
		}
		mx /= x.length;
		my /= y.length;
		double sxy = 0, sxx = 0, syy = 0;
		for (int i = 0; i < x.length; i++) {
			sxy += (x[i] - mx) * (y[i] - my);
			sxx += (x[i] - mx) * (x[i] - mx);
			syy += (y[i] - my) * (y[i] - my);
		}
		return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
	}
}
