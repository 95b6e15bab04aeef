package org.innsight.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The conjugate Gaussian problem: prior theta ~ N(0, 1), observation y = theta + N(0, s^2). The posterior is
 * N(y / (1 + s^2), s^2 / (1 + s^2)), so every figure has a closed form.
 */
class ValidationMetricsTest {

	@Test
	void exactPosteriorsOfALinearGaussianProblemGiveTheAnalyticFigures() {
		final double s = 1;
		final double postVar = s * s / (1 + s * s), postSd = Math.sqrt(postVar);
		final int observations = 5000, samples = 300;
		final SplittableRandom rng = new SplittableRandom(11);
		final PosteriorRecords records = new PosteriorRecords(List.of("theta", "twice"), samples);
		final float[] truth = new float[2], rows = new float[samples * 2];
		for (int i = 0; i < observations; i++) {
			final double theta = rng.nextGaussian(), y = theta + s * rng.nextGaussian();
			truth[0] = (float) theta;
			truth[1] = (float) (2 * theta);
			for (int k = 0; k < samples; k++) {
				final double draw = y / (1 + s * s) + postSd * rng.nextGaussian();
				rows[2 * k] = (float) draw;
				rows[2 * k + 1] = (float) (2 * draw);
			}
			records.add(truth, rows, 1);
		}
		final ParameterFigures f = ValidationMetrics.of(records, 0, null, 1.0, 20);
		assertEquals(1 - postVar, f.contraction(), 0.02); // 0.5
		assertEquals(Math.sqrt(2 / Math.PI) * postSd, f.mae(), 0.02); // E|N(0, v)| = sqrt(2v/pi)
		assertEquals(postSd, f.rmse(), 0.02);
		assertEquals(0, f.bias(), 0.03);
		assertEquals(2 * 0.6745 * postSd, f.medianIqr(), 0.02);
		assertTrue(f.calibrationError() < 0.015, "calibration error " + f.calibrationError());
		// a second parameter twice the first: same calibration, doubled errors, prior variance 4 from the truths
		final ParameterFigures g = ValidationMetrics.of(records, 1, null, Double.NaN, 20);
		assertEquals(4, g.priorVariance(), 0.2);
		assertEquals(2 * f.mae(), g.mae(), 1e-4);
		assertEquals(f.contraction(), g.contraction(), 0.03);
		assertEquals(f.calibrationError(), g.calibrationError(), 1e-9);
	}

	@Test
	void subsetsAreMeasuredOnTheirOwn() {
		final PosteriorRecords records = new PosteriorRecords(List.of("x"), 4);
		// observation 0: truth far above every sample (rank 4); observation 1: truth in the middle (rank 2)
		records.add(new float[] { 10, 0.5f }, new float[] { 0, 0, 1, 1, 0, 0, 1, 1 }, 2);
		assertEquals(4, records.rank(0, 0));
		assertEquals(2, records.rank(1, 0));
		assertEquals(9.5, ValidationMetrics.of(records, 0, new int[] { 0 }, 1, 5).mae(), 1e-6);
		assertEquals(0, ValidationMetrics.of(records, 0, new int[] { 1 }, 1, 5).mae(), 1e-6);
		assertEquals(1, ValidationMetrics.of(records, 0, new int[] { 1 }, 1, 5).medianIqr(), 1e-6);
	}

	@Test
	void resimulationFiguresAreMediansOfTheMeasuredObservations() {
		final PosteriorRecords records = new PosteriorRecords(List.of("x"), 2);
		records.add(new float[] { 0, 0, 0 }, new float[] { 0, 1, 0, 1, 0, 1 }, 3);
		records.setResimulation(0, 0.1, 0.01);
		records.setResimulation(2, 0.3, 0.03);
		final double[] r = ValidationMetrics.resimulation(records, null);
		assertEquals(0.2, r[0], 1e-12);
		assertEquals(0.2, r[1], 1e-12);
		assertEquals(0.02, r[2], 1e-12);
		assertEquals(2, r[3], 0);
	}
}
