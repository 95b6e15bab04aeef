package org.innsight.mws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The documented formulas of {@link AffinitiesFromImage}, checked by hand. */
class AffinitiesFromImageTest {

	@Test
	void anEdgeSeesTheStrongestBoundaryOnItsPath() {
		// A row of 8 pixels with a membrane (b = 0.9) at x = 3 and a faint one (0.2) at x = 6.
		final float[] b = { 0, 0, 0, 0.9f, 0, 0, 0.2f, 0 };
		final Affinities a = AffinitiesFromImage.fromBoundaryMap(b, new int[] { 8, 1 }, new int[][] { { 1, 0 }, { 4, 0 }, { -2, 0 } }, 1);
		// offset +1: 1 - max(b(x), b(x+1)); the last pixel's edge leaves the image -> 0
		assertArrayEquals(new float[] { 1, 1, 1 - 0.9f, 1 - 0.9f, 1, 1 - 0.2f, 1 - 0.2f, 0 }, java.util.Arrays.copyOfRange(a.values(), 0, 8), 1e-7f);
		// offset +4: the path x..x+4 crosses x = 3 for x = 0..3 (and x = 6, weaker, for x = 2..3)
		assertArrayEquals(new float[] { 1 - 0.9f, 1 - 0.9f, 1 - 0.9f, 1 - 0.9f, 0, 0, 0, 0 }, java.util.Arrays.copyOfRange(a.values(), 8, 16), 1e-7f);
		// offset -2: from x = 2 on
		assertArrayEquals(new float[] { 0, 0, 1, 1 - 0.9f, 1 - 0.9f, 1 - 0.9f, 1 - 0.2f, 1 - 0.2f }, java.util.Arrays.copyOfRange(a.values(), 16, 24), 1e-7f);
	}

	@Test
	void aDiagonalPathIsRoundedHalfUp() {
		// Offset (2, 1) from (0, 0): L = 2, points (0,0), (1, round(0.5) = 1), (2, 1).
		final float[] b = new float[3 * 2];
		b[1 * 3 + 1] = 0.7f; // (x=1, y=1) is on the path
		b[0 * 3 + 1] = 0.5f; // (x=1, y=0) is not
		final Affinities a = AffinitiesFromImage.fromBoundaryMap(b, new int[] { 3, 2 }, new int[][] { { 2, 1 } }, 1);
		assertEquals(1 - 0.7f, a.values()[0], 1e-7f);
	}

	@Test
	void valuesOutsideZeroToOneAreClipped() {
		final Affinities a = AffinitiesFromImage.fromBoundaryMap(new float[] { 3, -1 }, new int[] { 2, 1 }, new int[][] { { 1, 0 } }, 1);
		assertEquals(0, a.values()[0], 0);
	}

	@Test
	void theGradientBoundaryMarksAStepAndNothingElse() {
		// 10 x 3 image, 0 left of x = 5, 1 from x = 5: central differences are 0.5 at x = 4 and 5, 0 elsewhere.
		final float[] img = new float[30];
		for (int y = 0; y < 3; y++) for (int x = 5; x < 10; x++) img[y * 10 + x] = 1;
		final float[] b = AffinitiesFromImage.gradientBoundary(img, new int[] { 10, 3 }, 0);
		for (int y = 0; y < 3; y++)
			for (int x = 0; x < 10; x++) assertEquals(x == 4 || x == 5 ? 1 : 0, b[y * 10 + x], 1e-6, "x=" + x + " y=" + y);
	}

	@Test
	void gaussianBlurKeepsConstantsAndTheMean() {
		final float[] flat = new float[7 * 5 * 3];
		java.util.Arrays.fill(flat, 2.5f);
		for (final float v : Gaussian.blur(flat, new int[] { 7, 5, 3 }, 1.3)) assertEquals(2.5f, v, 1e-5f);
		final float[] spike = new float[41];
		spike[20] = 1;
		double sum = 0;
		for (final float v : Gaussian.blur(spike, new int[] { 41, 1 }, 2)) sum += v;
		assertEquals(1, sum, 1e-5);
		assertEquals(3, Gaussian.mirror(-4, 5)); // ... 1 0 | 0 1 2 3 4 | 4 3 ...: -1 -> 0, -4 -> 3
		assertEquals(4, Gaussian.mirror(5, 5));
	}
}
