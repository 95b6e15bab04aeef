package org.innsight.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LayeredMonteCarloTest {

	@Test
	void energyIsConservedInAMismatchedThreeLayerStack() {
		final double[] muA = { 300, 40, 5 }, muS = { 1e4, 2e4, 1.5e4 }, g = { 0.9, 0.85, 0.8 }, n = { 1.5, 1.36, 1.44 },
			d = { 1e-4, 5e-4, 1e-3 };
		final LayeredMonteCarlo.Result r = LayeredMonteCarlo.run(3, muA, muS, g, n, d, 1, 1.0, 20_000, new SplittableRandom(5));
		// Russian roulette conserves energy on average only: the tolerance covers its noise.
		assertEquals(1, r.total(), 0.01);
		assertTrue(r.diffuseReflectance > 0 && r.transmittance > 0 && r.totalAbsorbed() > 0);
		assertEquals(Fresnel.normal(1, 1.5), r.specular, 1e-12);
	}

	@Test
	void reproducesVanDeHulstsSlabValues() {
		// Optical depth 2, albedo 0.9, g = 0.75, matched boundaries: R_d = 0.09739, T_t = 0.66096 (van de Hulst 1980,
		// the benchmark of MCML). Units here: 1/cm and cm.
		final LayeredMonteCarlo.Result r = LayeredMonteCarlo.run(1, new double[] { 10 }, new double[] { 90 }, new double[] { 0.75 },
			new double[] { 1 }, new double[] { 0.02 }, 1, 1, 100_000, new SplittableRandom(11));
		assertEquals(0.09739, r.diffuseReflectance, 0.003);
		assertEquals(0.66096, r.transmittance, 0.005);
	}

	@Test
	void agreesWithTheDiffusionModelWhereDiffusionHolds() {
		final double[] muA = { 10 }, muS = { 1e4 }, g = { 0.9 }, n = { 1.4 }, d = { 0.05 };
		final LayeredMonteCarlo.Result mc = LayeredMonteCarlo.run(1, muA, muS, g, n, d, 1, 1.4, 20_000, new SplittableRandom(2));
		final LayeredDiffusion diff = new LayeredDiffusion(1);
		diff.solve(1, muA, muS, g, n, d, 1, 1.4);
		assertEquals(mc.diffuseReflectance, diff.diffuseReflectance(), 0.03 * mc.diffuseReflectance);
	}

	@Test
	void sameSeedGivesTheSameResult() {
		final double[] muA = { 100 }, muS = { 1e4 }, g = { 0.9 }, n = { 1.4 }, d = { 1e-3 };
		final double a = LayeredMonteCarlo.run(1, muA, muS, g, n, d, 1, 1.4, 2000, new SplittableRandom(9)).diffuseReflectance;
		final double b = LayeredMonteCarlo.run(1, muA, muS, g, n, d, 1, 1.4, 2000, new SplittableRandom(9)).diffuseReflectance;
		assertEquals(a, b, 0.0);
	}
}
