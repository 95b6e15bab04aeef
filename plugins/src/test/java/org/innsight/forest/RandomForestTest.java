package org.innsight.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class RandomForestTest {

	private static float[] predict(final RandomForest forest, final float[][] columns) {
		final int n = columns[0].length, f = columns.length;
		final float[] rows = new float[n * f];
		for (int i = 0; i < n; i++) for (int j = 0; j < f; j++) rows[i * f + j] = columns[j][i];
		final float[] p = new float[n * forest.classCount()];
		forest.predict(rows, n, p);
		return p;
	}

	@Test
	void aSampleOfWeightKGrowsTheSameForestAsKCopiesOfIt() {
		final Random random = new Random(5);
		final int n = 150;
		final float[][] x = new float[3][n];
		final int[] y = new int[n];
		final int[] copies = new int[n];
		int total = 0;
		for (int i = 0; i < n; i++) {
			for (int f = 0; f < 3; f++) x[f][i] = random.nextInt(20);
			y[i] = (x[0][i] + x[1][i] + random.nextInt(8) > 22) ? 1 : random.nextInt(6) == 0 ? 2 : 0;
			copies[i] = 1 + random.nextInt(3);
			total += copies[i];
		}
		final float[][] dx = new float[3][total];
		final int[] dy = new int[total];
		final float[] weights = new float[n];
		for (int i = 0, k = 0; i < n; i++) {
			weights[i] = copies[i];
			for (int c = 0; c < copies[i]; c++, k++) {
				for (int f = 0; f < 3; f++) dx[f][k] = x[f][i];
				dy[k] = y[i];
			}
		}
		final ForestSettings settings = new ForestSettings(20, 2, 1, 0, false, 99, 2);
		final RandomForest weighted = RandomForest.train(new TrainingSet(x, y, weights, 3), settings, ProgressListener.NONE);
		final RandomForest duplicated = RandomForest.train(TrainingSet.unweighted(dx, dy, 3), settings, ProgressListener.NONE);
		final RandomForest plain = RandomForest.train(TrainingSet.unweighted(x, y, 3), settings, ProgressListener.NONE);
		final float[][] query = new float[3][500];
		for (int i = 0; i < 500; i++) for (int f = 0; f < 3; f++) query[f][i] = random.nextFloat() * 21 - 0.5f;
		final float[] pw = predict(weighted, query), pd = predict(duplicated, query), pp = predict(plain, query);
		assertArrayEquals(pd, pw, 0f, "weights act exactly like duplicated samples");
		assertNotEquals(java.util.Arrays.toString(pp), java.util.Arrays.toString(pw), "and the weights do change the forest");
	}

	@Test
	void weightsShiftTheClassProbabilityWhereClassesOverlap() {
		// x = 5 holds 10 samples of each class; class 1 there has weight 3, so P(1 | x = 5) = 30 / 40.
		final int n = 60;
		final float[][] x = new float[1][n];
		final int[] y = new int[n];
		final float[] w = new float[n];
		for (int i = 0; i < n; i++) {
			if (i < 20) { x[0][i] = 1 + i % 3; y[i] = 0; }
			else if (i < 40) { x[0][i] = 5; y[i] = i < 30 ? 0 : 1; }
			else { x[0][i] = 8 + i % 3; y[i] = 1; }
			w[i] = (x[0][i] == 5 && y[i] == 1) ? 3 : 1;
		}
		final ForestSettings once = new ForestSettings(5, 1, 1, 0, false, 1, 1);
		final float[] weighted = predict(RandomForest.train(new TrainingSet(x, y, w, 2), once, null), new float[][] { { 5, 1, 9 } });
		final float[] plain = predict(RandomForest.train(TrainingSet.unweighted(x, y, 2), once, null), new float[][] { { 5, 1, 9 } });
		assertEquals(0.75, weighted[1], 1e-6);
		assertEquals(0.5, plain[1], 1e-6);
		assertEquals(0, weighted[3], 0);
		assertEquals(1, weighted[5], 0);
		// With bootstrap the expectation stays near 0.75.
		final ForestSettings boot = new ForestSettings(400, 1, 1, 0, true, 3, 2);
		assertEquals(0.75, predict(RandomForest.train(new TrainingSet(x, y, w, 2), boot, null), new float[][] { { 5 } })[1], 0.05);
	}

	@Test
	void learnsANonLinearBoundaryAndIsDeterministicAcrossThreadCounts() {
		final Random random = new Random(1);
		final int n = 3000;
		final float[][] x = new float[4][n];
		final int[] y = new int[n];
		for (int i = 0; i < n; i++) {
			for (int f = 0; f < 4; f++) x[f][i] = (float) (random.nextDouble() * 4 - 2);
			y[i] = x[0][i] * x[0][i] + x[1][i] * x[1][i] < 1.5 ? 1 : 0;
		}
		final ForestSettings s = new ForestSettings(40, 0, 1, 0, true, 5, 1);
		final RandomForest one = RandomForest.train(TrainingSet.unweighted(x, y, 2), s, null);
		final RandomForest two = RandomForest.train(TrainingSet.unweighted(x, y, 2), s.withThreads(2), null);
		final float[][] q = new float[4][1000];
		final int[] truth = new int[1000];
		for (int i = 0; i < 1000; i++) {
			for (int f = 0; f < 4; f++) q[f][i] = (float) (random.nextDouble() * 4 - 2);
			truth[i] = q[0][i] * q[0][i] + q[1][i] * q[1][i] < 1.5 ? 1 : 0;
		}
		final float[] p = predict(one, q);
		assertArrayEquals(p, predict(two, q), 0f);
		int right = 0;
		for (int i = 0; i < 1000; i++) if ((p[2 * i + 1] > 0.5 ? 1 : 0) == truth[i]) right++;
		assertTrue(right > 930, right + " / 1000 right");
		assertTrue(one.outOfBagAccuracy() > 0.9, "OOB accuracy " + one.outOfBagAccuracy());
		// Batches walk four rows at a time; every row must get what it gets alone (NaN included).
		q[1][7] = Float.NaN;
		final float[] batch = predict(one, q);
		for (int i = 0; i < 1000; i++) {
			final float[] single = new float[2];
			one.predict(new float[] { q[0][i], q[1][i], q[2][i], q[3][i] }, 1, single);
			assertEquals(single[0], batch[2 * i], 0f);
			assertEquals(single[1], batch[2 * i + 1], 0f);
		}
	}
}
