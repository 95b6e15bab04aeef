package org.innsight.posterior;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The SBC rank ECDF difference plot with simultaneous confidence bands (Säilynoja, Bürkner &amp; Vehtari 2022,
 * "Graphical test for discrete uniformity and its applications in goodness-of-fit evaluation and multiple sample
 * comparison", Statistics and Computing 32:32).
 * <p>
 * With L posterior samples per truth, the rank r (samples below the truth) of a calibrated posterior is uniform on
 * 0..L. At the fractional ranks z_k = k / (L + 1) the ECDF F(z_k) is the fraction of the N ranks below k; under
 * calibration N F(z_k) ~ Binomial(N, z_k). The plot shows F(z) - z, which is 0 for a calibrated model, with a band
 * that holds the whole curve with probability 1 - alpha (simultaneously at all points, not at each).
 * <p>
 * The band is found by the paper's simulation method: {@link #SIMULATIONS} sets of N uniform ranks (seed
 * {@link #SEED}, so the band is the same on every run); for each set the smallest two-sided binomial tail
 * probability over the evaluation points; gamma = the alpha-quantile of those minima; the band at z_k runs from the
 * gamma/2 to the 1 - gamma/2 binomial quantile of Binomial(N, z_k), divided by N. Evaluation points: every z_k when
 * L &lt;= {@link #MAX_POINTS}, else {@link #MAX_POINTS} evenly spaced ones.
 *
 * @param z evaluation points (fractional ranks)
 * @param difference ECDF(z) - z
 * @param lower lower edge of the band, as a difference
 * @param upper upper edge of the band, as a difference
 * @param gamma the per-point tail probability that gives the simultaneous level
 * @param outside number of points outside the band (0 when the ranks pass the test at level 1 - alpha)
 */
public record RankEcdf(double[] z, double[] difference, double[] lower, double[] upper, double gamma, int outside) {

	/** The simultaneous level of the band. */
	public static final double LEVEL = 0.95;
	public static final int SIMULATIONS = 2000, MAX_POINTS = 100;
	public static final long SEED = 20220214;

	/** The band for N ranks among L samples (the same for every parameter of a validation). */
	public record Band(int rows, int samples, int[] points, double[] lower, double[] upper, double gamma) {}

	/** The rank ECDF of {@code count} ranks (0..samples) against {@code band}, made for the same N and L. */
	public static RankEcdf of(final int[] ranks, final int count, final Band band) {
		if (count != band.rows()) throw new IllegalArgumentException("band made for " + band.rows() + " ranks, not " + count);
		final int l = band.samples();
		final long[] below = new long[l + 2]; // below[k]: ranks < k
		for (int i = 0; i < count; i++) {
			if (ranks[i] < 0 || ranks[i] > l) throw new IllegalArgumentException("rank " + ranks[i] + " outside 0.." + l);
			below[ranks[i] + 1]++;
		}
		for (int k = 1; k < below.length; k++) below[k] += below[k - 1];
		final int m = band.points().length;
		final double[] z = new double[m], d = new double[m], lo = new double[m], hi = new double[m];
		int outside = 0;
		for (int i = 0; i < m; i++) {
			final int k = band.points()[i];
			z[i] = k / (l + 1.0);
			final double f = below[k] / (double) count;
			d[i] = f - z[i];
			lo[i] = band.lower()[i] - z[i];
			hi[i] = band.upper()[i] - z[i];
			if (f < band.lower()[i] - 1e-12 || f > band.upper()[i] + 1e-12) outside++;
		}
		return new RankEcdf(z, d, lo, hi, band.gamma(), outside);
	}

	/** The simultaneous {@link #LEVEL} band for {@code rows} ranks among {@code samples} samples, by simulation. */
	public static Band band(final int rows, final int samples) {
		return band(rows, samples, LEVEL, SIMULATIONS, SEED);
	}

	public static Band band(final int rows, final int samples, final double level, final int simulations, final long seed) {
		if (rows < 1 || samples < 1) throw new IllegalArgumentException("a rank ECDF needs ranks and samples, got " + rows + " and " + samples);
		if (!(level > 0 && level < 1)) throw new IllegalArgumentException("band level must be in (0, 1), not " + level);
		final int[] points = points(samples);
		final int m = points.length, n = rows;
		// binomial CDF of every count at every point: cdf[i][c] = P(X <= c), X ~ Binomial(n, z_i)
		final double[][] cdf = new double[m][];
		for (int i = 0; i < m; i++) cdf[i] = binomialCdf(n, points[i] / (samples + 1.0));
		final SplittableRandom random = new SplittableRandom(seed);
		final double[] minima = new double[simulations];
		final int[] counts = new int[m + 1];
		final double[] edges = new double[m];
		for (int i = 0; i < m; i++) edges[i] = points[i] / (samples + 1.0);
		for (int s = 0; s < simulations; s++) {
			Arrays.fill(counts, 0);
			for (int r = 0; r < n; r++) {
				final double u = random.nextDouble();
				int bin = Arrays.binarySearch(edges, u); // u < edges[bin] counts below point bin
				bin = bin >= 0 ? bin + 1 : -bin - 1;
				counts[bin]++;
			}
			double min = 1;
			int cumulative = 0;
			for (int i = 0; i < m; i++) {
				cumulative += counts[i];
				min = Math.min(min, twoSided(cdf[i], cumulative));
			}
			minima[s] = min;
		}
		Arrays.sort(minima);
		final double gamma = minima[(int) Math.floor((1 - level) * simulations)];
		final double[] lower = new double[m], upper = new double[m];
		for (int i = 0; i < m; i++) {
			lower[i] = quantile(cdf[i], gamma / 2) / (double) n;
			upper[i] = quantile(cdf[i], 1 - gamma / 2) / (double) n;
		}
		return new Band(rows, samples, points, lower, upper, gamma);
	}

	/** k of the points z_k = k / (L + 1): all of 1..L, or {@link #MAX_POINTS} - 1 evenly spaced ones. */
	static int[] points(final int samples) {
		if (samples <= MAX_POINTS) {
			final int[] k = new int[samples];
			for (int i = 0; i < samples; i++) k[i] = i + 1;
			return k;
		}
		return java.util.stream.IntStream.range(1, MAX_POINTS).map(i -> (int) Math.round(i * (samples + 1.0) / MAX_POINTS)).distinct()
			.filter(k -> k >= 1 && k <= samples).toArray();
	}

	/** min(P(X <= c), P(X >= c)), doubled and capped at 1: the two-sided tail probability of count c. */
	private static double twoSided(final double[] cdf, final int c) {
		final double below = cdf[c], above = 1 - (c == 0 ? 0 : cdf[c - 1]);
		return Math.min(1, 2 * Math.min(below, above));
	}

	/** The smallest c with P(X <= c) >= p. */
	private static int quantile(final double[] cdf, final double p) {
		for (int c = 0; c < cdf.length; c++) if (cdf[c] >= p - 1e-15) return c;
		return cdf.length - 1;
	}

	/** P(X <= c) for c = 0..n, X ~ Binomial(n, p), from the pmf in log space (no underflow at large n). */
	static double[] binomialCdf(final int n, final double p) {
		final double[] cdf = new double[n + 1];
		final double lp = Math.log(p), lq = Math.log1p(-p);
		double logChoose = 0, sum = 0;
		for (int c = 0; c <= n; c++) {
			if (c > 0) logChoose += Math.log((n - c + 1) / (double) c);
			sum += Math.exp(logChoose + c * lp + (n - c) * lq);
			cdf[c] = Math.min(1, sum);
		}
		return cdf;
	}
}
