package org.innsight.dalsa.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

	/** n samples of a 2D Gaussian with the given mean and unit covariance, plus a constant third feature. */
	private static float[][] gaussian(final Random random, final int n, final double mx, final double my) {
		final float[][] x = new float[3][n];
		for (int i = 0; i < n; i++) {
			x[0][i] = (float) (mx + random.nextGaussian());
			x[1][i] = (float) (my + random.nextGaussian());
			x[2][i] = 7f;
		}
		return x;
	}

	@Test
	void importanceWeightsRecoverAKnownDensityRatio() {
		// Scan ~ N((0,0), I), annotated ~ N((1,-0.5), I): p_scan/p_annotated = exp(-x + 0.5y + 0.625).
		final Random random = new Random(42);
		final float[][] scan = gaussian(random, 40000, 0, 0);
		final float[][] annotated = gaussian(random, 10000, 1, -0.5);
		final double[][] points = { { 0, 0 }, { 1, -0.5 }, { -1, 0.5 }, { 2, 0 }, { 0.5, 1 } };
		final float[][] query = new float[3][points.length];
		for (int i = 0; i < points.length; i++) {
			query[0][i] = (float) points[i][0];
			query[1][i] = (float) points[i][1];
			query[2][i] = 7f;
		}
		final ImportanceWeights.Result r = ImportanceWeights.estimate(annotated, scan, query, 1e-3, 2);
		for (int i = 0; i < points.length; i++) {
			final double truth = Math.exp(-points[i][0] + 0.5 * points[i][1] + 0.625);
			assertEquals(truth, r.weights()[i], 0.08 * truth, "weight at " + java.util.Arrays.toString(points[i]));
		}
		assertTrue(r.model().iterations() < 30);
	}

	@Test
	void identicalDistributionsGiveWeightsNearOne() {
		final Random random = new Random(3);
		final float[][] scan = gaussian(random, 20000, 0, 0);
		final float[][] annotated = gaussian(random, 5000, 0, 0);
		final ImportanceWeights.Result r = ImportanceWeights.estimate(annotated, scan, annotated, 1, 2);
		final double[] s = r.summary();
		assertEquals(1, s[2], 0.03, "mean weight");
		assertTrue(s[0] > 0.8 && s[3] < 1.25, "min " + s[0] + " max " + s[3]);
	}

	@Test
	void perfectlySeparableGroupsStayFiniteThanksToTheRidge() {
		final float[][] a = { { 1, 1.1f, 1.2f, 0.9f } }, b = { { -1, -1.1f, -1.2f, -0.9f, -1.05f } };
		final LogisticRegression m = LogisticRegression.fit(a, b, 1, 1);
		assertTrue(m.logit(new float[] { 1 }) > 0 && m.logit(new float[] { -1 }) < 0);
		assertTrue(Double.isFinite(m.coefficients()[1]));
	}
}
