package org.innsight.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhotoacousticModelTest {

	private static final double[] WL = { 700, 750, 800, 850 };

	private static double[] p0(final double sO2, final double depth) {
		final double[] out = new double[WL.length];
		// target sO2, vHb, depth, background sO2, vHb, a_mie, b_mie
		PhotoacousticModel.standard().evaluator(WL).spectrum(new double[] { sO2, 1, depth, 0.7, 0.03, 1500, 1.3 }, out, null);
		return out;
	}

	@Test
	void initialPressureIsGammaTimesAbsorptionTimesFluence() {
		final double[] out = p0(0.8, 0.002);
		final LayeredDiffusion d = new LayeredDiffusion(1);
		for (int j = 0; j < WL.length; j++) {
			final double bgMuA = TissueOptics.muA(0.7, 0.03, WL[j]);
			final double bgMuS = TissueOptics.muS(1500, 1.3, 0.9, WL[j]);
			d.solve(1, new double[] { bgMuA }, new double[] { bgMuS }, new double[] { 0.9 }, new double[] { 1.4 }, new double[] { 0.1 }, 1.33, 1.4);
			assertEquals(0.2 * TissueOptics.muA(0.8, 1, WL[j]) * d.fluence(0.002), out[j], 1e-9 * out[j]);
		}
	}

	@Test
	void deeperTargetsGetLessLightAndRedderSpectra() {
		final double[] shallow = p0(0.8, 0.0005), deep = p0(0.8, 0.008);
		for (int j = 0; j < WL.length; j++) assertTrue(deep[j] < shallow[j]);
		// Spectral colouring: blood in the background absorbs 700 nm more than 850 nm, so depth tilts the spectrum.
		assertTrue(deep[0] / deep[3] < shallow[0] / shallow[3]);
	}

	@Test
	void oxygenatedBloodHasLessRelativeSignalAt700nm() {
		final double[] low = p0(0.2, 0.001), high = p0(0.95, 0.001);
		assertTrue(high[0] / high[3] < low[0] / low[3]);
	}
}
