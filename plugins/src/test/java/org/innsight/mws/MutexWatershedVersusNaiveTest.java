package org.innsight.mws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The fast grid Mutex Watershed gives byte-identical labels to {@link NaiveMws} on many random small cases. */
class MutexWatershedVersusNaiveTest {

	@Test
	void randomCases2dMatchTheNaiveImplementation() {
		final SplittableRandom rng = new SplittableRandom(20240901);
		for (int i = 0; i < 1200; i++) runCase(rng, 2, 4 + i % 9);
	}

	@Test
	void randomCases3dMatchTheNaiveImplementation() {
		final SplittableRandom rng = new SplittableRandom(20240902);
		for (int i = 0; i < 1000; i++) runCase(rng, 3, 2 + i % 5);
	}

	@Test
	void largerCasesWithManyMutexesMatchTheNaiveImplementation() {
		// Bigger images and many long-range channels grow the mutex sets past their first resizes.
		final SplittableRandom rng = new SplittableRandom(20240903);
		for (int i = 0; i < 30; i++) runCase(rng, 2 + (i & 1), (i & 1) == 0 ? 28 : 9);
	}

	@Test
	void casesWithManyEdgesMatchTheNaiveImplementation() {
		// Enough edges that the pair table is rebuilt and partner lists are compacted and grown several times.
		final SplittableRandom rng = new SplittableRandom(20240904);
		for (int i = 0; i < 3; i++) {
			final int w = 42, h = 38, n = w * h;
			final int[][] offsets = { { -1, 0 }, { 0, -1 }, { -3, 0 }, { 0, -3 }, { -9, 0 }, { 0, -9 }, { -5, -5 }, { 5, -5 } };
			final float[] aff = new float[offsets.length * n];
			for (int k = 0; k < aff.length; k++) aff[k] = i == 0 ? rng.nextInt(4) / 3f : rng.nextFloat();
			final int[] seeds = i == 2 ? new int[n] : null;
			if (seeds != null) for (int k = 0; k < 6; k++) seeds[rng.nextInt(n)] = 1 + k % 3;
			final MwsOptions options = new MwsOptions().attractive(2).threads(2).seeds(seeds);
			final int[] fast = MutexWatershed.segment(Affinities.ofXyz(aff, new int[] { w, h }, offsets), options);
			final int[] naive = NaiveMws.run(n, NaiveMws.gridEdges(aff, new int[] { w, h }, offsets, 2, false, new int[] { 1, 1 }, false, 0, null),
				seeds, null, 0);
			assertArrayEquals(naive, fast, "case " + i);
		}
	}

	@Test
	void everyWayOfThePassMatchesTheNaiveImplementation() {
		// The prefetching pass reads ahead and re-finds roots that earlier edges of its batch merged; the adaptive one
		// switches between it and the plain pass as it goes. Both must leave the partition as it is.
		try {
			for (int way = 0; way < GreedyPass.WAYS.length; way++) {
				GreedyPass.way = way;
				final SplittableRandom rng = new SplittableRandom(20240905);
				for (int i = 0; i < 40; i++) runCase(rng, 2 + (i & 1), (i & 1) == 0 ? 28 : 9);
			}
		}
		finally {
			GreedyPass.way = 0;
		}
	}

	@Test
	void theWaysOfThePassAgreeOnAnImageWithManyTrials() {
		// 256 x 256 x 8 channels: over 500,000 edges, so the adaptive pass makes several trials and switches.
		final int w = 256, h = 256, n = w * h;
		final int[][] offsets = { { -1, 0 }, { 0, -1 }, { -3, 0 }, { 0, -3 }, { -9, 0 }, { 0, -9 }, { -9, -9 }, { 9, -9 } };
		final SplittableRandom rng = new SplittableRandom(20240906);
		for (final boolean smooth : new boolean[] { false, true }) {
			final float[] aff = new float[offsets.length * n];
			for (int k = 0; k < aff.length; k++) aff[k] = smooth ? ((k % n) % w / 32 == ((k % n) % w + offsets[k / n][0]) / 32 ? 1f : 0f) : rng.nextFloat();
			int[] reference = null;
			try {
				for (int way = 0; way < GreedyPass.WAYS.length; way++) {
					GreedyPass.way = way;
					final int[] labels = MutexWatershed.segment(Affinities.ofXyz(aff, new int[] { w, h }, offsets), new MwsOptions().attractive(2).threads(2));
					if (reference == null) reference = labels;
					else assertArrayEquals(reference, labels, GreedyPass.WAYS[way] + (smooth ? ", smooth" : ", random"));
				}
			}
			finally {
				GreedyPass.way = 0;
			}
			assertTrue(Arrays.stream(reference).max().getAsInt() > (smooth ? 4 : 1000), "segments: " + Arrays.stream(reference).max().getAsInt());
		}
	}

	private static void runCase(final SplittableRandom rng, final int nd, final int maxSide) {
		final int[] dims = new int[nd];
		int n = 1;
		for (int d = 0; d < nd; d++) {
			dims[d] = 1 + rng.nextInt(maxSide);
			n *= dims[d];
		}
		final int channels = 1 + rng.nextInt(nd == 2 ? 8 : 10);
		final int[][] offsets = new int[channels][nd];
		for (int c = 0; c < channels; c++) {
			do {
				final int reach = c < nd ? 1 : 1 + rng.nextInt(Math.max(2, maxSide));
				for (int d = 0; d < nd; d++) offsets[c][d] = rng.nextInt(2 * reach + 1) - reach;
			}
			while (Arrays.stream(offsets[c]).allMatch(v -> v == 0));
		}
		final int attractive = rng.nextInt(channels + 1);
		final float[] aff = new float[channels * n];
		final int levels = rng.nextInt(3) == 0 ? 0 : 2 + rng.nextInt(6); // 0 = continuous, else few values -> ties
		for (int i = 0; i < aff.length; i++)
			aff[i] = levels == 0 ? rng.nextFloat() : rng.nextInt(levels) / (float) (levels - 1);
		final boolean boundary = rng.nextBoolean();
		final int[] strides = new int[nd];
		for (int d = 0; d < nd; d++) strides[d] = rng.nextInt(3) == 0 ? 1 + rng.nextInt(3) : 1;
		final boolean random = rng.nextInt(5) == 0;
		final long seed = rng.nextLong();
		final boolean[] mask = rng.nextInt(3) == 0 ? randomMask(rng, n) : null;
		final int[] seeds = rng.nextInt(4) == 0 ? randomSeeds(rng, n) : null;
		final int minSize = rng.nextInt(4) == 0 ? 2 + rng.nextInt(6) : 0;

		final MwsOptions options = new MwsOptions().attractive(attractive)
			.meaning(boundary ? AffinityMeaning.BOUNDARY : AffinityMeaning.SAME_OBJECT).strides(strides).randomStrides(random, seed)
			.mask(mask).seeds(seeds).minSize(minSize).threads(1 + rng.nextInt(2));
		final int[] fast = MutexWatershed.segment(Affinities.ofXyz(aff, dims, offsets), options);
		final List<NaiveMws.Edge> edges = NaiveMws.gridEdges(aff, dims, offsets, attractive, boundary, strides, random, seed, mask);
		final int[] naive = NaiveMws.run(n, edges, seeds, mask, minSize);
		assertArrayEquals(naive, fast, () -> "dims " + Arrays.toString(dims) + " offsets " + Arrays.deepToString(offsets) +
			" attractive " + attractive + " levels " + levels + " boundary " + boundary + " strides " + Arrays.toString(strides) +
			" random " + random + " mask " + (mask != null) + " seeds " + (seeds != null) + " minSize " + minSize);
	}

	private static boolean[] randomMask(final SplittableRandom rng, final int n) {
		final boolean[] m = new boolean[n];
		for (int i = 0; i < n; i++) m[i] = rng.nextInt(5) != 0;
		return m;
	}

	private static int[] randomSeeds(final SplittableRandom rng, final int n) {
		final int[] s = new int[n];
		final int kinds = 1 + rng.nextInt(4);
		for (int i = 0; i < n; i++) if (rng.nextInt(6) == 0) s[i] = 1 + rng.nextInt(kinds) * 3; // gaps in the numbering
		return s;
	}
}
