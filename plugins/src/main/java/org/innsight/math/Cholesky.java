package org.innsight.math;

/**
 * Solves symmetric positive definite systems A x = b by Cholesky factorisation, for the small dense normal
 * equations InnSight's fits produce (the DALSA importance weights' Newton steps, the OOD intensity score's shape
 * regression).
 */
public final class Cholesky {

	private Cholesky() {}

	/**
	 * Solves A x = b.
	 *
	 * @param a A, d x d row-major; overwritten by its Cholesky factor (lower triangle)
	 * @param b the right-hand side (d values; not changed)
	 * @param x the solution (d values)
	 * @param minPivot a pivot below it (a numerically singular direction) is replaced by it, so the solution takes
	 *        (almost) no step along that direction instead of failing
	 */
	public static void solve(final double[] a, final double[] b, final double[] x, final int d, final double minPivot) {
		for (int j = 0; j < d; j++) {
			double diag = a[j * d + j];
			for (int k = 0; k < j; k++) diag -= a[j * d + k] * a[j * d + k];
			if (!(diag > minPivot)) diag = minPivot;
			final double l = Math.sqrt(diag);
			a[j * d + j] = l;
			for (int i = j + 1; i < d; i++) {
				double v = a[i * d + j];
				for (int k = 0; k < j; k++) v -= a[i * d + k] * a[j * d + k];
				a[i * d + j] = v / l;
			}
		}
		for (int i = 0; i < d; i++) {
			double v = b[i];
			for (int k = 0; k < i; k++) v -= a[i * d + k] * x[k];
			x[i] = v / a[i * d + i];
		}
		for (int i = d - 1; i >= 0; i--) {
			double v = x[i];
			for (int k = i + 1; k < d; k++) v -= a[k * d + i] * x[k];
			x[i] = v / a[i * d + i];
		}
	}
}
