package org.innsight.mws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smooth benchmark input is what it says, and a case written with --write-inputs reads back to the same labels. */
class MwsBenchmarkInputsTest {

	@Test
	void voronoiLabelsAreTheNearestSeedByBruteForce() {
		for (final int[] dims : new int[][] { { 37, 23, 1 }, { 13, 11, 9 }, { 64, 5, 1 }, { 1, 1, 1 } })
			for (final int cells : new int[] { 1, 7, 40 }) {
				final long seed = 31L * cells + dims[0];
				final int[] labels = VoronoiAffinities.labels(dims, cells, new SplittableRandom(seed));
				final SplittableRandom rng = new SplittableRandom(seed); // the same draws: x, y, z per seed
				final double[][] s = new double[cells][3];
				for (final double[] c : s) for (int d = 0; d < 3; d++) c[d] = rng.nextDouble() * dims[d];
				for (int z = 0, p = 0; z < dims[2]; z++)
					for (int y = 0; y < dims[1]; y++)
						for (int x = 0; x < dims[0]; x++, p++) {
							int best = 0;
							double bestD = Double.MAX_VALUE;
							for (int i = 0; i < cells; i++) {
								final double dx = x + 0.5 - s[i][0], dy = y + 0.5 - s[i][1], dz = z + 0.5 - s[i][2];
								final double dd = dx * dx + dy * dy + dz * dz;
								if (dd < bestD) {
									bestD = dd;
									best = i;
								}
							}
							assertEquals(best, labels[p], "pixel " + p + " of " + java.util.Arrays.toString(dims) + ", " + cells + " cells");
						}
			}
	}

	@Test
	void withoutNoiseAnAffinityIsOneExactlyInsideACell() {
		final int[] shape = { 3, 9, 20, 17 }; // (C, Z, Y, X)
		final int[][] offsets = { { -1, 0, 0 }, { 0, -3, 0 }, { 0, 2, -5 } };
		final Affinities a = VoronoiAffinities.make(shape, offsets, 12, 0, 5);
		final int[] label = VoronoiAffinities.labels(new int[] { 17, 20, 9 }, 12, new SplittableRandom(5));
		int ones = 0, zeros = 0;
		for (int c = 0; c < 3; c++)
			for (int z = 0, p = 0; z < 9; z++)
				for (int y = 0; y < 20; y++)
					for (int x = 0; x < 17; x++, p++) {
						final int qz = z + offsets[c][0], qy = y + offsets[c][1], qx = x + offsets[c][2];
						final boolean inside = qz >= 0 && qz < 9 && qy >= 0 && qy < 20 && qx >= 0 && qx < 17;
						final float want = inside && label[p] == label[(qz * 20 + qy) * 17 + qx] ? 1 : 0;
						assertEquals(want, a.values()[c * 17 * 20 * 9 + p], "channel " + c + " pixel " + p);
						if (want == 1) ones++;
						else zeros++;
					}
		assertTrue(ones > 0 && zeros > 0, ones + " ones, " + zeros + " zeros");
	}

	@Test
	void aWrittenCaseReadsBackToTheSameLabels(@TempDir final Path dir) throws Exception {
		final int[] shape2 = { 8, 60, 70 };
		final Affinities a2 = VoronoiAffinities.make(shape2, MwsBenchmark.OFFSETS_2D_YX, 30, 0.05, 9);
		final MwsBenchmark.Case two = new MwsBenchmark.Case("t2", "test", Double.NaN, -1, a2, new MwsOptions().attractive(2).threads(2));
		two.write(dir.resolve("two.h5"));
		final MwsBenchmark.Case back2 = MwsBenchmark.fromFile(dir.resolve("two.h5"), AffinityFiles.DEFAULT_DATASET, null, 0, null,
			AffinityMeaning.SAME_OBJECT, 2);
		final int[] labels2 = MutexWatershed.segment(two.affinities, two.options);
		assertTrue(max(labels2) > 5, "segments: " + max(labels2));
		assertArrayEquals(labels2, MutexWatershed.segment(back2.affinities, back2.options));

		final int[] shape3 = { 9, 12, 30, 26 };
		final float[] v = new float[9 * 12 * 30 * 26];
		final SplittableRandom rng = new SplittableRandom(3);
		for (int i = 0; i < v.length; i++) v[i] = rng.nextFloat();
		final Affinities a3 = Affinities.ofNumpyOrder(v, shape3, MwsBenchmark.OFFSETS_3D_ZYX);
		final MwsBenchmark.Case three = new MwsBenchmark.Case("t3", "test", Double.NaN, -1, a3, new MwsOptions().attractive(3).strides(2, 2, 1).threads(2));
		three.write(dir.resolve("three.h5"));
		final MwsBenchmark.Case back3 = MwsBenchmark.fromFile(dir.resolve("three.h5"), AffinityFiles.DEFAULT_DATASET, null, 0, new int[] { 1, 2, 2 },
			AffinityMeaning.SAME_OBJECT, 2);
		assertArrayEquals(MutexWatershed.segment(three.affinities, three.options), MutexWatershed.segment(back3.affinities, back3.options));
	}

	private static int max(final int[] labels) {
		int m = 0;
		for (final int l : labels) m = Math.max(m, l);
		return m;
	}
}
