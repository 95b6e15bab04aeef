package org.innsight.optics;

/**
 * Fast forward model: delta-Eddington diffusion theory for a stack of plane-parallel layers under broad,
 * collimated, normally incident illumination (spatially integrated reflectance, so the problem is 1D and
 * analytic). Per layer the fluence is phi(z) = A e^{-mu_eff (z - z_top)} + B e^{mu_eff (z - z_bottom)} + alpha E(z),
 * with E the collimated irradiance; partial-current (Haskell) conditions at the outer surfaces, continuity of
 * flux and of phi/n^2 between layers (refractive-index mismatch), solved as one small linear system.
 * <p>
 * Units are free but consistent (the suite uses 1/m and m). Energy is conserved exactly within the model:
 * specular + diffuse reflectance + transmittance + absorbed + collimated loss at inner interfaces = 1.
 * <p>
 * Not thread-safe: one instance per thread (it keeps its workspace to avoid allocation in the hot loop).
 */
public final class LayeredDiffusion {

	private final int maxLayers;
	private final double[] mu, e, t, alpha, beta, diff, ec, top, muAbs, muTs;
	private final double[][] m;
	private final double[] rhs, x;
	private int layers;
	private double specular, collimatedLoss;

	public LayeredDiffusion(final int maxLayers) {
		this.maxLayers = maxLayers;
		mu = new double[maxLayers];
		e = new double[maxLayers];
		t = new double[maxLayers];
		alpha = new double[maxLayers];
		beta = new double[maxLayers];
		diff = new double[maxLayers];
		ec = new double[maxLayers];
		top = new double[maxLayers + 1];
		muAbs = new double[maxLayers];
		muTs = new double[maxLayers];
		m = new double[2 * maxLayers][2 * maxLayers];
		rhs = new double[2 * maxLayers];
		x = new double[2 * maxLayers];
	}

	/**
	 * Solves for one wavelength.
	 *
	 * @param count number of layers used from the arrays
	 * @param muA absorption coefficients per layer (must be > 0)
	 * @param muS scattering coefficients per layer
	 * @param g anisotropy per layer
	 * @param n refractive index per layer
	 * @param d thickness per layer
	 * @param nAbove refractive index above the stack (1 for air)
	 * @param nBelow refractive index below the stack (equal to the last layer: light leaving is lost)
	 */
	public void solve(final int count, final double[] muA, final double[] muS, final double[] g, final double[] n,
		final double[] d, final double nAbove, final double nBelow) {
		if (count < 1 || count > maxLayers) throw new IllegalArgumentException("Layer count " + count + " not in 1.." + maxLayers);
		layers = count;
		specular = Fresnel.normal(nAbove, n[0]);
		collimatedLoss = 0;
		double irradiance = 1 - specular;
		top[0] = 0;
		for (int k = 0; k < count; k++) {
			final double gk = g[k], f = gk * gk;
			final double muSs = muS[k] * (1 - f); // delta-Eddington scattering
			final double gs = gk / (1 + gk);
			final double muTr = muA[k] + muS[k] * (1 - gk);
			muAbs[k] = muA[k];
			muTs[k] = muA[k] + muSs;
			diff[k] = 1 / (3 * muTr);
			double muEff = Math.sqrt(3 * muA[k] * muTr);
			// alpha is singular where mu_eff equals mu_t*; a relative nudge of 1e-9 changes nothing measurable.
			if (Math.abs(muEff - muTs[k]) < 1e-9 * muTs[k]) muEff *= 1 + 1e-7;
			mu[k] = muEff;
			e[k] = Math.exp(-muEff * d[k]);
			t[k] = Math.exp(-muTs[k] * d[k]);
			final double source = 3 * muSs * (muTr + gs * muTs[k]);
			alpha[k] = source / (muEff * muEff - muTs[k] * muTs[k]);
			beta[k] = 3 * muSs * gs + muTs[k] * alpha[k];
			ec[k] = irradiance;
			top[k + 1] = top[k] + d[k];
			final double through = irradiance * t[k];
			if (k + 1 < count) {
				final double r = Fresnel.normal(n[k], n[k + 1]);
				collimatedLoss += through * r; // reflected collimated light: not followed (<1% for tissue indices)
				irradiance = through * (1 - r);
			}
		}
		final int size = 2 * count;
		for (int i = 0; i < size; i++) {
			java.util.Arrays.fill(m[i], 0, size, 0);
			rhs[i] = 0;
		}
		// Top: phi + 2 A F = 0 (outward flux is -F).
		final double aTop = Fresnel.boundaryA(n[0], nAbove);
		final double c0 = 2 * aTop * diff[0] * mu[0];
		m[0][0] = 1 + c0;
		m[0][1] = e[0] - c0 * e[0];
		rhs[0] = -alpha[0] * ec[0] - 2 * aTop * diff[0] * beta[0] * ec[0];
		// Interfaces: phi_k/n_k^2 = phi_{k+1}/n_{k+1}^2 and F_k = F_{k+1}.
		for (int k = 0; k + 1 < count; k++) {
			final int r1 = 1 + 2 * k, r2 = r1 + 1, a = 2 * k, b = a + 1, a2 = a + 2, b2 = a + 3;
			final double w1 = 1 / (n[k] * n[k]), w2 = 1 / (n[k + 1] * n[k + 1]);
			final double eBot = ec[k] * t[k];
			m[r1][a] = w1 * e[k];
			m[r1][b] = w1;
			m[r1][a2] = -w2;
			m[r1][b2] = -w2 * e[k + 1];
			rhs[r1] = -w1 * alpha[k] * eBot + w2 * alpha[k + 1] * ec[k + 1];
			final double dk = diff[k] * mu[k], dk1 = diff[k + 1] * mu[k + 1];
			m[r2][a] = dk * e[k];
			m[r2][b] = -dk;
			m[r2][a2] = -dk1;
			m[r2][b2] = dk1 * e[k + 1];
			rhs[r2] = -diff[k] * beta[k] * eBot + diff[k + 1] * beta[k + 1] * ec[k + 1];
		}
		// Bottom: phi - 2 A F = 0 (outward flux is +F).
		final int L = count - 1, rb = size - 1;
		final double aBot = Fresnel.boundaryA(n[L], nBelow);
		final double cl = 2 * aBot * diff[L] * mu[L];
		final double eEnd = ec[L] * t[L];
		m[rb][2 * L] = e[L] - cl * e[L];
		m[rb][2 * L + 1] = 1 + cl;
		rhs[rb] = -alpha[L] * eEnd + 2 * aBot * diff[L] * beta[L] * eEnd;
		gauss(size);
	}

	/** Diffuse reflectance leaving the top surface, per unit incident irradiance (specular part excluded). */
	public double diffuseReflectance() {
		return -flux(0, 0);
	}

	/** Specular reflectance of the top surface at normal incidence. */
	public double specularReflectance() {
		return specular;
	}

	/** Light leaving through the bottom: diffuse flux plus unscattered collimated light. */
	public double transmittance() {
		final int L = layers - 1;
		return flux(L, top[L + 1] - top[L]) + ec[L] * t[L];
	}

	/** Collimated light reflected back at inner interfaces, which the model does not follow further. */
	public double collimatedLoss() {
		return collimatedLoss;
	}

	/** Power absorbed in a layer (diffuse + collimated fluence times mu_a, integrated over depth). */
	public double absorbed(final int k) {
		final double len = top[k + 1] - top[k];
		final double intExp = mu[k] * len < 1e-12 ? len : (1 - e[k]) / mu[k];
		final double intCol = ec[k] * (1 - t[k]) / muTs[k];
		final double intPhi = (x[2 * k] + x[2 * k + 1]) * intExp + alpha[k] * intCol;
		return muAbs[k] * (intPhi + intCol);
	}

	/** Total fluence (diffuse + collimated) at depth z per unit incident irradiance; beyond the stack: last layer. */
	public double fluence(final double z) {
		int k = 0;
		while (k < layers - 1 && z > top[k + 1]) k++;
		final double local = Math.max(0, z - top[k]);
		final double len = top[k + 1] - top[k];
		final double col = ec[k] * Math.exp(-muTs[k] * local);
		final double diffuse = x[2 * k] * Math.exp(-mu[k] * local) + x[2 * k + 1] * Math.exp(mu[k] * (local - len)) + alpha[k] * col;
		return Math.max(0, diffuse) + col;
	}

	/** Net diffuse flux (positive downwards) in layer k at local depth s. */
	private double flux(final int k, final double s) {
		final double len = top[k + 1] - top[k];
		final double u1 = Math.exp(-mu[k] * s), u2 = Math.exp(mu[k] * (s - len));
		final double col = ec[k] * Math.exp(-muTs[k] * s);
		return diff[k] * (beta[k] * col + mu[k] * (x[2 * k] * u1 - x[2 * k + 1] * u2));
	}

	/** Gaussian elimination with partial pivoting of m x = rhs (size x size). */
	private void gauss(final int size) {
		for (int c = 0; c < size; c++) {
			int p = c;
			for (int r = c + 1; r < size; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
			if (p != c) {
				final double[] tmp = m[p];
				m[p] = m[c];
				m[c] = tmp;
				final double tr = rhs[p];
				rhs[p] = rhs[c];
				rhs[c] = tr;
			}
			final double piv = m[c][c];
			for (int r = c + 1; r < size; r++) {
				final double f = m[r][c] / piv;
				if (f == 0) continue;
				for (int j = c; j < size; j++) m[r][j] -= f * m[c][j];
				rhs[r] -= f * rhs[c];
			}
		}
		for (int r = size - 1; r >= 0; r--) {
			double s = rhs[r];
			for (int j = r + 1; j < size; j++) s -= m[r][j] * x[j];
			x[r] = s / m[r][r];
		}
	}
}
