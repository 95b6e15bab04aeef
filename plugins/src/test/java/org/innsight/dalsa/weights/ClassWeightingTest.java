package org.innsight.dalsa.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Importance weights per class: they follow the ratio within a class and never weigh a class away. */
class ClassWeightingTest {

	/** One feature: class 0 annotated ~ N(1, 1) but in the scan ~ N(0, 1); class 1 annotated and in the scan ~ N(5, 1), 2 % of the scan. */
	private static final int A0 = 4000, A1 = 1000, SCAN = 20000;

	private static float[][] annotated(final Random r) {
		final float[][] x = new float[1][A0 + A1];
		for (int i = 0; i < A0; i++) x[0][i] = (float) (1 + r.nextGaussian());
		for (int i = 0; i < A1; i++) x[0][A0 + i] = (float) (5 + r.nextGaussian());
		return x;
	}

	private static int[] classes() {
		final int[] c = new int[A0 + A1];
		for (int i = A0; i < c.length; i++) c[i] = 1;
		return c;
	}

	/** The scan sample and its (exact) membership: 98 % class 0 ~ N(0, 1), 2 % class 1 ~ N(5, 1). */
	private static float[][][] scan(final Random r) {
		final float[][] x = new float[1][SCAN];
		final float[][] membership = new float[2][SCAN];
		for (int i = 0; i < SCAN; i++) {
			final boolean tumour = i % 50 == 0;
			x[0][i] = (float) ((tumour ? 5 : 0) + r.nextGaussian());
			membership[tumour ? 1 : 0][i] = 1;
		}
		return new float[][][] { x, membership };
	}

	@Test
	void classWeightsFollowTheRatioWithinTheClassAndAverageOne() {
		final Random r = new Random(7);
		final float[][] a = annotated(r);
		final float[][][] s = scan(r);
		final ClassWeighting.Options full = new ClassWeighting.Options(ClassWeighting.CLASS, 1e-3, 1, 1e6, 100_000, 1);
		final ClassWeighting.Result w = ClassWeighting.weigh(a, classes(), 2, s[0], s[1], List.of("healthy", "tumour"), full, 2);
		// Within class 0: p_scan / p_annotated = exp(-x + 0.5); the weights are that ratio over its mean.
		double mean0 = 0;
		for (int i = 0; i < A0; i++) mean0 += Math.exp(-a[0][i] + 0.5);
		mean0 /= A0;
		for (final int i : new int[] { 0, 1, 2, 3, 10, 100 }) {
			final double truth = Math.exp(-a[0][i] + 0.5) / mean0;
			assertEquals(truth, w.weights()[i], 0.1 * truth + 0.02, "weight of class-0 voxel at x = " + a[0][i]);
		}
		// Class 1 is annotated as it is in the scan: weights near 1. Both classes keep their total weight.
		final List<ClassWeighting.ClassStats> stats = w.classes();
		assertEquals(A0, stats.get(0).weightSum(), 1);
		assertEquals(A1, stats.get(1).weightSum(), 1);
		assertTrue(stats.get(1).min() > 0.6 && stats.get(1).max() < 1.6, stats.get(1).toString());
		assertTrue(stats.get(1).essFraction() > 0.98, stats.get(1).toString());
		assertEquals(SCAN / 50, stats.get(1).scanMass(), 0);
		// exp(-x) over N(1, 1) has ESS fraction exp(-1) = 0.37: reported, above the collapse threshold.
		assertEquals(Math.exp(-1), stats.get(0).essFraction(), 0.05);
		assertEquals(List.of(), w.warnings());
	}

	@Test
	void temperingAndClippingBoundTheWeights() {
		final Random r = new Random(8);
		final float[][] a = annotated(r);
		final float[][][] s = scan(r);
		final ClassWeighting.Result none = ClassWeighting.weigh(a, classes(), 2, s[0], s[1], List.of("h", "t"),
			new ClassWeighting.Options(ClassWeighting.CLASS, 1, 0, 10, 100_000, 1), 2);
		for (final float v : none.weights()) assertEquals(1f, v);
		final ClassWeighting.Result clipped = ClassWeighting.weigh(a, classes(), 2, s[0], s[1], List.of("h", "t"),
			new ClassWeighting.Options(ClassWeighting.CLASS, 1e-3, 1, 3, 100_000, 1), 2);
		final ClassWeighting.ClassStats c0 = clipped.classes().get(0);
		assertTrue(c0.max() / c0.median() <= 3.0001 && c0.median() / c0.min() <= 3.0001, c0.toString());
		final ClassWeighting.Result tempered = ClassWeighting.weigh(a, classes(), 2, s[0], s[1], List.of("h", "t"),
			new ClassWeighting.Options(ClassWeighting.CLASS, 1e-3, 0.5, 1e6, 100_000, 1), 2);
		// sqrt of exp(-x): ESS fraction exp(-1/4) = 0.78.
		assertEquals(Math.exp(-0.25), tempered.classes().get(0).essFraction(), 0.05);
	}

	@Test
	void theGlobalRatioWeighsARareWellAnnotatedClassAwayAndSaysSo() {
		final Random r = new Random(9);
		final float[][] a = annotated(r);
		final float[][][] s = scan(r);
		final ClassWeighting.Result global = ClassWeighting.weigh(a, classes(), 2, s[0], null, List.of("healthy", "tumour"),
			new ClassWeighting.Options(ClassWeighting.GLOBAL, 1e-3, 1, 10, 100_000, 1), 2);
		final ClassWeighting.ClassStats tumour = global.classes().get(1);
		// The tumour is 20 % of the annotated voxels but 2 % of the scan: the global ratio gives it about a tenth of its share.
		final double share = tumour.weightSum() / (tumour.weightSum() + global.classes().get(0).weightSum());
		assertTrue(share < 0.02, "tumour weight share " + share);
		assertEquals(1, global.warnings().size(), global.warnings().toString());
		assertTrue(global.warnings().get(0).startsWith("class tumour: holds "), global.warnings().get(0));
	}

	@Test
	void aCollapsedClassIsReported() {
		final float[] w = new float[100];
		java.util.Arrays.fill(w, 0.01f);
		w[0] = 10;
		final int[] c = new int[100];
		final List<String> warnings = ClassWeighting.collapses(ClassWeighting.stats(w, c, 1, null), List.of("necrosis"));
		assertEquals(List.of("class necrosis: effective sample size collapsed to 1.2 of 100 annotated voxels (1%)"), warnings);
	}
}
