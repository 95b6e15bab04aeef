package org.innsight.mws;

/**
 * The Mutex Watershed's greedy pass over the sorted edges, strongest (the last) first, in two interchangeable
 * ways that give the same partition.
 * <p>
 * The pass is bound by memory latency: on a random input nearly every edge reads a parent entry and a partner set
 * that are not in any cache, one after another, as each read decides the next. The <em>prefetching</em> way takes
 * the edges {@value #BATCH} at a time: it first reads all their parent entries (independent reads, so their cache
 * misses overlap), then finds the batch's roots and reads the slots of their partner sets that the edges will probe
 * (each kind of read in a loop of nothing else, with the addresses worked out in the loop before), and only then
 * applies the edges in order; a merge likewise reads its moving partners' entries and sets ahead
 * ({@link MutexClusters#prefetch}). Applying an edge re-finds its roots from those found for the batch, as earlier
 * edges of the batch may have merged them, so the outcome is the plain pass's. On input whose data stays in the
 * cache (large clusters, long runs of edges in index order, as in smooth affinities) the extra reads only cost time,
 * so the pass times both ways on two neighbouring runs of {@value #TRIAL} edges (the first way alternating from
 * trial to trial), goes on with the faster one for the next {@value #MIN_INTERVAL} edges, and tries again; when one
 * way is more than twice as fast, the next trial waits twice as long (up to {@value #MAX_INTERVAL} edges), since a
 * trial costs the slower way's time. Which way runs where changes the time, never the result.
 * <p>
 * {@code innsight bench mws --case C --pass compare} times the ways alternating in one process; figures in
 * docs/mws.md (random2d's pass about 1.5x faster reading ahead, smooth2d's 5-12 % slower, so the trials).
 */
final class GreedyPass {

	static final int BATCH = 32, TRIAL = 1 << 12, MIN_INTERVAL = 1 << 18, MAX_INTERVAL = 1 << 21;

	/** The ways a pass may be told to take (for benchmarks): choose by trials (the default), or one way throughout. */
	static final String[] WAYS = { "adaptive", "plain", "prefetch" };
	/** Index into {@link #WAYS}; all passes of the JVM take it (set only by {@link MwsBenchmark}). */
	static volatile int way;

	private final int[] keys, step;
	private final int pixelBits, pixelMask, attractive;
	private final MutexClusters clusters;
	private final int[] ends = new int[2 * BATCH], roots = new int[2 * BATCH], slots = new int[2 * BATCH];
	/** Edges applied the prefetching way, and trials made. */
	long prefetchedEdges;
	int trials;
	/** The share of the edges that the JVM's last finished pass applied reading ahead (for benchmarks). */
	static volatile double lastReadAhead = Double.NaN;

	GreedyPass(final int[] keys, final GridEdges edges, final MutexClusters clusters) {
		this.keys = keys;
		this.step = edges.step;
		this.pixelBits = edges.pixelBits;
		this.pixelMask = edges.pixelMask;
		this.attractive = edges.attractive;
		this.clusters = clusters;
	}

	void run() {
		final int forced = way;
		if (forced > 0) {
			run(0, keys.length, forced == 2);
			if (forced == 2) prefetchedEdges = keys.length;
		}
		else adaptive();
		clusters.prefetch = false;
		lastReadAhead = keys.length == 0 ? 0 : prefetchedEdges / (double) keys.length;
	}

	/** Both ways by turns, as the trials decide (see the class comment). */
	private void adaptive() {
		long interval = MIN_INTERVAL;
		for (int hi = keys.length; hi > 0;) {
			// A trial: both ways on two neighbouring runs of TRIAL edges, the first way alternating from trial to trial.
			final boolean first = (trials++ & 1) == 0;
			final long[] nanos = new long[2];
			for (int w = 0; w < 2 && hi > 0; w++) {
				final boolean ahead = w == 0 == first;
				final int lo = Math.max(0, hi - TRIAL);
				final long t0 = System.nanoTime();
				run(lo, hi, ahead);
				nanos[ahead ? 1 : 0] = System.nanoTime() - t0;
				if (ahead) prefetchedEdges += hi - lo;
				hi = lo;
			}
			final boolean prefetch = nanos[1] <= nanos[0];
			// When one way is far ahead, try again later (a trial costs the slower way's time on TRIAL edges).
			final long fast = Math.min(nanos[0], nanos[1]), slow = Math.max(nanos[0], nanos[1]);
			interval = slow > 2 * fast ? Math.min(MAX_INTERVAL, 2 * interval) : MIN_INTERVAL;
			final int lo = (int) Math.max(0, hi - interval);
			run(lo, hi, prefetch);
			if (prefetch) prefetchedEdges += hi - lo;
			hi = lo;
		}
	}

	/** Applies edges keys[hi - 1] down to keys[lo]. */
	private void run(final int lo, final int hi, final boolean prefetch) {
		clusters.prefetch = prefetch;
		if (!prefetch) {
			for (int i = hi - 1; i >= lo; i--) apply(keys[i], clusters.find(keys[i] & pixelMask), clusters.find(target(keys[i])));
			return;
		}
		int sink = 0;
		for (int top = hi - 1; top >= lo; top -= BATCH) {
			final int bottom = Math.max(lo, top - BATCH + 1);
			// Each step in a loop of its own (the edges' ends, their parent entries, their roots, where the edges will
			// look in the roots' sets, those slots): a loop of nothing but independent reads keeps more of them in
			// flight than one where finds or address arithmetic come between them.
			for (int i = top, k = 0; i >= bottom; i--, k += 2) {
				ends[k] = keys[i] & pixelMask;
				ends[k + 1] = target(keys[i]);
			}
			final int n = 2 * (top - bottom + 1);
			sink += clusters.touchParents(ends, n);
			for (int k = 0; k < n; k++) roots[k] = clusters.find(ends[k]);
			for (int k = 0; k < n; k += 2) {
				slots[k] = clusters.slotOf(roots[k], roots[k + 1]);
				slots[k + 1] = clusters.slotOf(roots[k + 1], roots[k]);
			}
			sink += clusters.touchSlots(slots, n);
			for (int i = top, k = 0; i >= bottom; i--, k += 2) apply(keys[i], clusters.find(roots[k]), clusters.find(roots[k + 1]));
		}
		clusters.sink += sink;
	}

	private int target(final int payload) {
		return (payload & pixelMask) + step[payload >>> pixelBits];
	}

	private void apply(final int payload, final int ra, final int rb) {
		if (ra == rb) return;
		if (payload >>> pixelBits < attractive) clusters.attract(ra, rb);
		else clusters.addMutex(ra, rb);
	}
}
