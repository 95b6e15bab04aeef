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

	/** Keys go into buckets by the top 16 bits of their high half ({@link #sortBuckets}). */
	static final int SUB_BITS = 16, BUCKETS = 1 << (32 - SUB_BITS);
	/** Below this many keys, a bucket is sorted by insertion. */
	private static final int SMALL = 48;

	/**
	 * Sorts keys that are already in buckets by the top 16 bits of their high half: sorts each bucket
	 * ({@code keys[bucketStart[b] .. bucketStart[b + 1]]}) stably by the low 16 bits of the high half, in two
	 * passes of 8 bits through a scratch array as long as the largest bucket (one per thread). A bucket already in
	 * order is left alone. The buckets are shared out between the threads by their number of keys.
	 */
	static void sortBuckets(final long[] keys, final int[] bucketStart, final int threads) {
		final int buckets = bucketStart.length - 1, n = bucketStart[buckets];
		final int tasks = n < (1 << 16) ? 1 : 4 * Math.max(1, threads);
		// Task t takes the buckets from first[t] on: the first one that starts at or after t / tasks of the keys.
		final int[] first = new int[tasks + 1];
		for (int t = 1, b = 0; t <= tasks; t++) {
			final long target = (long) n * t / tasks;
			while (b < buckets && bucketStart[b] < target) b++;
			first[t] = t == tasks ? buckets : b;
		}
		ParallelTasks.run(tasks, threads, t -> {
			long[] scratch = new long[0];
			final int[] count = new int[257];
			for (int b = first[t]; b < first[t + 1]; b++) {
				final int from = bucketStart[b], to = bucketStart[b + 1];
				if (to - from < 2 || inOrder(keys, from, to)) continue;
				if (to - from <= SMALL) {
					insertionSort(keys, from, to);
					continue;
				}
				if (scratch.length < to - from) scratch = new long[to - from];
				// LSD: bits 32..39 into the scratch, then bits 40..47 back.
				scatter(keys, from, to, scratch, 0, 32, count);
				scatter(scratch, 0, to - from, keys, from, 40, count);
			}
		});
	}

	private static boolean inOrder(final long[] keys, final int from, final int to) {
		for (int i = from + 1; i < to; i++) if (keys[i] >>> 32 < keys[i - 1] >>> 32) return false;
		return true;
	}

	/** Stable insertion sort by the high 32 bits (unsigned; equal top bits within a bucket make >>> exact). */
	private static void insertionSort(final long[] keys, final int from, final int to) {
		for (int i = from + 1; i < to; i++) {
			final long k = keys[i];
			final long high = k >>> 32;
			int j = i - 1;
			while (j >= from && keys[j] >>> 32 > high) {
				keys[j + 1] = keys[j];
				j--;
			}
			keys[j + 1] = k;
		}
	}

	/** One stable counting pass on the 8 bits from {@code shift}: src[from..to) to dst[at..). */
	private static void scatter(final long[] src, final int from, final int to, final long[] dst, final int at, final int shift, final int[] count) {
		java.util.Arrays.fill(count, 0);
		for (int i = from; i < to; i++) count[((int) (src[i] >>> shift) & 0xFF) + 1]++;
		for (int d = 0; d < 256; d++) count[d + 1] += count[d];
		for (int i = from; i < to; i++) {
			final long k = src[i];
			dst[at + count[(int) (k >>> shift) & 0xFF]++] = k;
		}
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
