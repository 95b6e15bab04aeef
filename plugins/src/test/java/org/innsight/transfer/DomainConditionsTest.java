package org.innsight.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.innsight.inn.ObservationNoise;
import org.junit.jupiter.api.Test;

class DomainConditionsTest {

	@Test
	void labelSmoothingTurnsSourceIntoOneMinusUAndUAndTargetTheOtherWay() {
		final DomainConditions c = new DomainConditions(0, 0.1);
		final int rows = 20000;
		final float[] batch = new float[rows * 2];
		for (int r = 0; r < rows; r++) c.hard(r % 2 == 0 ? DomainConditions.SOURCE : DomainConditions.TARGET, 0, batch, r * 2);
		c.smoothingNoise().addTo(batch, rows, 2, new SplittableRandom(5));
		double sum = 0, min = 1, max = 0;
		for (int r = 0; r < rows; r++) {
			final float hot = batch[r * 2 + (r % 2)], cold = batch[r * 2 + 1 - (r % 2)];
			assertEquals(1.0, hot + cold, 1e-6, "row " + r);
			final double u = cold;
			assertTrue(u >= 0 && u <= 0.1, "u = " + u);
			sum += u;
			min = Math.min(min, u);
			max = Math.max(max, u);
		}
		// u ~ U(0, 0.1): mean 0.05 (sd of the mean 0.1/sqrt(12 * 20000) = 2e-4), range nearly all of [0, 0.1]
		assertEquals(0.05, sum / rows, 1e-3);
		assertTrue(min < 0.001 && max > 0.099, min + " .. " + max);
	}

	@Test
	void eachRowDrawsItsOwnUAndTheSameSeedTheSameUs() {
		final DomainConditions c = new DomainConditions(0, 0.1);
		final float[] a = c.hard(DomainConditions.SOURCE, null, 3), b = a.clone();
		assertArrayEquals(new float[] { 1, 0, 1, 0, 1, 0 }, a);
		final ObservationNoise noise = c.smoothingNoise();
		noise.addTo(a, 3, 2, new SplittableRandom(9));
		noise.addTo(b, 3, 2, new SplittableRandom(9));
		assertArrayEquals(a, b);
		assertTrue(a[1] != a[3] && a[3] != a[5], java.util.Arrays.toString(a));
	}

	@Test
	void classOneHotIsSmoothedOverTheOtherClasses() {
		final DomainConditions c = new DomainConditions(3, 0.1);
		assertEquals(5, c.columns());
		final float[] row = new float[5];
		c.hard(DomainConditions.TARGET, 2, row, 0);
		assertArrayEquals(new float[] { 0, 1, 0, 0, 1 }, row);
		c.smoothingNoise().addTo(row, 1, 5, new SplittableRandom(1));
		final double u = row[0], v = 1 - row[4];
		assertEquals(1 - u, row[1], 1e-6);
		assertEquals(v / 2, row[2], 1e-6);
		assertEquals(v / 2, row[3], 1e-6);
		assertTrue(u > 0 && u < 0.1 && v > 0 && v < 0.1);
	}

	@Test
	void noSmoothingKeepsTheOneHotsAndBadSettingsAreRefused() {
		final DomainConditions c = new DomainConditions(0, 0);
		final float[] b = c.hard(DomainConditions.TARGET, null, 2);
		c.smoothingNoise().addTo(b, 2, 2, new SplittableRandom(1));
		assertArrayEquals(new float[] { 0, 1, 0, 1 }, b);
		assertThrows(IllegalArgumentException.class, () -> new DomainConditions(1, 0.1));
		assertThrows(IllegalArgumentException.class, () -> new DomainConditions(0, 0.5));
		assertThrows(IllegalArgumentException.class, () -> new DomainConditions(2, 0.1).hard(DomainConditions.SOURCE, null, 2));
	}
}
