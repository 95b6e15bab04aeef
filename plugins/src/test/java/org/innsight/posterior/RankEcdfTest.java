package org.innsight.posterior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The SBC rank ECDF and its simultaneous band (Säilynoja et al. 2022) against cases with known answers. */
class RankEcdfTest {

	@Test
	void binomialCdfMatchesTheHandValues() {
		// Binomial(4, 1/2): pmf 1, 4, 6, 4, 1 (/16)
		assertArrayEquals(new double[] { 1 / 16.0, 5 / 16.0, 11 / 16.0, 15 / 16.0, 1 }, RankEcdf.binomialCdf(4, 0.5), 1e-12);
	}

	@Test
	void exactlyUniformRanksHaveNoDifferenceAndStayInsideTheBand() {
		final int samples = 19, each = 5, n = each * (samples + 1);
		final int[] ranks = new int[n];
		for (int i = 0; i < n; i++) ranks[i] = i % (samples + 1);
		final RankEcdf e = RankEcdf.of(ranks, n, RankEcdf.band(n, samples));
		assertEquals(samples, e.z().length, "every z_k = k / 20, k = 1..19");
		for (int i = 0; i < e.z().length; i++) {
			assertEquals((i + 1) / 20.0, e.z()[i], 1e-12);
			assertEquals(0, e.difference()[i], 1e-12);
			assertTrue(e.lower()[i] < 0 && e.upper()[i] > 0, "band at " + e.z()[i]);
		}
		assertEquals(0, e.outside());
		// simultaneous: wider than the pointwise 95% band, so gamma is well below 0.05
		assertTrue(e.gamma() < 0.05 && e.gamma() > 0.001, "gamma " + e.gamma());
	}

	@Test
	void theBandHoldsWholeUniformEcdfsAboutNinetyFivePercentOfTheTime() {
		final int samples = 19, n = 100, sets = 400;
		final RankEcdf.Band band = RankEcdf.band(n, samples);
		final SplittableRandom r = new SplittableRandom(7);
		final int[] ranks = new int[n];
		int inside = 0;
		for (int s = 0; s < sets; s++) {
			for (int i = 0; i < n; i++) ranks[i] = r.nextInt(samples + 1);
			if (RankEcdf.of(ranks, n, band).outside() == 0) inside++;
		}
		// binomial sd of the fraction at 400 sets: 0.011; the band is discrete (counts), so it is a little conservative
		assertTrue(inside / (double) sets > 0.92 && inside / (double) sets < 0.99, "inside " + inside + " of " + sets);
	}

	/** theta ~ N(0, 1), y = theta + N(0, 1): the exact posterior is N(y / 2, 1 / 2); {@code scale} shrinks its sd. */
	private static PosteriorRecords gaussian(final int n, final int samples, final double scale, final long seed) {
		final SplittableRandom r = new SplittableRandom(seed);
		final PosteriorRecords records = new PosteriorRecords(List.of("theta"), samples);
		final float[] s = new float[samples];
		for (int i = 0; i < n; i++) {
			final double theta = r.nextGaussian(), y = theta + r.nextGaussian();
			for (int k = 0; k < samples; k++) s[k] = (float) (y / 2 + scale * Math.sqrt(0.5) * r.nextGaussian());
			records.add(new float[] { (float) theta }, s, 1);
		}
		return records;
	}

	@Test
	void anOverconfidentPosteriorLeavesTheBandAndTheExactOneStaysInside() {
		final ParameterFigures exact = ValidationMetrics.of(gaussian(300, 49, 1, 3), 0, null, Double.NaN, 10);
		assertEquals(0, exact.ecdf().outside(), "the exact posterior's ranks are uniform");
		final ParameterFigures overconfident = ValidationMetrics.of(gaussian(300, 49, 0.5, 3), 0, null, Double.NaN, 10);
		// half the sd: too many truths fall below or above all samples, the ECDF rises too fast then too slow
		assertTrue(overconfident.ecdf().outside() > 5, "points outside: " + overconfident.ecdf().outside());
		assertTrue(overconfident.ecdf().difference()[0] > overconfident.ecdf().upper()[0], "the low end lies above the band");
	}

	@Test
	void zScoreAndContractionOfTheAnalyticGaussianCase() {
		// prior variance 1, posterior variance 1/2: contraction 1 - 0.5 / 1 = 0.5; z ~ N(0, 1)
		final PosteriorRecords records = gaussian(500, 2000, 1, 5);
		final ZContraction zc = ZContraction.of(records, 0, ValidationMetrics.all(records.count()), 1.0);
		double c = 0, z = 0, zz = 0;
		for (int i = 0; i < 500; i++) {
			c += zc.contraction()[i];
			z += zc.z()[i];
			zz += zc.z()[i] * zc.z()[i];
		}
		assertEquals(0.5, c / 500, 0.005, "mean contraction");
		assertEquals(0, z / 500, 0.15, "mean z");
		assertEquals(1, Math.sqrt(zz / 500 - (z / 500) * (z / 500)), 0.1, "sd of z");
		// one observation by hand: samples {1, 3} around the truth 1: mean 2, sd sqrt(2) (n - 1), so z = 1 / sqrt(2);
		// with prior variance 4: contraction 1 - 2 / 4
		final PosteriorRecords hand = new PosteriorRecords(List.of("theta"), 2);
		hand.add(new float[] { 1 }, new float[] { 1, 3 }, 1);
		final ZContraction one = ZContraction.of(hand, 0, new int[] { 0 }, 4.0);
		assertEquals(1 / Math.sqrt(2), one.z()[0], 1e-6);
		assertEquals(0.5, one.contraction()[0], 1e-6);
	}
}
