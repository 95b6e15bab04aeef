package org.innsight.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SampleStatisticsTest {

	@Test
	void quantilesInterpolateBetweenOrderStatisticsLikeNumpy() {
		final float[] v = { 1, 2, 3, 4 };
		// numpy.quantile([1,2,3,4], [0, .25, .5, .75, 1]) = [1, 1.75, 2.5, 3.25, 4]
		assertEquals(1, SampleStatistics.quantileSorted(v, 4, 0), 0);
		assertEquals(1.75, SampleStatistics.quantileSorted(v, 4, 0.25), 1e-12);
		assertEquals(2.5, SampleStatistics.quantileSorted(v, 4, 0.5), 1e-12);
		assertEquals(3.25, SampleStatistics.quantileSorted(v, 4, 0.75), 1e-12);
		assertEquals(4, SampleStatistics.quantileSorted(v, 4, 1), 0);
		assertEquals(7, SampleStatistics.quantileSorted(new float[] { 7 }, 1, 0.3), 0);
	}

	@Test
	void meanAndUnbiasedVariance() {
		final float[] v = { 2, 4, 4, 4, 5, 5, 7, 9 };
		assertEquals(5, SampleStatistics.mean(v, 8), 1e-12);
		assertEquals(32.0 / 7, SampleStatistics.variance(v, 8, 5), 1e-12);
		assertEquals(0, SampleStatistics.variance(v, 1, 2), 0);
	}

	@Test
	void rankCountsValuesBelowAndHalfOfTheTies() {
		final float[] v = { 1, 2, 2, 2, 2, 3 };
		assertEquals(0, SampleStatistics.rankSorted(v, 6, 0.5f));
		assertEquals(1, SampleStatistics.rankSorted(v, 6, 1.5f));
		assertEquals(3, SampleStatistics.rankSorted(v, 6, 2f)); // 1 below + 4 ties / 2
		assertEquals(5, SampleStatistics.rankSorted(v, 6, 2.5f));
		assertEquals(6, SampleStatistics.rankSorted(v, 6, 9f));
	}
}
