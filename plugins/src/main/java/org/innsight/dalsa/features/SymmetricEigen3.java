package org.innsight.dalsa.features;

/**
 * Eigenvalues of a symmetric 3x3 matrix in closed form (trigonometric solution of the characteristic cubic), as
 * needed per voxel for Hessian and structure-tensor features; no iteration, no allocation.
 */
public final class SymmetricEigen3 {

	private static final double HALF_SQRT3 = Math.sqrt(3) / 2;

	private SymmetricEigen3() {}

	/**
	 * arccos to within 2.2e-8 rad (Abramowitz & Stegun 4.4.46). Math.acos is not a JIT intrinsic and costs several
	 * times this per voxel; the error is far below the float precision of the features.
	 */
	/** cos(x) for 0 <= x <= pi/3 by its Taylor series to x^12 (error below 3e-11 there). */
	static double cosSmall(final double x) {
		final double x2 = x * x;
		return 1 + x2 * (-1.0 / 2 + x2 * (1.0 / 24 + x2 * (-1.0 / 720 + x2 * (1.0 / 40320 + x2 * (-1.0 / 3628800 + x2 * (1.0 / 479001600))))));
	}

	static double acos(final double x) {
		final double a = Math.abs(x);
		final double poly = 1.5707963050 + a * (-0.2145988016 + a * (0.0889789874 + a * (-0.0501743046 + a * (0.0308918810 +
			a * (-0.0170881256 + a * (0.0066700901 + a * -0.0012624911))))));
		final double r = Math.sqrt(1 - a) * poly;
		return x >= 0 ? r : Math.PI - r;
	}

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
		final double p = Math.sqrt(p2 / 6), inv = 1 / p;
		// det((A - qI) / p) / 2, clamped because rounding can push it just outside [-1, 1].
		final double b11 = dx * inv, b22 = dy * inv, b33 = dz * inv, b12 = xy * inv, b13 = xz * inv, b23 = yz * inv;
		double r = 0.5 * (b11 * (b22 * b33 - b23 * b23) - b12 * (b12 * b33 - b23 * b13) + b13 * (b12 * b23 - b22 * b13));
		r = Math.max(-1, Math.min(1, r));
		final double phi = acos(r) / 3;
		// phi lies in [0, pi/3]: cos(phi + 2pi/3) follows from cos(phi) and sin(phi) >= 0 without a second cosine.
		final double c = cosSmall(phi), s = Math.sqrt(Math.max(0, 1 - c * c));
		final double largest = q + 2 * p * c;
		final double smallest = q + 2 * p * (-0.5 * c - HALF_SQRT3 * s);
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
