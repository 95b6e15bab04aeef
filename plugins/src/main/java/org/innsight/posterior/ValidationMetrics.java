package org.innsight.posterior;

import java.util.Arrays;

/** The validation figures of each parameter, from {@link PosteriorRecords}, over all or a subset of observations. */
public final class ValidationMetrics {

	/** Default number of bins of the SBC rank histogram. */
	public static final int DEFAULT_RANK_BINS = 20;

	private ValidationMetrics() {}

	/**
	 * Figures of parameter {@code j} over the observations {@code subset} (null: all).
	 *
	 * @param priorVariance the variance of the parameter under the prior; NaN to take the variance of the truths
	 *          of the subset (right when the held-out set was drawn from the prior)
	 */
	public static ParameterFigures of(final PosteriorRecords records, final int j, final int[] subset, final double priorVariance,
		final int rankBins)
	{
		return of(records, j, subset, priorVariance, rankBins, null);
	}

	/** As above, with the rank ECDF band made for this many rows and samples (null: made here). */
	public static ParameterFigures of(final PosteriorRecords records, final int j, final int[] subset, final double priorVariance,
		final int rankBins, final RankEcdf.Band band)
	{
		final int[] rows = subset != null ? subset : all(records.count());
		final int n = rows.length;
		if (n < 1) throw new IllegalArgumentException("no observations for " + records.parameters().get(j));
		final int samples = records.samples();
		final int[] ranks = new int[n];
		final double[] iqr = new double[n], absZ = new double[n];
		double absErr = 0, sqErr = 0, err = 0, postVar = 0, zSum = 0, zSq = 0, truthSum = 0, truthSq = 0;
		int zCount = 0;
		for (int i = 0; i < n; i++) {
			final int o = rows[i];
			ranks[i] = records.rank(o, j);
			iqr[i] = records.iqr(o, j);
			final double truth = records.truth(o, j), e = records.median(o, j) - truth, sd = records.sd(o, j);
			err += e;
			absErr += Math.abs(e);
			sqErr += e * e;
			postVar += sd * sd;
			truthSum += truth;
			truthSq += truth * truth;
			if (sd > 0) {
				final double z = (records.mean(o, j) - truth) / sd;
				zSum += z;
				zSq += z * z;
				absZ[zCount++] = Math.abs(z);
			}
		}
		final double[] coverage = Calibration.coverage(ranks, n, samples, Calibration.LEVELS);
		final double c68 = Calibration.coverageAt(ranks, n, samples, Calibration.ONE_SIGMA);
		final double truthMean = truthSum / n;
		final double prior = Double.isNaN(priorVariance) ? Math.max(0, (truthSq - n * truthMean * truthMean) / Math.max(1, n - 1)) : priorVariance;
		final double zMean = zCount == 0 ? Double.NaN : zSum / zCount;
		final double zSd = zCount < 2 ? Double.NaN : Math.sqrt(Math.max(0, (zSq - zCount * zMean * zMean) / (zCount - 1)));
		final RankHistogram histogram = RankHistogram.of(ranks, n, samples, Math.min(rankBins, samples + 1));
		return new ParameterFigures(records.parameters().get(j), n, Calibration.error(coverage, Calibration.LEVELS), c68,
			Math.abs(c68 - Calibration.ONE_SIGMA), coverage, median(iqr, n), absErr / n, Math.sqrt(sqErr / n), err / n,
			prior > 0 ? 1 - postVar / n / prior : Double.NaN, prior, zMean, zSd, zCount == 0 ? Double.NaN : median(absZ, zCount),
			histogram.counts(), histogram.chiSquare(), RankEcdf.of(ranks, n, band != null ? band : RankEcdf.band(n, samples)),
			ZContraction.of(records, j, rows, prior));
	}

	/** Median and mean of the finite re-simulation errors and noise floors over {@code subset} (null: all): {median, mean, floor median, count}. */
	public static double[] resimulation(final PosteriorRecords records, final int[] subset) {
		final int[] rows = subset != null ? subset : all(records.count());
		final double[] e = new double[rows.length], f = new double[rows.length];
		int n = 0, m = 0;
		double sum = 0;
		for (final int o : rows) {
			final double v = records.resimulation(o);
			if (Double.isFinite(v)) {
				e[n++] = v;
				sum += v;
			}
			final double w = records.noiseFloor(o);
			if (Double.isFinite(w)) f[m++] = w;
		}
		if (n == 0) return null;
		return new double[] { median(e, n), sum / n, m == 0 ? Double.NaN : median(f, m), n };
	}

	/** The median of values[0 .. n). */
	static double median(final double[] values, final int n) {
		return org.innsight.math.Statistics.median(Arrays.copyOf(values, n));
	}

	static int[] all(final int n) {
		final int[] a = new int[n];
		for (int i = 0; i < n; i++) a[i] = i;
		return a;
	}
}
