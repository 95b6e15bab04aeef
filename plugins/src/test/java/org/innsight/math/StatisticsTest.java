package org.innsight.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatisticsTest {

	@Test
	void medianOfOddAndEvenCounts() {
		assertEquals(2.0, Statistics.median(new double[] { 3, 1, 2 }));
		assertEquals(2.5, Statistics.median(new double[] { 4, 1, 3, 2 }));
		assertTrue(Double.isNaN(Statistics.median(new double[0])));
		final double[] values = { 5, 4 };
		Statistics.median(values);
		assertEquals(5, values[0], "the input is left in its order");
	}

	@Test
	void correlationAgainstHandWorkedValues() {
		assertEquals(1.0, Statistics.correlation(new double[] { 1, 2, 3 }, new double[] { 10, 20, 30 }), 1e-12);
		assertEquals(-1.0, Statistics.correlation(new double[] { 1, 2, 3 }, new double[] { 3, 2, 1 }), 1e-12);
		// x = 1..4, y = 1, 3, 2, 4: sxy = 4, sxx = syy = 5, so r = 0.8
		assertEquals(0.8, Statistics.correlation(new double[] { 1, 2, 3, 4 }, new double[] { 1, 3, 2, 4 }), 1e-12);
		assertTrue(Double.isNaN(Statistics.correlation(new double[] { 1, 1 }, new double[] { 1, 2 })));
		assertThrows(IllegalArgumentException.class, () -> Statistics.correlation(new double[] { 1 }, new double[] { 1 }));
		assertThrows(IllegalArgumentException.class, () -> Statistics.correlation(new double[] { 1, 2 }, new double[] { 1, 2, 3 }));
	}
}
