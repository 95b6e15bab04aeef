package org.innsight.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MmdTest {

	@Test
	void unbiasedMmdMatchesTheHandComputedCase() {
		// X = {0, 1}, Y = {2, 4} in one dimension, sigma = 1: k(a, b) = exp(-(a - b)^2 / 2)
		final float[] x = { 0, 1 }, y = { 2, 4 };
		final double kxx = Math.exp(-0.5); // the one pair (0, 1), both orders, over 2 * 1
		final double kyy = Math.exp(-2); // (2, 4)
		final double kxy = (Math.exp(-2) + Math.exp(-8) + Math.exp(-0.5) + Math.exp(-4.5)) / 4;
		final double expected = kxx + kyy - 2 * kxy; // 0.365211...
		assertEquals(0.365211, expected, 1e-6);
		assertEquals(expected, Mmd.squaredUnbiased(x, 2, y, 2, 1, 1.0), 1e-12);
		assertEquals(Math.sqrt(expected), Mmd.mmd(x, 2, y, 2, 1, 1.0), 1e-12);
		assertEquals(expected, Mmd.squaredUnbiased(y, 2, x, 2, 1, 1.0), 1e-12, "symmetric");
	}

	@Test
	void medianHeuristicIsTheMedianPairwiseDistance() {
		// pooled {0, 1, 2, 4}: distances 1, 2, 4, 1, 3, 2 -> sorted 1 1 2 2 3 4 -> median 2
		assertEquals(2.0, Mmd.medianDistance(new float[] { 0, 1 }, 2, new float[] { 2, 4 }, 2, 1), 1e-12);
		// two dimensions, one sample: (0,0), (3,4), (0,4): distances 5, 4, 3 -> 4
		assertEquals(4.0, Mmd.medianDistance(new float[] { 0, 0, 3, 4, 0, 4 }, 3, new float[0], 0, 2), 1e-12);
	}

	@Test
	void sameDistributionGivesNearZeroAndAShiftGivesMore() {
		final SplittableRandom r = new SplittableRandom(3);
		final int n = 400, d = 3;
		final float[] a = new float[n * d], b = new float[n * d], c = new float[n * d];
		for (int i = 0; i < n * d; i++) {
			a[i] = (float) r.nextGaussian();
			b[i] = (float) r.nextGaussian();
			c[i] = (float) (r.nextGaussian() + (i % d == 0 ? 1.0 : 0.0));
		}
		final double same = Mmd.squaredUnbiased(a, n, b, n, d, 1.5), shifted = Mmd.squaredUnbiased(a, n, c, n, d, 1.5);
		assertTrue(Math.abs(same) < 0.01, "same distribution: " + same);
		assertTrue(shifted > 0.05, "unit shift in one dimension: " + shifted);
	}

	@Test
	void tooFewPointsOrNoBandwidthAreErrors() {
		assertThrows(IllegalArgumentException.class, () -> Mmd.squaredUnbiased(new float[] { 1 }, 1, new float[] { 1, 2 }, 2, 1, 1));
		assertThrows(IllegalArgumentException.class, () -> Mmd.squaredUnbiased(new float[] { 1, 2 }, 2, new float[] { 1, 2 }, 2, 1, 0));
	}
}
