package org.innsight.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ModesTest {

	/** n samples from equal-weight unit-variance Gaussians centred at {@code centres}. */
	private static float[] mixture(final SplittableRandom rng, final int n, final double... centres) {
		final float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = (float) (centres[rng.nextInt(centres.length)] + rng.nextGaussian());
		Arrays.sort(v);
		return v;
	}

	/** How often (of 500 draws of n samples) the mode count equals the number of mixture components. */
	private static double hitRate(final int n, final double... centres) {
		final SplittableRandom rng = new SplittableRandom(42);
		final Modes modes = new Modes();
		int hits = 0;
		for (int i = 0; i < 500; i++)
			if (modes.countSorted(mixture(rng, n, centres), n) == centres.length) hits++;
		return hits / 500.0;
	}

	@Test
	void aGaussianPosteriorHasOneMode() {
		assertTrue(hitRate(64, 0) >= 0.97, "unimodal with 64 samples: " + hitRate(64, 0));
		assertTrue(hitRate(1000, 0) >= 0.99, "unimodal with 1000 samples: " + hitRate(1000, 0));
	}

	@Test
	void wellSeparatedMixturesHaveTwoAndThreeModes() {
		assertTrue(hitRate(64, -3, 3) >= 0.9, "bimodal with 64 samples: " + hitRate(64, -3, 3));
		assertTrue(hitRate(1000, -3, 3) >= 0.99, "bimodal with 1000 samples: " + hitRate(1000, -3, 3));
		assertTrue(hitRate(256, -6, 0, 6) >= 0.9, "trimodal with 256 samples: " + hitRate(256, -6, 0, 6));
		assertTrue(hitRate(1000, -6, 0, 6) >= 0.99, "trimodal with 1000 samples: " + hitRate(1000, -6, 0, 6));
	}

	@Test
	void overlappingComponentsThatFormOneHillCountOnce() {
		// two unit Gaussians 1.5 apart: the mixture density is unimodal (separation < 2 sd)
		assertTrue(hitRate(1000, -0.75, 0.75) < 0.05, "a single hill was counted as two modes");
	}

	@Test
	void peaksBelowTheProminenceThresholdAreNotCounted() {
		// a big peak (10), a dip to 6 and a shoulder bump to 7: prominence of the bump is 1
		final double[] f = { 0, 5, 10, 6, 7, 3, 0 };
		assertEquals(2, Modes.countPeaks(f, f.length, 0.5));
		assertEquals(1, Modes.countPeaks(f, f.length, 1.5));
		// a flat top counts once; a constant curve has no peak
		assertEquals(1, Modes.countPeaks(new double[] { 0, 2, 2, 2, 0 }, 5, 0.1));
		assertEquals(0, Modes.countPeaks(new double[] { 1, 1, 1 }, 3, 0.1));
	}

	@Test
	void aPointMassHasOneMode() {
		assertEquals(1, new Modes().countSorted(new float[] { 0.3f, 0.3f, 0.3f }, 3));
	}
}
