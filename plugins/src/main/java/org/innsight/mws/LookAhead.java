package org.innsight.mws;

/**
 * A second thread for the greedy pass: it walks the sorted edges a little ahead of the main thread and marks the
 * edges it can already prove to do nothing (both ends in one cluster, or their clusters excluded by a mutex or by
 * different seeds). Such facts only ever become true as the pass goes on, so a mark made from a slightly
 * out-of-date view is still right when the main thread arrives, which then skips the edge without touching the
 * forest or the mutex sets. The look-ahead's own reads also pull the data of the coming edges into the shared
 * cache. It only reads the pass's state (see {@link MutexClusters#rootReadOnly}); the main thread alone writes it.
 */
final class LookAhead implements Runnable {

	/** The look-ahead stays between MIN_LEAD and MAX_LEAD edges ahead: close enough for a fresh view. */
	static final int MIN_LEAD = 32, MAX_LEAD = 2048;

	private final long[] keys;
	private final byte[] skip;
	private final GridEdges edges;
	private final MutexClusters clusters;
	/** The main thread's current index (it counts down), published every few edges. */
	volatile int position;
	volatile boolean stop;
	/** Edges marked, for the benchmark. */
	long marked;
	/** Keeps the cache-warming reads from being optimised away. */
	volatile int sink;

	LookAhead(final long[] keys, final byte[] skip, final GridEdges edges, final MutexClusters clusters) {
		this.keys = keys;
		this.skip = skip;
		this.edges = edges;
		this.clusters = clusters;
		position = keys.length - 1;
	}

	@Override
	public void run() {
		final int pixelBits = edges.pixelBits, pixelMask = edges.pixelMask, attractive = edges.attractive;
		int touched = 0;
		final int[] step = edges.step;
		long count = 0;
		int spins = 0;
		for (int j = keys.length - 1 - MIN_LEAD; j >= 0 && !stop;) {
			final int at = position;
			if (j > at - MIN_LEAD) {
				j = at - MIN_LEAD; // fell behind: jump ahead of the main thread again
				continue;
			}
			if (j < at - MAX_LEAD) {
				if (++spins > 64) Thread.yield();
				else Thread.onSpinWait();
				continue;
			}
			spins = 0;
			final int payload = (int) keys[j];
			final int p = payload & pixelMask, c = payload >>> pixelBits;
			final int ra = clusters.rootReadOnly(p), rb = clusters.rootReadOnly(p + step[c]);
			if (clusters.surelyNoOp(ra, rb)) {
				skip[j] = 1;
				count++;
			}
			else if (c < attractive) touched += clusters.touchMerge(ra, rb); // a likely merge: fetch what it will update
			j--;
		}
		marked = count;
		sink = touched;
	}
}
