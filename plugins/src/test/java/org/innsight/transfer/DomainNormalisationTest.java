package org.innsight.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DomainNormalisationTest {

	@Test
	void statisticsAreThoseOfTheL2NormalisedSpectra() {
		// (3, 4) -> (0.6, 0.8); (4, 3) -> (0.8, 0.6); (0, 2) -> (0, 1); the zero and NaN rows are left out
		final Spectra s = new Spectra(new float[] { 3, 4, 4, 3, 0, 2, 0, 0, Float.NaN, 1 }, 2, null, "test");
		final DomainNormalisation n = DomainNormalisation.fit(s);
		assertArrayEquals(new double[] { 1.4 / 3, 2.4 / 3 }, n.mean(), 1e-6);
		final double sd0 = Math.sqrt((Math.pow(0.6 - 1.4 / 3, 2) + Math.pow(0.8 - 1.4 / 3, 2) + Math.pow(1.4 / 3, 2)) / 2);
		assertEquals(sd0, n.sd()[0], 1e-6);

		final float[] v = s.values().clone();
		final boolean[] ok = n.apply(v, 5);
		assertArrayEquals(new boolean[] { true, true, true, false, false }, ok);
		assertEquals((0.6 - 1.4 / 3) / sd0, v[0], 1e-5);
		assertTrue(Float.isNaN(v[6]) && Float.isNaN(v[7]) && Float.isNaN(v[8]));
		n.invert(v, 5);
		assertArrayEquals(new float[] { 0.6f, 0.8f, 0.8f, 0.6f, 0, 1 }, java.util.Arrays.copyOf(v, 6), 1e-6f);
	}

	@Test
	void cardRoundTripAndBadInputs() {
		final DomainNormalisation n = new DomainNormalisation(new double[] { 0.1, 0.2 }, new double[] { 1, 2 });
		final DomainNormalisation back = DomainNormalisation.fromCard(n.toCard(), "card");
		assertArrayEquals(n.mean(), back.mean());
		assertArrayEquals(n.sd(), back.sd());
		assertEquals("l2+standardise", n.toCard().kind);
		assertThrows(IllegalArgumentException.class, () -> new DomainNormalisation(new double[] { 0 }, new double[] { 0 }));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> DomainNormalisation.fit(new Spectra(new float[] { 0, 0, 1, 1 }, 2, null, "dark.csv")));
		assertTrue(e.getMessage().startsWith("dark.csv: fewer than 2 usable spectra"), e.getMessage());
		assertFalse(DomainNormalisation.l2(new float[] { 0, 0 }, 0, 2));
	}
}
