package org.innsight.dalsa.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SymmetricEigen3Test {

	private static float[] eig(final double[][] m) {
		final float[] out = new float[3];
		SymmetricEigen3.eigenvalues(m[0][0], m[1][1], m[2][2], m[0][1], m[0][2], m[1][2], out, 0);
		return out;
	}

	private static double[][] fromEigen(final double[] e, final double[][] r) {
		final double[][] m = new double[3][3];
		for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) m[i][j] += r[i][k] * e[k] * r[j][k];
		return m;
	}

	@Test
	void diagonalMatricesGiveTheirSortedDiagonal() {
		final float[] e = eig(new double[][] { { -2, 0, 0 }, { 0, 5, 0 }, { 0, 0, 1 } });
		assertEquals(5, e[0], 0);
		assertEquals(1, e[1], 0);
		assertEquals(-2, e[2], 0);
	}

	@Test
	void knownMatrixWithIntegerEigenvalues() {
		// [[2,1,0],[1,2,0],[0,0,3]] has eigenvalues 3, 3, 1.
		final float[] e = eig(new double[][] { { 2, 1, 0 }, { 1, 2, 0 }, { 0, 0, 3 } });
		assertEquals(3, e[0], 1e-5);
		assertEquals(3, e[1], 1e-5);
		assertEquals(1, e[2], 1e-5);
		// [[4,1,2],[1,0,3],[2,3,4]]: characteristic polynomial -l^3 + 8l^2 - 2l - 28... checked via trace/det below.
	}

	@Test
	void rotatedMatricesRecoverTheirEigenvaluesIncludingRepeatedOnes() {
		final Random random = new Random(7);
		final double[][] cases = { { 3, 0.5, -1 }, { 2, 2, 2 }, { 4, 1, 1 }, { 1, 1, -3 }, { 1e-3, 0, -1e-3 }, { 100, -50, -50.5 } };
		for (final double[] e : cases) {
			for (int t = 0; t < 20; t++) {
				final double[][] r = GaussianFilterTest.rotation(random.nextDouble() * 6, random.nextDouble() * 6, random.nextDouble() * 6);
				final float[] got = eig(fromEigen(e, r));
				final double scale = Math.max(1e-3, Math.abs(e[0]) + Math.abs(e[2]));
				for (int i = 0; i < 3; i++) assertEquals(e[i], got[i], 1e-5 * scale + 1e-6, "eigenvalue " + i + " of " + java.util.Arrays.toString(e));
			}
		}
	}

	@Test
	void randomMatricesPreserveTraceAndDeterminant() {
		final Random random = new Random(11);
		for (int t = 0; t < 1000; t++) {
			final double a = random.nextGaussian(), b = random.nextGaussian(), c = random.nextGaussian();
			final double d = random.nextGaussian(), e = random.nextGaussian(), f = random.nextGaussian();
			final float[] l = eig(new double[][] { { a, d, e }, { d, b, f }, { e, f, c } });
			final double det = a * (b * c - f * f) - d * (d * c - f * e) + e * (d * f - b * e);
			assertEquals(a + b + c, l[0] + l[1] + l[2], 1e-5);
			assertEquals(det, (double) l[0] * l[1] * l[2], 1e-4);
			assertEquals(true, l[0] >= l[1] && l[1] >= l[2], "sorted largest first");
		}
	}
}
