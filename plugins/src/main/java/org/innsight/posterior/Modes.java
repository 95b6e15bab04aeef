package org.innsight.posterior;

/**
 * The number of modes of a posterior: peaks of its kernel density estimate ({@link Kde}) whose prominence is at
 * least a fraction of the highest density. Prominence is the topographic one (as in scipy's
 * {@code find_peaks}): how far a peak rises above the higher of the two lowest points that separate it from
 * higher ground on either side. Small wiggles of the estimate on a shoulder are thus not counted, a separate
 * hill of a second population is. Holds work arrays: one instance per thread.
 */
public final class Modes {

	/** Default grid for the density when only modes are counted: fine enough to separate hills a few bandwidths apart. */
	public static final int DEFAULT_GRID = 64;
	/** Default minimum prominence, as a fraction of the highest density. */
	public static final double DEFAULT_PROMINENCE = 0.1;

	private final Kde kde;
	private final double prominence;

	public Modes(final int gridPoints, final double prominence) {
		if (!(prominence > 0 && prominence < 1))
			throw new IllegalArgumentException("mode prominence must be a fraction of the peak density in (0, 1), not " + prominence);
		this.kde = new Kde(gridPoints);
		this.prominence = prominence;
	}

	public Modes() {
		this(DEFAULT_GRID, DEFAULT_PROMINENCE);
	}

	public double prominence() {
		return prominence;
	}

	/** Modes of the first {@code n} ascending values: at least 1 for any samples (a point mass has one mode). */
	public int countSorted(final float[] sorted, final int n) {
		if (n < 1) throw new IllegalArgumentException("no samples");
		final double[] f = kde.densitySorted(sorted, n);
		if (f == null) return 1;
		double max = 0;
		for (int i = 0; i < kde.gridPoints(); i++) max = Math.max(max, f[i]);
		return Math.max(1, countPeaks(f, kde.gridPoints(), prominence * max));
	}

	/**
	 * Peaks of {@code f[0 .. n)} with prominence >= {@code minProminence}. A flat top counts once; the ends of
	 * the array count as peaks only when the curve falls away from them.
	 */
	public static int countPeaks(final double[] f, final int n, final double minProminence) {
		int peaks = 0;
		int i = 0;
		while (i < n) {
			// a run of equal values [i, j]
			int j = i;
			while (j + 1 < n && f[j + 1] == f[i]) j++;
			final boolean risesLeft = i == 0 || f[i - 1] < f[i];
			final boolean risesRight = j == n - 1 || f[j + 1] < f[i];
			final boolean interior = !(i == 0 && j == n - 1);
			if (risesLeft && risesRight && interior && prominence(f, n, i, j) >= minProminence) peaks++;
			i = j + 1;
		}
		return peaks;
	}

	/** Prominence of the flat peak f[i .. j]. */
	static double prominence(final double[] f, final int n, final int i, final int j) {
		final double top = f[i];
		double leftMin = top;
		for (int k = i - 1; k >= 0 && f[k] <= top; k--) leftMin = Math.min(leftMin, f[k]);
		double rightMin = top;
		for (int k = j + 1; k < n && f[k] <= top; k++) rightMin = Math.min(rightMin, f[k]);
		return top - Math.max(leftMin, rightMin);
	}
}
