package org.innsight.dalsa.features;

/**
 * Eigenvalues of a symmetric 3x3 matrix in closed form (trigonometric solution of the characteristic cubic), as
 * needed per voxel for Hessian and structure-tensor features; no iteration, no allocation.
 */
public final class SymmetricEigen3 {

	private SymmetricEigen3() {}

	/**
	 * Writes the eigenvalues of [[xx, xy, xz], [xy, yy, yz], [xz, yz, zz]] to out[offset..offset+2], largest first.
	 */
	public static void eigenvalues(final double xx, final double yy, final double zz, final double xy, final double xz,
		final double yz, final float[] out, final int offset)
	{
		final double offDiagonal = xy * xy + xz * xz + yz * yz;
		final double q = (xx + yy + zz) / 3;
		final double dx = xx - q, dy = yy - q, dz = zz - q;
		final double p2 = dx * dx + dy * dy + dz * dz + 2 * offDiagonal;
		// Relative test: a (numerically) scalar matrix has a triple eigenvalue; the cubic formula would divide by ~0.
		if (p2 <= 1e-30 * (q * q) || p2 == 0) {
			if (offDiagonal == 0) {
				sort3(xx, yy, zz, out, offset);
				return;
			}
			out[offset] = out[offset + 1] = out[offset + 2] = (float) q;
			return;
		}
		final double p = Math.sqrt(p2 / 6);
		// det((A - qI) / p) / 2, clamped because rounding can push it just outside [-1, 1].
		final double b11 = dx / p, b22 = dy / p, b33 = dz / p, b12 = xy / p, b13 = xz / p, b23 = yz / p;
		double r = (b11 * (b22 * b33 - b23 * b23) - b12 * (b12 * b33 - b23 * b13) + b13 * (b12 * b23 - b22 * b13)) / 2;
		r = Math.max(-1, Math.min(1, r));
		final double phi = Math.acos(r) / 3;
		final double largest = q + 2 * p * Math.cos(phi);
		final double smallest = q + 2 * p * Math.cos(phi + 2 * Math.PI / 3);
		final double middle = 3 * q - largest - smallest;
		out[offset] = (float) largest;
		out[offset + 1] = (float) middle;
		out[offset + 2] = (float) smallest;
	}

	private static void sort3(double a, double b, double c, final float[] out, final int offset) {
		double t;
		if (a < b) { t = a; a = b; b = t; }
		if (b < c) { t = b; b = c; c = t; }
		if (a < b) { t = a; a = b; b = t; }
		out[offset] = (float) a;
		out[offset + 1] = (float) b;
		out[offset + 2] = (float) c;
	}
}
