package org.innsight.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DownstreamTaskTest {

	@Test
	void sO2IsBinnedInThirds() {
		final DownstreamTask t = DownstreamTask.so2Thirds(10, 1, 1);
		assertEquals(3, t.classCount());
		assertArrayEquals(new int[] { 0, 0, 1, 1, 2, 2 }, t.classes(new float[] { 0f, 0.33f, 0.34f, 0.66f, 0.67f, 1f }));
		assertThrows(IllegalArgumentException.class, () -> new DownstreamTask("sO2", new double[] { 0.5, 0.5 }, 10, 1, 1));
	}

	@Test
	void balancedAccuracyIsTheMeanRecallOfTheClasses() {
		// class 0: 3 of 4 right; class 1: 1 of 2 right; class 2 absent -> (0.75 + 0.5) / 2
		final int[] truth = { 0, 0, 0, 0, 1, 1 }, predicted = { 0, 0, 0, 1, 1, 0 };
		assertEquals(0.625, DownstreamTask.balancedAccuracy(truth, predicted, 3), 1e-12);
	}

	@Test
	void aForestLearnsASeparableTaskAndNaNRowsCountAsWrong() {
		final DownstreamTask t = new DownstreamTask("x", new double[] { 0.5 }, 20, 1, 1);
		final SplittableRandom r = new SplittableRandom(2);
		final int n = 400;
		final float[] rows = new float[n * 2];
		final int[] cls = new int[n];
		for (int i = 0; i < n; i++) {
			cls[i] = i % 2;
			rows[2 * i] = (float) (cls[i] * 2 + 0.3 * r.nextGaussian());
			rows[2 * i + 1] = (float) r.nextGaussian();
		}
		final var forest = t.train(rows, 2, cls);
		assertEquals(20, forest.treeCount());
		assertTrue(t.balancedAccuracy(forest, rows, 2, cls) > 0.99);
		final float[] broken = rows.clone();
		for (int i = 0; i < n / 2; i++) broken[4 * i] = Float.NaN; // every class-0 row
		assertEquals(0.5, t.balancedAccuracy(forest, broken, 2, cls), 0.01);
	}
}
