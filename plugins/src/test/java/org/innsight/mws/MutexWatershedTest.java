package org.innsight.mws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Hand-made cases whose answers follow from the contract by hand. */
class MutexWatershedTest {

	/** A row of pixels (x = 0..n-1, y = 0): channel 0 joins x and x+1, channel 1 (repulsive) joins x and x+reach. */
	private static int[] row(final float[] right, final float[] far, final int reach, final MwsOptions options) {
		final int n = right.length;
		final float[] v = new float[2 * n];
		System.arraycopy(right, 0, v, 0, n);
		System.arraycopy(far, 0, v, n, n);
		return MutexWatershed.segment(Affinities.ofXyz(v, new int[] { n, 1 }, new int[][] { { 1, 0 }, { reach, 0 } }), options.attractive(1));
	}

	@Test
	void aStrongRepulsionKeepsTwoPairsApart() {
		// Order: join 0-1 (0.9), join 2-3 (0.8), mutex {0,1}|{2,3} (1 - 0.3 = 0.7), then 1-2 (0.5) is refused.
		assertArrayEquals(new int[] { 1, 1, 2, 2 }, row(new float[] { 0.9f, 0.5f, 0.8f, 0 }, new float[] { 0.3f, 0, 0, 0 }, 3, new MwsOptions()));
	}

	@Test
	void aWeakRepulsionComesTooLateToSplit() {
		// The mutex edge's priority 1 - 0.6 = 0.4 is below the last join (0.5): everything is one segment.
		assertArrayEquals(new int[] { 1, 1, 1, 1 }, row(new float[] { 0.9f, 0.5f, 0.8f, 0 }, new float[] { 0.6f, 0, 0, 0 }, 3, new MwsOptions()));
	}

	@Test
	void boundaryMeaningSwapsWhichEndIsStrong() {
		// As boundaries: joins have priority 1 - a (0.1, 0.5, 0.2), the mutex 0.3. Order: mutex (0.3)? no - 1-2 (0.5)
		// first, then mutex 0|3 (0.3) between {0} and {1,2}... 0 and 3 are singletons then: mutex {0}|{3}; then 2-3 (0.2)
		// joins {1,2,3}; then 0-1 (0.1) is refused because {0} excludes {1,2,3}.
		assertArrayEquals(new int[] { 1, 2, 2, 2 }, row(new float[] { 0.9f, 0.5f, 0.8f, 0 }, new float[] { 0.3f, 0, 0, 0 }, 3,
			new MwsOptions().meaning(AffinityMeaning.BOUNDARY)));
	}

	@Test
	void tiesGoToTheLargerEdgeIndexFirst() {
		// All priorities 0.5. Edge indices (N = 3): join 0-1 = 0, join 1-2 = 1, mutex 0|2 = 3 + 0 = 3.
		// Descending index: mutex 0|2, join 1-2, then join 0-1 is refused -> [1, 2, 2]. Ascending would give one segment.
		assertArrayEquals(new int[] { 1, 2, 2 }, row(new float[] { 0.5f, 0.5f, 0.5f }, new float[] { 0.5f, 0.5f, 0.5f }, 2, new MwsOptions()));
	}

	@Test
	void oneMinusAffinityIsComputedInFloat32() {
		// Two pixels joined by an attractive edge (a = 1, index 0) and a mutex edge (a = 2e-8, index N + 0 = 2). In
		// float32 1 - 2e-8 rounds to 1: a tie, which the mutex wins by its larger index -> two segments. Computed in
		// double the mutex priority would be 0.99999998 and the join would come first -> one segment.
		assertEquals(1f, 1f - 2e-8f);
		assertArrayEquals(new int[] { 1, 2 }, row(new float[] { 1f, 0 }, new float[] { 2e-8f, 0 }, 1, new MwsOptions()));
	}

	@Test
	void labelsCountFromOneInOrderOfFirstAppearance() {
		// No attraction at all: every pixel alone, labels 1..n in index order.
		final int[] labels = row(new float[] { 0, 0, 0, 0, 0 }, new float[] { 1, 1, 1, 1, 1 }, 1, new MwsOptions().attractive(1));
		assertArrayEquals(new int[] { 1, 2, 3, 4, 5 }, labels);
	}

	@Test
	void maskedPixelsGetZeroAndCutTheirEdges() {
		final boolean[] mask = { true, true, false, true };
		assertArrayEquals(new int[] { 1, 1, 0, 2 }, row(new float[] { 0.9f, 0.9f, 0.9f, 0 }, new float[] { 0, 0, 0, 0 }, 3,
			new MwsOptions().mask(mask)));
	}

	@Test
	void stridesKeepOnlyRepulsiveEdgesFromSourcesOnTheGrid() {
		// 6 pixels; mutex edges x -> x+2 with strong repulsion (a = 0). Attraction 0.5 everywhere.
		final float[] right = { 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0 };
		final float[] far = new float[6];
		// Stride 1: mutexes 0|2, 1|3, 2|4, 3|5 all come first; then joins (descending index) 4-5, 3-4 refused (3|5),
		// 2-3, 1-2 refused (1|3), 0-1 -> {0,1}, {2,3}, {4,5}.
		assertArrayEquals(new int[] { 1, 1, 2, 2, 3, 3 }, row(right, far, 2, new MwsOptions()));
		// Stride 2 in x: only sources x = 0 and 2 keep their mutex (0|2, 2|4): joins 4-5, 3-4 ({3,4,5}), 2-3 refused
		// (2|4), 1-2, 0-1 refused (0|2) -> {0}, {1,2}, {3,4,5}.
		assertArrayEquals(new int[] { 1, 2, 2, 3, 3, 3 }, row(right, far, 2, new MwsOptions().strides(2, 1)));
		// Attractive edges are never thinned: stride 100 keeps only the mutex from x = 0 (0|2).
		assertArrayEquals(new int[] { 1, 2, 2, 2, 2, 2 }, row(right, far, 2, new MwsOptions().strides(100, 1)));
	}

	@Test
	void randomStridesKeepAboutOneEdgeInProdStrides() {
		final SplittableRandom rng = new SplittableRandom(3);
		final long seed = rng.nextLong();
		int kept = 0;
		final int n = 200000;
		for (int i = 0; i < n; i++) if (MwsOptions.keepRandomly(seed, i, 1.0 / 6)) kept++;
		assertEquals(n / 6.0, kept, 4 * Math.sqrt(n / 6.0)); // within 4 standard deviations
	}

	@Test
	void seedsLabelTheirSegmentsAndNeverMerge() {
		// Strong attraction everywhere, no repulsion: without seeds one segment. Seeds 7 at x=0 and 9 at x=4 split the
		// row at its weakest join (2-3, 0.6), pixel 5 is reached from seed 9.
		final int[] seeds = { 7, 0, 0, 0, 9, 0 };
		final float[] right = { 0.9f, 0.8f, 0.6f, 0.7f, 0.95f, 0 };
		assertArrayEquals(new int[] { 7, 7, 7, 9, 9, 9 }, row(right, new float[6], 5, new MwsOptions().seeds(seeds).strides(1000, 1)));
		// Pixels of one seed label start together even if far apart; unseeded segments number from max(seed) + 1.
		final int[] split = { 3, 0, 0, 0, 0, 3 };
		assertArrayEquals(new int[] { 3, 3, 4, 4, 3, 3 },
			row(new float[] { 0.9f, 0.1f, 0.9f, 0.1f, 0.9f, 0 }, new float[] { 0, 0, 0, 0, 0, 0 }, 2,
				new MwsOptions().seeds(split).strides(1000, 1)));
	}

	@Test
	void sizeFilterMergesSmallSegmentsIntoTheirStrongestNeighbour() {
		// Channel 1 repeats offset +1 as a repulsive edge with a = 0 (priority 1): every join is refused by a mutex,
		// so the pass leaves six single pixels; the filter then walks the joins again ignoring mutexes.
		final float[] right = { 0.9f, 0.3f, 0.4f, 0.9f, 0.9f, 0 };
		final float[] repelAll = new float[6];
		assertArrayEquals(new int[] { 1, 2, 3, 4, 5, 6 }, row(right, repelAll, 1, new MwsOptions()));
		// Min size 2: ties at 0.9 in descending index: 4-5 -> {4,5}; 3-4 ({3} small) -> {3,4,5}; 0-1 -> {0,1};
		// 2-3 (0.4, {2} small) -> {2,3,4,5}: pixel 2 joins the neighbour it attracts most; 1-2 (0.3): both big enough.
		assertArrayEquals(new int[] { 1, 1, 2, 2, 2, 2 }, row(right, repelAll, 1, new MwsOptions().minSize(2)));
		// Min size 3: as before until 1-2 (0.3): {0,1} is still small -> one segment.
		assertArrayEquals(new int[] { 1, 1, 1, 1, 1, 1 }, row(right, repelAll, 1, new MwsOptions().minSize(3)));
	}

	@Test
	void numpyOrderOffsetsMeanTheSameEdgesAsXyzOffsets() {
		final SplittableRandom rng = new SplittableRandom(11);
		final int[][] zyx = { { 0, 0, -1 }, { 0, -1, 0 }, { -1, 0, 0 }, { -2, 1, 3 }, { 0, -3, -3 } };
		final float[] v = new float[5 * 4 * 5 * 6];
		for (int i = 0; i < v.length; i++) v[i] = rng.nextFloat();
		final int[] a = MutexWatershed.segment(Affinities.ofNumpyOrder(v, new int[] { 5, 4, 5, 6 }, zyx), new MwsOptions().attractive(3));
		final int[][] xyz = { { -1, 0, 0 }, { 0, -1, 0 }, { 0, 0, -1 }, { 3, 1, -2 }, { -3, -3, 0 } };
		final int[] b = MutexWatershed.segment(Affinities.ofXyz(v, new int[] { 6, 5, 4 }, xyz), new MwsOptions().attractive(3));
		assertArrayEquals(a, b);
		assertArrayEquals(new int[] { 6, 5, 4 }, Affinities.ofNumpyOrder(v, new int[] { 5, 4, 5, 6 }, zyx).dims());
	}

	@Test
	void badInputsAreRefusedWithClearMessages() {
		// NaN where the edge leaves the image is never read (networks may leave junk there); NaN inside is an error.
		assertEquals(2, MutexWatershed.segment(Affinities.ofXyz(new float[] { 0.5f, Float.NaN, 0.5f, 0.5f }, new int[] { 2, 2 }, new int[][] { { 1, 0 } }),
			new MwsOptions().attractive(1))[3]);
		final float[] v = { 0.5f, 0.5f, Float.NaN, 0.5f };
		final IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
			() -> MutexWatershed.segment(Affinities.ofXyz(v, new int[] { 2, 2 }, new int[][] { { 1, 0 } }), new MwsOptions().attractive(1)));
		assertTrue(nan.getMessage().contains("NaN") && nan.getMessage().contains("x=0, y=1"), nan.getMessage());
		assertThrows(IllegalArgumentException.class, () -> Affinities.ofXyz(v, new int[] { 2, 2 }, new int[][] { { 0, 0 } }));
		assertThrows(IllegalArgumentException.class, () -> Affinities.ofXyz(v, new int[] { 2, 2 }, new int[][] { { 1, 0 }, { 0, 1 } }));
		assertThrows(IllegalArgumentException.class, () -> Affinities.ofNumpyOrder(v, new int[] { 1, 2, 2 }, new int[][] { { 1, 0 }, { 0, 1 } }));
		final float[] ok = { 0.5f, 0.5f, 0.5f, 0.5f };
		assertThrows(IllegalArgumentException.class, () -> MutexWatershed.segment(Affinities.ofXyz(ok, new int[] { 2, 2 }, new int[][] { { 1, 0 } }),
			new MwsOptions().attractive(2)));
		assertThrows(IllegalArgumentException.class, () -> MutexWatershed.segment(Affinities.ofXyz(ok, new int[] { 2, 2 }, new int[][] { { 1, 0 } }),
			new MwsOptions().strides(0, 1)));
		assertThrows(IllegalArgumentException.class, () -> MutexWatershed.segment(Affinities.ofXyz(ok, new int[] { 2, 2 }, new int[][] { { 1, 0 } }),
			new MwsOptions().seeds(new int[] { 0, -1, 0, 0 })));
	}

	@Test
	void radixSortIsAStableSortByTheHigh32Bits() {
		final SplittableRandom rng = new SplittableRandom(5);
		for (final int n : new int[] { 0, 1, 7, 1000, 70000, 300000 }) {
			final long[] keys = new long[n];
			for (int i = 0; i < n; i++) {
				final float f = rng.nextInt(4) == 0 ? rng.nextInt(5) - 2f : (float) rng.nextGaussian();
				keys[i] = (long) GridEdges.sortableBits(f) << 32 | i;
			}
			final long[] sorted = RadixSort.sortByHigh32(keys.clone(), 2);
			final List<Long> expected = new ArrayList<>();
			for (final long k : keys) expected.add(k);
			// Stable by high bits == full unsigned order here, since the low bits ascend in input order.
			expected.sort(Long::compareUnsigned);
			for (int i = 0; i < n; i++) assertEquals((long) expected.get(i), sorted[i]);
			for (int i = 1; i < n; i++)
				assertTrue(Float.compare(floatOf(sorted[i - 1]) + 0f, floatOf(sorted[i]) + 0f) <= 0 || floatOf(sorted[i - 1]) == floatOf(sorted[i]));
		}
	}

	@Test
	void bucketSortIsAStableSortByTheHigh32Bits() {
		// Keys written into buckets by their top 16 bits in input order, as GridEdges does; then sorted per bucket.
		// Small buckets (insertion sort), large ones (two counting passes), buckets already in order, and all-equal.
		final SplittableRandom rng = new SplittableRandom(6);
		for (final int n : new int[] { 0, 1, 7, 1000, 70000, 300000 }) {
			final long[] input = new long[n];
			for (int i = 0; i < n; i++) {
				final int kind = rng.nextInt(4);
				final float f = kind == 0 ? 1f : kind == 1 ? rng.nextInt(5) - 2f : kind == 2 ? 0.5f + rng.nextInt(64) * 0x1p-20f : (float) rng.nextGaussian();
				input[i] = (long) GridEdges.sortableBits(f) << 32 | i;
			}
			final int[] start = new int[RadixSort.BUCKETS + 1];
			for (final long k : input) start[(int) (k >>> 32 >>> RadixSort.SUB_BITS) + 1]++;
			for (int b = 0; b < RadixSort.BUCKETS; b++) start[b + 1] += start[b];
			final int[] at = java.util.Arrays.copyOf(start, RadixSort.BUCKETS);
			final long[] keys = new long[n];
			for (final long k : input) keys[at[(int) (k >>> 32 >>> RadixSort.SUB_BITS)]++] = k;
			RadixSort.sortBuckets(keys, start, 2);
			final long[] expected = input.clone();
			// Stable by high bits == full unsigned order here, since the low bits ascend in input order.
			final List<Long> list = new ArrayList<>();
			for (final long k : expected) list.add(k);
			list.sort(Long::compareUnsigned);
			for (int i = 0; i < n; i++) assertEquals((long) list.get(i), keys[i]);
		}
	}

	private static float floatOf(final long key) {
		final int s = (int) (key >>> 32);
		final int bits = s < 0 ? s ^ 0x80000000 : ~s;
		return Float.intBitsToFloat(bits);
	}

	@Test
	void moreThreadsGiveTheSameLabels() {
		final SplittableRandom rng = new SplittableRandom(9);
		final float[] v = new float[5 * 300 * 200];
		for (int i = 0; i < v.length; i++) v[i] = rng.nextInt(20) / 19f;
		final Affinities a = Affinities.ofXyz(v, new int[] { 300, 200 }, new int[][] { { -1, 0 }, { 0, -1 }, { -5, 0 }, { 0, -5 }, { 7, -7 } });
		final int[] one = MutexWatershed.segment(a, new MwsOptions().attractive(2).threads(1));
		final int[] two = MutexWatershed.segment(a, new MwsOptions().attractive(2).threads(2));
		assertTrue(Arrays.equals(one, two));
	}
}
