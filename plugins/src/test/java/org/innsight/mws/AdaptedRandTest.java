package org.innsight.mws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The adapted Rand error against small cases worked out by hand. */
class AdaptedRandTest {

	@Test
	void identicalUpToRenumberingIsZero() {
		final AdaptedRand.Result r = AdaptedRand.of(new int[] { 7, 7, 3, 3, 9 }, new int[] { 1, 1, 2, 2, 3 });
		assertEquals(0, r.error, 1e-12);
		assertEquals(1, r.precision, 1e-12);
		assertEquals(1, r.recall, 1e-12);
	}

	@Test
	void mergingTwoSegments() {
		// reference {1,1,2,2}, one segment: sumA = 4+4 = 8, sumB = 16, sumAB = 8; p = 0.5, r = 1, F = 2/3
		final AdaptedRand.Result r = AdaptedRand.of(new int[] { 1, 1, 1, 1 }, new int[] { 1, 1, 2, 2 });
		assertEquals(0.5, r.precision, 1e-12);
		assertEquals(1, r.recall, 1e-12);
		assertEquals(1.0 / 3, r.error, 1e-12);
	}

	@Test
	void splittingOneSegment() {
		// reference one segment of 4, segmentation {1,1,2,3}: sumA = 16, sumB = 4+1+1 = 6, sumAB = 6; p = 1, r = 3/8, F = 6/11
		final AdaptedRand.Result r = AdaptedRand.of(new int[] { 1, 1, 2, 3 }, new int[] { 5, 5, 5, 5 });
		assertEquals(1, r.precision, 1e-12);
		assertEquals(0.375, r.recall, 1e-12);
		assertEquals(5.0 / 11, r.error, 1e-12);
	}

	@Test
	void referenceBackgroundIsIgnored() {
		assertEquals(0, AdaptedRand.of(new int[] { 5, 1, 1 }, new int[] { 0, 1, 1 }).error, 1e-12);
	}

	@Test
	void segmentationBackgroundCountsAsSingletons() {
		// reference one segment of 3; segmentation {0,0,1}: singletons 2, sumB = 1 + 2 = 3, sumAB = 1 + 2 = 3, sumA = 9; p = 1, r = 1/3, F = 1/2
		final AdaptedRand.Result r = AdaptedRand.of(new int[] { 0, 0, 1 }, new int[] { 1, 1, 1 });
		assertEquals(1, r.precision, 1e-12);
		assertEquals(1.0 / 3, r.recall, 1e-12);
		assertEquals(0.5, r.error, 1e-12);
	}

	@Test
	void mixedCase() {
		// reference {1,1,1,2,2,2}, segmentation {1,1,2,2,2,2}: n = {(1,1)=2,(1,2)=1,(2,2)=3}; sumAB = 4+1+9 = 14,
		// sumA = 9+9 = 18, sumB = 4+16 = 20; p = 0.7, r = 7/9, F = 2 * 0.7 * 7/9 / (0.7 + 7/9) = 0.736842...
		final AdaptedRand.Result r = AdaptedRand.of(new int[] { 1, 1, 2, 2, 2, 2 }, new int[] { 1, 1, 1, 2, 2, 2 });
		assertEquals(0.7, r.precision, 1e-12);
		assertEquals(7.0 / 9, r.recall, 1e-12);
		assertEquals(1 - 14.0 / 19, r.error, 1e-12);
	}
}
