package org.innsight.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LayeredDiffusionTest {

	/** Farrell, Patterson and Wilson (1992) dipole reflectance integrated over the surface (semi-infinite medium). */
	static double farrellTotalReflectance(final double muA, final double muSPrime, final double n) {
		final double albedo = muSPrime / (muA + muSPrime);
		final double rEff = -1.440 / (n * n) + 0.710 / n + 0.668 + 0.0636 * n;
		final double a = (1 + rEff) / (1 - rEff);
		final double s = Math.sqrt(3 * (1 - albedo));
		return albedo / 2 * Math.exp(-s) * (1 + Math.exp(-4.0 / 3 * a * s));
	}

	@Test
	void energyIsConservedExactlyForRandomStacks() {
		final SplittableRandom rng = new SplittableRandom(3);
		final LayeredDiffusion d = new LayeredDiffusion(3);
		for (int trial = 0; trial < 200; trial++) {
			final double[] muA = new double[3], muS = new double[3], g = new double[3], n = new double[3], t = new double[3];
			for (int k = 0; k < 3; k++) {
				muA[k] = Math.exp(rng.nextDouble(Math.log(0.01), Math.log(1e4)));
				muS[k] = rng.nextDouble(500, 50000);
				g[k] = rng.nextDouble(0.8, 0.95);
				n[k] = rng.nextDouble(1.33, 1.54);
				t[k] = rng.nextDouble(20e-6, 2e-3);
			}
			d.solve(3, muA, muS, g, n, t, 1, n[2]);
			final double total = d.specularReflectance() + d.diffuseReflectance() + d.transmittance() + d.absorbed(0) + d.absorbed(1) +
				d.absorbed(2) + d.collimatedLoss();
			assertEquals(1, total, 1e-9, "energy balance, trial " + trial);
			assertTrue(d.diffuseReflectance() >= 0 && d.diffuseReflectance() < 1);
		}
	}

	@Test
	void agreesWithFarrellsSemiInfiniteReflectanceWhereDiffusionHolds() {
		final LayeredDiffusion d = new LayeredDiffusion(1);
		// mu_a/mu_s' <= 0.01: the regime where diffusion theory is valid.
		final double[][] cases = { { 0.1, 100, 0.9, 1.0 }, { 0.1, 100, 0.9, 1.4 }, { 0.05, 20, 0.8, 1.33 }, { 0.2, 200, 0.9, 1.37 } };
		for (final double[] c : cases) {
			final double muA = c[0], muS = c[1], g = c[2], n = c[3];
			d.solve(1, new double[] { muA }, new double[] { muS }, new double[] { g }, new double[] { n }, new double[] { 1e3 }, 1, n);
			final double perEnteringPhoton = d.diffuseReflectance() / (1 - d.specularReflectance());
			final double farrell = farrellTotalReflectance(muA, muS * (1 - g), n);
			assertEquals(farrell, perEnteringPhoton, 0.03 * farrell, "mu_a=" + muA + " mu_s=" + muS + " g=" + g + " n=" + n);
		}
	}

	@Test
	void identicalLayersBehaveLikeOneLayerOfTheirTotalThickness() {
		final LayeredDiffusion three = new LayeredDiffusion(3), one = new LayeredDiffusion(1);
		final double[] muA = { 50, 50, 50 }, muS = { 2e4, 2e4, 2e4 }, g = { 0.9, 0.9, 0.9 }, n = { 1.4, 1.4, 1.4 },
			t = { 1e-4, 5e-4, 2e-3 };
		three.solve(3, muA, muS, g, n, t, 1, 1.4);
		one.solve(1, muA, muS, g, n, new double[] { 2.6e-3 }, 1, 1.4);
		assertEquals(one.diffuseReflectance(), three.diffuseReflectance(), 1e-12);
		assertEquals(one.transmittance(), three.transmittance(), 1e-12);
		assertEquals(one.fluence(1.5e-3), three.fluence(1.5e-3), 1e-9);
	}

	@Test
	void fluenceDecaysWithTheEffectiveAttenuationAtDepth() {
		final double muA = 20, muS = 1e4, g = 0.9;
		final LayeredDiffusion d = new LayeredDiffusion(1);
		d.solve(1, new double[] { muA }, new double[] { muS }, new double[] { g }, new double[] { 1.4 }, new double[] { 0.1 }, 1.33, 1.4);
		final double muEff = Math.sqrt(3 * muA * (muA + muS * (1 - g)));
		final double slope = Math.log(d.fluence(0.005) / d.fluence(0.008)) / 0.003;
		assertEquals(muEff, slope, 0.01 * muEff);
	}
}
