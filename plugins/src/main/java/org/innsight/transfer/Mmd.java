package org.innsight.transfer;

import java.util.Arrays;

/**
 * Maximum mean discrepancy between two samples with a Gaussian kernel k(x, y) = exp(-||x - y||^2 / (2 sigma^2)).
 * <p>
 * {@link #squaredUnbiased} is the unbiased estimator of Gretton et al. (2012, eq. 3): the mean kernel within X
 * and within Y without the diagonal, minus twice the mean kernel across; it can be slightly negative when the
 * distributions agree. {@link #mmd} reports sqrt(max(0, MMD^2)). The bandwidth sigma comes from the median
 * heuristic: the median Euclidean distance between distinct points ({@link #medianDistance}, of one sample or of two
 * pooled).
 */
public final class Mmd {

	private Mmd() {}

	/** Unbiased MMD^2 of X (nx x d) and Y (ny x d), row-major, for bandwidth sigma. */
	public static double squaredUnbiased(final float[] x, final int nx, final float[] y, final int ny, final int d, final double sigma) {
		if (nx < 2 || ny < 2) throw new IllegalArgumentException("MMD needs at least 2 points per sample, got " + nx + " and " + ny);
		if (!(sigma > 0)) throw new IllegalArgumentException("kernel bandwidth must be > 0, got " + sigma);
		final double gamma = 1 / (2 * sigma * sigma);
		final double kxx = within(x, nx, d, gamma), kyy = within(y, ny, d, gamma);
		double kxy = 0;
		for (int i = 0; i < nx; i++)
			for (int j = 0; j < ny; j++) kxy += Math.exp(-gamma * sq(x, i, y, j, d));
		return kxx / ((double) nx * (nx - 1)) + kyy / ((double) ny * (ny - 1)) - 2 * kxy / ((double) nx * ny);
	}

	/** sqrt(max(0, unbiased MMD^2)). */
	public static double mmd(final float[] x, final int nx, final float[] y, final int ny, final int d, final double sigma) {
		return Math.sqrt(Math.max(0, squaredUnbiased(x, nx, y, ny, d, sigma)));
	}

	/** The median heuristic: median distance over all pairs of distinct points of X and Y pooled (ny may be 0). */
	public static double medianDistance(final float[] x, final int nx, final float[] y, final int ny, final int d) {
		final int n = nx + ny;
		final float[] pooled = Arrays.copyOf(x, n * d);
		System.arraycopy(y, 0, pooled, nx * d, ny * d);
		final double[] dist = new double[(int) ((long) n * (n - 1) / 2)];
		int k = 0;
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++) dist[k++] = Math.sqrt(sq(pooled, i, pooled, j, d));
		Arrays.sort(dist);
		final int m = dist.length;
		if (m == 0) throw new IllegalArgumentException("the median heuristic needs at least 2 points");
		return m % 2 == 1 ? dist[m / 2] : 0.5 * (dist[m / 2 - 1] + dist[m / 2]);
	}

	/** Sum of k over ordered pairs i != j of one sample. */
	private static double within(final float[] x, final int n, final int d, final double gamma) {
		double s = 0;
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++) s += Math.exp(-gamma * sq(x, i, x, j, d));
		return 2 * s;
	}

	private static double sq(final float[] a, final int i, final float[] b, final int j, final int d) {
		double s = 0;
		for (int k = 0; k < d; k++) {
			final double t = a[i * d + k] - b[j * d + k];
			s += t * t;
		}
		return s;
	}
}
