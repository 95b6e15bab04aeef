package org.innsight.mws;

import org.innsight.progress.ParallelTasks;

/**
 * Stable LSD radix sort of {@code long} keys by their high 32 bits (unsigned); the low 32 bits ride along
 * untouched. Stability is what makes ties come out in input order, so the caller can encode its tie-break in the
 * order it builds the keys and spend no key bits on it. Three passes of 11/11/10 bits; a pass whose digit is the
 * same for every key is skipped. Each pass splits the array into one block per thread: per-block histograms give
 * every block its own slice of each bucket, so blocks scatter in parallel and the result stays stable.
 */
final class RadixSort {

	private static final int[] SHIFTS = { 32, 43, 54 };
	private static final int[] BITS = { 11, 11, 10 };

	private RadixSort() {}

	/** Sorted keys, and the scratch array of the same length that the sort left free (null if it needed none). */
	record Sorted(long[] keys, long[] spare) {}

	/** Sorts {@code keys}; returns the sorted array, which is either {@code keys} or a new one. */
	static long[] sortByHigh32(final long[] keys, final int threads) {
		return sort(keys, threads).keys();
	}

	/** Sorts {@code keys}, keeping the scratch array for the caller to reuse. */
	static Sorted sort(final long[] keys, final int threads) {
		final int n = keys.length;
		if (n < 2) return new Sorted(keys, null);
		final int blocks = n < (1 << 16) ? 1 : Math.max(1, threads);
		final int[] start = new int[blocks + 1];
		for (int b = 0; b <= blocks; b++) start[b] = (int) ((long) n * b / blocks);
		long[] src = keys;
		long[] dst = null;
		for (int pass = 0; pass < SHIFTS.length; pass++) {
			final int shift = SHIFTS[pass];
			final int buckets = 1 << BITS[pass];
			final int mask = buckets - 1;
			final int[][] count = new int[blocks][buckets];
			final long[] from = src;
			ParallelTasks.run(blocks, threads, b -> {
				final int[] h = count[b];
				for (int i = start[b], end = start[b + 1]; i < end; i++) h[(int) (from[i] >>> shift) & mask]++;
			});
			if (singleBucket(count, n)) continue;
			// Turn counts into each block's write position: bucket by bucket, block 0 first (stability).
			int pos = 0;
			for (int d = 0; d < buckets; d++)
				for (int b = 0; b < blocks; b++) {
					final int c = count[b][d];
					count[b][d] = pos;
					pos += c;
				}
			if (dst == null) dst = new long[n];
			final long[] to = dst;
			ParallelTasks.run(blocks, threads, b -> {
				final int[] at = count[b];
				for (int i = start[b], end = start[b + 1]; i < end; i++) {
					final long k = from[i];
					to[at[(int) (k >>> shift) & mask]++] = k;
				}
			});
			dst = src;
			src = to;
		}
		return new Sorted(src, dst);
	}

	private static boolean singleBucket(final int[][] count, final int n) {
		for (int d = 0; d < count[0].length; d++) {
			int sum = 0;
			for (final int[] c : count) sum += c[d];
			if (sum == n) return true;
			if (sum != 0) return false;
		}
		return false;
	}
}
