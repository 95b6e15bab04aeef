package org.innsight.optics;

/**
 * Fresnel reflection of unpolarised light at a flat boundary, and its hemispherical averages used by the
 * partial-current boundary condition of diffusion theory (Haskell et al. 1994).
 */
public final class Fresnel {

	private static final double REL_MIN = 0.5, REL_MAX = 2.0;
	private static final int TABLE_SIZE = 3001;
	private static final double[] R_PHI = new double[TABLE_SIZE], R_J = new double[TABLE_SIZE];

	static {
		// Averages depend only on n_inside/n_outside; tabulated once so the fast model never integrates.
		for (int i = 0; i < TABLE_SIZE; i++) {
			final double rel = REL_MIN + (REL_MAX - REL_MIN) * i / (TABLE_SIZE - 1);
			final double[] avg = integrate(rel);
			R_PHI[i] = avg[0];
			R_J[i] = avg[1];
		}
	}

	private Fresnel() {}

	/** Reflectance for light going from index nIn to nOut with cosine cosIn of the angle of incidence. */
	public static double reflectance(final double nIn, final double nOut, final double cosIn) {
		if (nIn == nOut) return 0;
		final double sinIn2 = Math.max(0, 1 - cosIn * cosIn);
		final double sinOut2 = nIn * nIn / (nOut * nOut) * sinIn2;
		if (sinOut2 >= 1) return 1;
		final double cosOut = Math.sqrt(1 - sinOut2);
		final double rs = (nIn * cosIn - nOut * cosOut) / (nIn * cosIn + nOut * cosOut);
		final double rp = (nIn * cosOut - nOut * cosIn) / (nIn * cosOut + nOut * cosIn);
		return 0.5 * (rs * rs + rp * rp);
	}

	/** Reflectance at normal incidence. */
	public static double normal(final double n1, final double n2) {
		final double r = (n1 - n2) / (n1 + n2);
		return r * r;
	}

	/**
	 * Effective reflection coefficient A = (1 + R_eff) / (1 - R_eff) with R_eff = (R_phi + R_J) / (2 - R_phi + R_J),
	 * for diffuse light inside a medium of index nIn meeting a medium of index nOut.
	 */
	public static double boundaryA(final double nIn, final double nOut) {
		if (nIn == nOut) return 1;
		final double rel = nIn / nOut;
		final double rPhi = lookup(R_PHI, rel), rJ = lookup(R_J, rel);
		final double rEff = (rPhi + rJ) / (2 - rPhi + rJ);
		return (1 + rEff) / (1 - rEff);
	}

	/** R_phi = int 2 sin cos R, R_J = int 3 sin cos^2 R over the hemisphere, for relative index rel = nIn/nOut. */
	static double[] integrate(final double rel) {
		final int steps = 2000;
		double rPhi = 0, rJ = 0;
		for (int i = 0; i < steps; i++) {
			final double theta = (i + 0.5) * (Math.PI / 2) / steps;
			final double c = Math.cos(theta), s = Math.sin(theta);
			final double r = reflectance(rel, 1, c);
			rPhi += 2 * s * c * r;
			rJ += 3 * s * c * c * r;
		}
		final double h = (Math.PI / 2) / steps;
		return new double[] { rPhi * h, rJ * h };
	}

	private static double lookup(final double[] table, final double rel) {
		if (rel < REL_MIN || rel > REL_MAX)
			throw new IllegalArgumentException("Relative refractive index " + rel + " outside " + REL_MIN + "-" + REL_MAX);
		final double x = (rel - REL_MIN) / (REL_MAX - REL_MIN) * (TABLE_SIZE - 1);
		final int i = Math.min((int) x, TABLE_SIZE - 2);
		final double t = x - i;
		return table[i] + t * (table[i + 1] - table[i]);
	}
}
