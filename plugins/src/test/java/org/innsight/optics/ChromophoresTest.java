package org.innsight.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChromophoresTest {

	/** Anchor values of Prahl's table (cm^-1/M): {nm, HbO2, Hb}. */
	private static final double[][] ANCHORS = {
		{ 500, 20932.8, 20862 }, { 560, 32613.2, 53788 }, { 660, 319.6, 3226.56 }, { 700, 290, 1794.28 },
		{ 760, 586, 1548.52 }, { 800, 816, 761.72 }, { 850, 1058, 691.32 }, { 900, 1198, 761.84 } };

	@Test
	void anchorValuesAreReproducedExactly() {
		for (final double[] a : ANCHORS) {
			assertEquals(a[1], Chromophores.epsHbO2(a[0]), 0.0, "HbO2 at " + a[0] + " nm");
			assertEquals(a[2], Chromophores.epsHb(a[0]), 0.0, "Hb at " + a[0] + " nm");
		}
	}

	@Test
	void tableCovers250To1000nmAndInterpolatesLinearlyBetweenRows() {
		assertEquals(250, Chromophores.minWavelength());
		assertEquals(1000, Chromophores.maxWavelength());
		// 699 nm lies halfway between the 698 and 700 nm rows.
		final double mid = 0.5 * (Chromophores.epsHb(698) + Chromophores.epsHb(700));
		assertEquals(mid, Chromophores.epsHb(699), 1e-9);
	}

	@Test
	void wavelengthsOutsideTheTableAreRejected() {
		assertThrows(IllegalArgumentException.class, () -> Chromophores.epsHb(1001));
		assertThrows(IllegalArgumentException.class, () -> Chromophores.epsHbO2(249.9));
	}

	@Test
	void absorptionAndScatteringFollowTheLiteratureFormulas() {
		// mu_a = ln(10) * 150 * (0.5*816 + 0.5*761.72) * 0.1 / 64500 = 0.42242 1/cm = 42.242 1/m
		assertEquals(42.2422, TissueOptics.muA(0.5, 0.1, 800), 1e-3);
		assertEquals(0, TissueOptics.muA(0.7, 0, 560), 0);
		// mu_s = a_mie * (lambda/500)^-b / (1-g): at 1000 nm with b = 1: 1000 * 0.5 / 0.1 = 5000 1/m
		assertEquals(5000, TissueOptics.muS(1000, 1, 0.9, 1000), 1e-9);
		// Rayleigh term adds a_ray * (lambda/500)^-4 before dividing by (1-g): 100 * 1/16 / 0.1 = 62.5
		assertEquals(5062.5, TissueOptics.muS(1000, 1, 100, 0.9, 1000), 1e-9);
	}
}
