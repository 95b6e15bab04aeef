package org.innsight.progress;

import java.util.SplittableRandom;

/**
 * How long one random read from main memory takes on this machine now: a chase through an array arranged as one
 * random cycle, each read naming the next, so no two reads overlap (the way the Mutex Watershed's pass reads on
 * a random input, only without any work between reads). On a shared virtual machine this changes from minute to
 * minute; printed beside a benchmark's times, it tells a slow spell of the machine from a slow build.
 */
public final class MemoryLatency {

	private final int[] next;
	private int position;
	/** Where the parallel chases' last slots go, so that the compiler keeps the reads. */
	private int sink;

	/** A chase over {@code mib} MiB (make it well beyond the caches, e.g. 64). */
	public MemoryLatency(final int mib, final long seed) {
		if (mib < 1 || mib > 1024) throw new IllegalArgumentException("the chase needs 1 to 1024 MiB, got " + mib);
		final int n = mib << 18;
		next = new int[n];
		for (int i = 0; i < n; i++) next[i] = i;
		// Sattolo's shuffle: one cycle through every slot
		final SplittableRandom r = new SplittableRandom(seed);
		for (int i = n - 1; i > 0; i--) {
			final int j = r.nextInt(i);
			final int t = next[i];
			next[i] = next[j];
			next[j] = t;
		}
	}

	/** Bytes the chase holds. */
	public long bytes() {
		return 4L * next.length;
	}

	/** Reads from slot 0 until the chase returns there (every slot, if the chase is one cycle). */
	long cycleLength() {
		long n = 0;
		int p = 0;
		do {
			p = next[p];
			n++;
		}
		while (p != 0 && n <= next.length);
		return n;
	}

	/** Nanoseconds per read, over {@code reads} dependent reads (after as many again to warm up the page tables). */
	public double nanosPerRead(final long reads) {
		if (reads < 1) throw new IllegalArgumentException("reads must be >= 1, got " + reads);
		int p = position;
		for (long i = 0; i < reads; i++) p = next[p];
		final long t0 = System.nanoTime();
		for (long i = 0; i < reads; i++) p = next[p];
		final long t = System.nanoTime() - t0;
		position = p; // keeps the loop's result alive
		return t / (double) reads;
	}

	/**
	 * Nanoseconds per read with {@code chains} chases run interleaved, {@code reads} reads in all (after as many
	 * again): up to that many reads can be on their way at once, so this measures how many random reads per second
	 * the memory system delivers to one core, where {@link #nanosPerRead(long)} measures the wait for one. The
	 * chases start at slots spread over the array; on one cycle they never meet.
	 */
	public double nanosPerRead(final long reads, final int chains) {
		if (chains < 1 || chains > 64) throw new IllegalArgumentException("chains must be 1 to 64, got " + chains);
		if (reads < chains) throw new IllegalArgumentException("reads must be >= chains (" + chains + "), got " + reads);
		final int[] p = new int[chains];
		for (int c = 0; c < chains; c++) p[c] = (int) ((long) c * next.length / chains);
		final long rounds = reads / chains;
		for (long i = 0; i < rounds; i++) for (int c = 0; c < chains; c++) p[c] = next[p[c]];
		final long t0 = System.nanoTime();
		for (long i = 0; i < rounds; i++) for (int c = 0; c < chains; c++) p[c] = next[p[c]];
		final long t = System.nanoTime() - t0;
		for (final int q : p) sink += q; // keeps the loops' results alive
		return t / (double) (rounds * chains);
	}
}
