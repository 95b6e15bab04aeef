package org.innsight.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Calibration on Gaussian posteriors with known answers: truth ~ N(mu_i, 1) for every observation i, posterior
 * samples ~ N(mu_i, k^2). k = 1 is calibrated; the coverage of the central q-interval is then
 * 2 Phi(k z_q) - 1 with z_q = Phi^-1((1 + q) / 2).
 */
class CalibrationTest {

	private static final int OBSERVATIONS = 4000, SAMPLES = 200;

	private static PosteriorRecords gaussianPosteriors(final double k, final long seed) {
		final SplittableRandom rng = new SplittableRandom(seed);
		final PosteriorRecords records = new PosteriorRecords(List.of("theta"), SAMPLES);
		final float[] truth = new float[1], samples = new float[SAMPLES];
		for (int i = 0; i < OBSERVATIONS; i++) {
			final double mu = 5 * rng.nextGaussian();
			truth[0] = (float) (mu + rng.nextGaussian());
			for (int s = 0; s < SAMPLES; s++) samples[s] = (float) (mu + k * rng.nextGaussian());
			records.add(truth, samples, 1);
		}
		return records;
	}

	/** The calibration error a posterior k times too wide has: median over q of |2 Phi(z_q / k) - 1 - q|... with truth sd 1. */
	private static double expectedError(final double k) {
		final double[] e = new double[Calibration.LEVELS.length];
		for (int i = 0; i < e.length; i++) {
			final double q = Calibration.LEVELS[i];
			final double coverage = 2 * Gaussians.cdf(k * Gaussians.quantile((1 + q) / 2)) - 1;
			e[i] = Math.abs(coverage - q);
		}
		Arrays.sort(e);
		return e[e.length / 2];
	}

	@Test
	void aCalibratedPosteriorHasNearZeroCalibrationError() {
		final ParameterFigures f = ValidationMetrics.of(gaussianPosteriors(1, 1), 0, null, Double.NaN, 20);
		assertTrue(f.calibrationError() < 0.01, "calibration error " + f.calibrationError());
		assertEquals(0.68, f.coverage68(), 0.02);
		// ranks uniform: chi-square of 20 bins near its expectation 19 (99.9% quantile of chi2(19) is 43.8)
		assertTrue(f.rankChiSquare() < 43.8, "rank histogram chi-square " + f.rankChiSquare());
		assertEquals(1, f.zSd(), 0.05);
		assertEquals(0, f.zMean(), 0.05);
		assertEquals(0.674, f.zMedianAbs(), 0.04);
	}

	@Test
	void anOverconfidentPosteriorHasTheAnalyticCalibrationError() {
		final double expected = expectedError(0.5);
		assertTrue(expected > 0.15, "a posterior half as wide as it should be is badly calibrated: " + expected);
		final ParameterFigures f = ValidationMetrics.of(gaussianPosteriors(0.5, 2), 0, null, Double.NaN, 20);
		assertEquals(expected, f.calibrationError(), 0.015);
		assertEquals(2 * Gaussians.cdf(0.5 * Gaussians.quantile(0.84)) - 1, f.coverage68(), 0.02);
		assertEquals(2, f.zSd(), 0.1);
		// U-shaped rank histogram: the outer bins hold far more than the middle ones
		final long[] r = f.ranks();
		assertTrue(r[0] > 3 * r[r.length / 2] && r[r.length - 1] > 3 * r[r.length / 2], Arrays.toString(r));
	}

	@Test
	void anUnderconfidentPosteriorHasTheAnalyticCalibrationError() {
		final double expected = expectedError(2);
		final ParameterFigures f = ValidationMetrics.of(gaussianPosteriors(2, 3), 0, null, Double.NaN, 20);
		assertEquals(expected, f.calibrationError(), 0.015);
		assertEquals(0.5, f.zSd(), 0.03);
		final long[] r = f.ranks();
		assertTrue(r[r.length / 2] > 3 * r[0], "hump-shaped rank histogram expected: " + Arrays.toString(r));
	}

	@Test
	void coverageUsesTheWeibullPositionsOfTheRanks() {
		// L = 3 samples: ranks 0..3 sit at u = 1/8, 3/8, 5/8, 7/8, i.e. |2u - 1| = 3/4, 1/4, 1/4, 3/4
		final int[] ranks = { 0, 1, 2, 3 };
		assertEquals(0, Calibration.coverageAt(ranks, 4, 3, 0.2), 0);
		assertEquals(0.5, Calibration.coverageAt(ranks, 4, 3, 0.25), 0);
		assertEquals(0.5, Calibration.coverageAt(ranks, 4, 3, 0.7), 0);
		assertEquals(1, Calibration.coverageAt(ranks, 4, 3, 0.75), 0);
	}

	@Test
	void rankHistogramExpectsEachBinsShareOfThePossibleRanks() {
		// L = 4: five possible ranks in 2 bins -> ranks 0,1,2 in bin 0 (3/5 of the mass), 3,4 in bin 1
		final RankHistogram h = RankHistogram.of(new int[] { 0, 1, 2, 3, 4 }, 5, 4, 2);
		assertEquals(3, h.counts()[0]);
		assertEquals(2, h.counts()[1]);
		assertEquals(3, h.expected(0), 1e-12);
		assertEquals(2, h.expected(1), 1e-12);
		assertEquals(0, h.chiSquare(), 1e-12);
	}
}
