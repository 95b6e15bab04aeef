package org.innsight.posterior;

import java.util.Arrays;

/**
 * One-dimensional Gaussian kernel density estimates of posterior samples on a regular grid, with Silverman's
 * rule-of-thumb bandwidth h = 0.9 min(sd, IQR/1.34) n^(-1/5).
 * <p>
 * The density is computed by linear binning onto the grid and a discrete convolution with the kernel, truncated
 * at {@value #KERNEL_REACH} bandwidths: per pixel a few thousand multiply-adds instead of grid x samples
 * exponentials, with an error far below the sampling noise of the estimate. The grid spans
 * [min - {@value #MARGIN} h, max + {@value #MARGIN} h] so the tails fall to zero inside it. An instance holds
 * work arrays for one grid size: use one per thread.
 */
public final class Kde {

	/** The kernel is cut off this many bandwidths from its centre. */
	public static final double KERNEL_REACH = 4;
	/** The grid extends this many bandwidths beyond the smallest and largest sample. */
	public static final double MARGIN = 3;

	/** A density curve: values {@code density[i]} at positions {@code x[i]}. */
	public record Curve(double[] x, double[] density, double bandwidth) {}

	private final int gridPoints;
	private final double[] counts;
	private final double[] density;
	private double[] kernel = new double[64];
	private double lastStart, lastStep, lastBandwidth;

	public Kde(final int gridPoints) {
		if (gridPoints < 3) throw new IllegalArgumentException("a density grid needs at least 3 points, not " + gridPoints);
		this.gridPoints = gridPoints;
		this.counts = new double[gridPoints];
		this.density = new double[gridPoints];
	}

	public int gridPoints() {
		return gridPoints;
	}

	/** Silverman's bandwidth of the first {@code n} ascending values; 0 when they are all equal. */
	public static double silvermanBandwidth(final float[] sorted, final int n) {
		if (n < 2) return 0;
		final double mean = SampleStatistics.mean(sorted, n);
		final double sd = Math.sqrt(SampleStatistics.variance(sorted, n, mean));
		final double iqr = SampleStatistics.quantileSorted(sorted, n, 0.75) - SampleStatistics.quantileSorted(sorted, n, 0.25);
		double spread = Math.min(sd, iqr / 1.34);
		// a posterior piled up on one value with a few outliers has IQR 0 but is not a point mass
		if (!(spread > 0)) spread = sd;
		return 0.9 * spread * Math.pow(n, -0.2);
	}

	/**
	 * The density of the first {@code n} ascending values on this estimator's grid, written into a work array
	 * that the next call overwrites; null when all values are equal (no spread, one point mass).
	 */
	public double[] densitySorted(final float[] sorted, final int n) {
		final double h = silvermanBandwidth(sorted, n);
		if (!(h > 0) || !Double.isFinite(h)) return null;
		final double start = sorted[0] - MARGIN * h, end = sorted[n - 1] + MARGIN * h;
		final double step = (end - start) / (gridPoints - 1);
		lastStart = start;
		lastStep = step;
		lastBandwidth = h;
		// linear binning: each sample shares its unit weight between the two grid points around it
		Arrays.fill(counts, 0);
		for (int i = 0; i < n; i++) {
			final double pos = (sorted[i] - start) / step;
			int k = (int) pos;
			if (k >= gridPoints - 1) k = gridPoints - 2;
			final double f = pos - k;
			counts[k] += 1 - f;
			counts[k + 1] += f;
		}
		final int reach = (int) Math.min(gridPoints - 1, Math.ceil(KERNEL_REACH * h / step));
		if (kernel.length < reach + 1) kernel = new double[reach + 1];
		final double norm = 1 / (n * h * Math.sqrt(2 * Math.PI));
		for (int k = 0; k <= reach; k++) {
			final double u = k * step / h;
			kernel[k] = norm * Math.exp(-0.5 * u * u);
		}
		for (int j = 0; j < gridPoints; j++) {
			double s = counts[j] * kernel[0];
			final int lo = Math.max(0, j - reach), hi = Math.min(gridPoints - 1, j + reach);
			for (int k = lo; k < j; k++) s += counts[k] * kernel[j - k];
			for (int k = j + 1; k <= hi; k++) s += counts[k] * kernel[k - j];
			density[j] = s;
		}
		return density;
	}

	/** The grid and density of the last {@link #densitySorted} call, copied. */
	public Curve lastCurve() {
		final double[] x = new double[gridPoints];
		for (int i = 0; i < gridPoints; i++) x[i] = lastStart + i * lastStep;
		return new Curve(x, density.clone(), lastBandwidth);
	}

	/** The density of any {@code n} values (copied and sorted first); null when they are all equal. */
	public Curve curve(final float[] values, final int n) {
		final float[] sorted = Arrays.copyOf(values, n);
		Arrays.sort(sorted);
		return densitySorted(sorted, n) == null ? null : lastCurve();
	}
}
