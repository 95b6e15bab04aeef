package org.innsight.optics;

import java.util.SplittableRandom;

/**
 * Reference model: Monte-Carlo photon transport in a stack of plane-parallel layers (after MCML, Wang, Jacques
 * and Zheng 1995). Photon packets start normally incident at the top; the specular part is deducted at entry.
 * Variance reduction by photon weights (implicit absorption, a fraction mu_a/mu_t of the weight deposited at each
 * interaction) and Russian roulette below a weight threshold. Refractive-index mismatch at every boundary:
 * Fresnel reflection decided by chance, Snell refraction when transmitted. Henyey-Greenstein scattering.
 * <p>
 * Only spatially integrated quantities are tallied, so a photon is tracked by its depth and direction cosine uz
 * alone (the layers are laterally infinite and scattering is azimuthally symmetric).
 */
public final class LayeredMonteCarlo {

	/** Below this weight a packet plays Russian roulette. */
	public static final double ROULETTE_THRESHOLD = 1e-4;
	/** Survival chance in Russian roulette (the survivor's weight is divided by it, so the game is unbiased). */
	public static final double ROULETTE_CHANCE = 0.1;
	private static final double COS_ZERO = 1 - 1e-12, COS_90 = 1e-12;

	/** Tallies of one run, each as a fraction of the incident light. */
	public static final class Result {
		public final double specular, diffuseReflectance, transmittance;
		public final double[] absorbed;
		public final long photons;

		Result(final double specular, final double diffuseReflectance, final double transmittance, final double[] absorbed,
			final long photons) {
			this.specular = specular;
			this.diffuseReflectance = diffuseReflectance;
			this.transmittance = transmittance;
			this.absorbed = absorbed;
			this.photons = photons;
		}

		public double totalAbsorbed() {
			double s = 0;
			for (final double a : absorbed) s += a;
			return s;
		}

		/** specular + diffuse reflectance + transmittance + absorbed: 1 up to the noise of Russian roulette. */
		public double total() {
			return specular + diffuseReflectance + transmittance + totalAbsorbed();
		}
	}

	private LayeredMonteCarlo() {}

	/**
	 * Runs {@code photons} packets through {@code count} layers (arrays as in {@link LayeredDiffusion#solve}).
	 */
	public static Result run(final int count, final double[] muA, final double[] muS, final double[] g, final double[] n,
		final double[] d, final double nAbove, final double nBelow, final long photons, final SplittableRandom rng) {
		final double[] zTop = new double[count + 1];
		for (int k = 0; k < count; k++) zTop[k + 1] = zTop[k] + d[k];
		final double[] muT = new double[count];
		for (int k = 0; k < count; k++) {
			muT[k] = muA[k] + muS[k];
			if (!(muT[k] > 0)) throw new IllegalArgumentException("Layer " + (k + 1) + " has mu_a + mu_s = 0");
		}
		final double specular = Fresnel.normal(nAbove, n[0]);
		double reflected = 0, transmitted = 0;
		final double[] absorbed = new double[count];
		for (long p = 0; p < photons; p++) {
			double w = 1 - specular, z = 0, uz = 1, sLeft = 0;
			int k = 0;
			while (true) {
				if (sLeft == 0) sLeft = -Math.log(1 - rng.nextDouble()); // dimensionless optical length
				final double step = sLeft / muT[k];
				final double toBoundary = uz > 0 ? (zTop[k + 1] - z) / uz : uz < 0 ? (zTop[k] - z) / uz : Double.POSITIVE_INFINITY;
				if (step >= toBoundary) {
					z = uz > 0 ? zTop[k + 1] : zTop[k];
					sLeft -= toBoundary * muT[k];
					final int next = uz > 0 ? k + 1 : k - 1;
					final double nNext = next < 0 ? nAbove : next >= count ? nBelow : n[next];
					final double cosIn = Math.abs(uz);
					if (rng.nextDouble() < Fresnel.reflectance(n[k], nNext, cosIn)) {
						uz = -uz;
						continue;
					}
					if (next < 0) {
						reflected += w;
						break;
					}
					if (next >= count) {
						transmitted += w;
						break;
					}
					if (n[k] != nNext) {
						final double sinOut2 = n[k] * n[k] / (nNext * nNext) * (1 - cosIn * cosIn);
						final double cosOut = Math.sqrt(Math.max(0, 1 - sinOut2));
						uz = uz > 0 ? cosOut : -cosOut;
					}
					k = next;
					continue;
				}
				z += step * uz;
				sLeft = 0;
				final double dw = w * muA[k] / muT[k];
				absorbed[k] += dw;
				w -= dw;
				uz = scatter(uz, g[k], rng);
				if (w < ROULETTE_THRESHOLD) {
					if (rng.nextDouble() < ROULETTE_CHANCE) w /= ROULETTE_CHANCE;
					else break;
				}
			}
		}
		for (int k = 0; k < count; k++) absorbed[k] /= photons;
		return new Result(specular, reflected / photons, transmitted / photons, absorbed, photons);
	}

	/** New direction cosine after a Henyey-Greenstein deflection with a uniform azimuth. */
	static double scatter(final double uz, final double g, final SplittableRandom rng) {
		final double xi = rng.nextDouble();
		double cosT;
		if (g == 0) cosT = 2 * xi - 1;
		else {
			final double tmp = (1 - g * g) / (1 - g + 2 * g * xi);
			cosT = (1 + g * g - tmp * tmp) / (2 * g);
		}
		cosT = Math.max(-1, Math.min(1, cosT));
		final double sinT = Math.sqrt(1 - cosT * cosT);
		final double cosP = Math.cos(2 * Math.PI * rng.nextDouble());
		final double nz;
		if (Math.abs(uz) > COS_ZERO) nz = uz > 0 ? cosT : -cosT;
		else nz = -sinT * cosP * Math.sqrt(1 - uz * uz) + uz * cosT;
		// Exactly horizontal packets would never reach a boundary; tilt them by a negligible amount.
		return Math.abs(nz) < COS_90 ? (nz < 0 ? -COS_90 : COS_90) : Math.max(-1, Math.min(1, nz));
	}
}
