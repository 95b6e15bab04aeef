package org.innsight.posterior;

import java.util.Arrays;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * How far a map is from a ground-truth map (e.g. the sample data's): over the pixels where both are finite and
 * an optional selection is nonzero, the mean, root-mean-square and median absolute error and the bias.
 *
 * @param pixels pixels compared
 */
public record MapComparison(long pixels, double mae, double rmse, double medianAbsoluteError, double bias) {

	public static MapComparison of(final RandomAccessibleInterval<? extends RealType<?>> estimate,
		final RandomAccessibleInterval<? extends RealType<?>> truth, final RandomAccessibleInterval<? extends RealType<?>> selection)
	{
		if (!Arrays.equals(estimate.dimensionsAsLongArray(), truth.dimensionsAsLongArray()))
			throw new IllegalArgumentException("map " + Arrays.toString(estimate.dimensionsAsLongArray()) + " and ground truth " +
				Arrays.toString(truth.dimensionsAsLongArray()) + " differ in size");
		final Cursor<? extends RealType<?>> c = Views.flatIterable(estimate).localizingCursor();
		final RandomAccess<? extends RealType<?>> t = truth.randomAccess();
		final RandomAccess<? extends RealType<?>> s = selection == null ? null : selection.randomAccess();
		double[] errors = new double[1024];
		long n = 0;
		double sum = 0, sq = 0, abs = 0;
		while (c.hasNext()) {
			final double e = c.next().getRealDouble();
			t.setPosition(c);
			final double v = t.get().getRealDouble();
			if (!Double.isFinite(e) || !Double.isFinite(v)) continue;
			if (s != null) {
				s.setPosition(c);
				if (s.get().getRealDouble() == 0) continue;
			}
			final double d = e - v;
			if (n == errors.length) errors = Arrays.copyOf(errors, errors.length * 2);
			errors[(int) n++] = Math.abs(d);
			sum += d;
			sq += d * d;
			abs += Math.abs(d);
		}
		if (n == 0) return new MapComparison(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		return new MapComparison(n, abs / n, Math.sqrt(sq / n), ValidationMetrics.median(errors, (int) n), sum / n);
	}
}
