package org.innsight.optics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class LatinHypercubeTest {

	@Test
	void everyStratumOfEveryDimensionHoldsExactlyOneSample() {
		final int n = 500, dims = 7;
		final double[] u = LatinHypercube.unit(n, dims, 42);
		for (int d = 0; d < dims; d++) {
			final int[] count = new int[n];
			for (int i = 0; i < n; i++) {
				final double v = u[i * dims + d];
				assertTrue(v >= 0 && v < 1);
				count[(int) Math.floor(v * n)]++;
			}
			final int dim = d;
			assertTrue(Arrays.stream(count).allMatch(c -> c == 1), "dimension " + dim + " is not stratified");
		}
	}

	@Test
	void dimensionsArePairedRandomlyNotInLockstep() {
		final int n = 200;
		final double[] u = LatinHypercube.unit(n, 2, 1);
		int sameStratum = 0;
		for (int i = 0; i < n; i++) if ((int) (u[2 * i] * n) == (int) (u[2 * i + 1] * n)) sameStratum++;
		assertTrue(sameStratum < 10, "dimensions look correlated: " + sameStratum);
	}

	@Test
	void sameSeedSameDesignOtherSeedOtherDesign() {
		assertArrayEquals(LatinHypercube.unit(100, 3, 7), LatinHypercube.unit(100, 3, 7));
		assertFalse(Arrays.equals(LatinHypercube.unit(100, 3, 7), LatinHypercube.unit(100, 3, 8)));
	}

	@Test
	void samplesAreScaledToTheParameterRanges() {
		final List<Parameter> ps = List.of(new Parameter("a", 10, 20, "1", ""), new Parameter("b", -1, 1, "1", ""));
		final double[] s = LatinHypercube.sample(100, ps, 3);
		double minA = 1e9, maxA = -1e9;
		for (int i = 0; i < 100; i++) {
			minA = Math.min(minA, s[2 * i]);
			maxA = Math.max(maxA, s[2 * i]);
			assertTrue(s[2 * i + 1] >= -1 && s[2 * i + 1] < 1);
		}
		assertTrue(minA >= 10 && minA < 10.1 && maxA < 20 && maxA > 19.9, minA + " " + maxA);
		assertEquals(200, s.length);
	}
}
