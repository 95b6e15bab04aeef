package org.innsight.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** WAIC and the OOD score against hand computations from known per-member log-densities. */
class WaicTest {

	@Test
	void scoreIsMinusMeanPlusSampleVarianceOverMembersPerDimension() {
		// row 0: members say -10, -12, -14 -> mean -12, sample variance ((2^2 + 0 + 2^2) / 2) = 4; WAIC -16; D = 4 -> score 4
		// row 1: all members say 3 -> variance 0; WAIC 3 -> score -0.75
		final Waic.Scores s = Waic.of(new double[][] { { -10, 3 }, { -12, 3 }, { -14, 3 } }, 4);
		assertEquals(4.0, s.score()[0], 1e-6);
		assertEquals(-12.0, s.meanLogDensity()[0], 1e-6);
		assertEquals(2.0, s.spread()[0], 1e-6);
		assertEquals(-0.75, s.score()[1], 1e-6);
		assertEquals(0.0, s.spread()[1], 0);
		assertEquals(-16.0, Waic.waic(-10, -12, -14), 1e-9);
	}

	@Test
	void disagreementRaisesTheScoreOfAnEquallyLikelyRow() {
		// same mean log-density, members disagreeing on row 1: WAIC ranks it more out of distribution
		final Waic.Scores s = Waic.of(new double[][] { { 5, 8 }, { 5, 2 } }, 2);
		assertEquals(s.meanLogDensity()[0], s.meanLogDensity()[1], 0);
		assertEquals(-2.5, s.score()[0], 1e-6);
		assertEquals((-(5 - 18.0)) / 2, s.score()[1], 1e-6); // variance ((3^2 + 3^2) / 1) = 18
		assertTrue(s.score()[1] > s.score()[0]);
	}

	@Test
	void aSingleMemberGivesItsNegativeLogLikelihoodPerDimension() {
		final Waic.Scores s = Waic.of(new double[][] { { -7.5 } }, 3);
		assertEquals(2.5, s.score()[0], 1e-6);
		assertEquals(0, s.spread()[0], 0);
	}

	@Test
	void rowsAMemberCannotScoreAreInfinitelyOutOfDistribution() {
		final Waic.Scores s = Waic.of(new double[][] { { Double.NEGATIVE_INFINITY, 1 }, { 0, Double.NaN } }, 2);
		assertEquals(Float.POSITIVE_INFINITY, s.score()[0]);
		assertEquals(Float.POSITIVE_INFINITY, s.score()[1]);
		assertTrue(Float.isNaN(s.meanLogDensity()[0]));
	}
}
