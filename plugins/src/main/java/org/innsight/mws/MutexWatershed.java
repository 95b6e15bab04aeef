package org.innsight.mws;

import org.innsight.progress.ProgressListener;

/**
 * Mutex Watershed (Wolf et al., TPAMI 2020) on a 2D or 3D pixel grid.
 * <p>
 * Every valid edge (both ends inside the image and, with a mask, in the foreground; repulsive edges thinned by
 * the strides) is processed in descending priority, ties by descending edge index c * N + p. An edge whose ends
 * are already in one cluster, or in two clusters with a mutex between them, is skipped; a repulsive edge puts a
 * mutex between its two clusters, an attractive edge merges them. Labels are numbered from 1 in order of first
 * appearance in linear index order (x fastest); background pixels get 0.
 * <p>
 * The optional size filter then walks the attractive edges once more in the same order and merges any two
 * clusters joined by an edge while either of them is smaller than the minimum size, ignoring mutexes (but never
 * joining two different seeds). A small segment thus joins the neighbour it is most strongly attracted to, and
 * keeps joining until it is large enough or has no neighbour left.
 */
public final class MutexWatershed {

	private MutexWatershed() {}

	/**
	 * From this many edges (32 MiB of sort keys) on, {@link #segment} asks for a collection before the pass if the
	 * pass's memory does not fit in the heap's free space.
	 */
	private static final int GC_BEFORE_PASS = 1 << 22;

	/** The phases {@link #segment(Affinities, MwsOptions, long[])} times, in order. */
	static final String[] PHASES = { "edges", "sort", "pass", "labels" };
	/** The greedy pass's index in {@link #PHASES}. */
	static final int PASS_PHASE = 2;

	/** Labels per pixel (x fastest). */
	public static int[] segment(final Affinities affinities, final MwsOptions options) {
		return segment(affinities, options, null);
	}

	/**
	 * Labels per pixel; adds each phase's wall-clock nanoseconds to {@code phaseNanos} (one slot per
	 * {@link #PHASES} entry) when it is not null, for the benchmark.
	 */
	static int[] segment(final Affinities affinities, final MwsOptions options, final long[] phaseNanos) {
		final ProgressListener progress = options.progress();
		final GridEdges edges = new GridEdges(affinities, options);
		final int[] seeds = options.seeds();
		if (seeds != null && seeds.length != edges.pixels)
			throw new IllegalArgumentException("seed image has " + seeds.length + " pixels, the affinities " + edges.pixels);
		progress.progress(0, 4, "sorting edges");
		long t = System.nanoTime();
		final int[] order = sortedEdges(edges, options.threads(), phaseNanos, t);
		t = System.nanoTime();
		progress.progress(1, 4, "mutex watershed on " + order.length + " edges");
		// The keys are garbage by now. When the pass's memory does not fit in the heap's free space, the JVM would
		// rather grow the heap than collect them and reuse theirs, so ask for a collection then (when they were
		// large); a heap with room enough (as in Fiji with a large heap) is not collected.
		if (order.length >= GC_BEFORE_PASS
			&& Runtime.getRuntime().freeMemory() < MutexClusters.bytesUpFront(edges.pixels, edges.repulsiveCount())) System.gc();
		final MutexClusters clusters = new MutexClusters(edges.pixels, edges.repulsiveCount());
		if (seeds != null) clusters.seed(seeds, options.mask());
		new GreedyPass(order, edges, clusters).run();
		progress.progress(2, 4, "size filter");
		if (options.minSize() > 1) {
			clusters.releaseMutexes();
			filterSmall(order, edges, clusters, options.minSize());
		}
		t = lap(phaseNanos, PASS_PHASE, t);
		progress.progress(3, 4, "labelling");
		final int[] labels = Labeling.consecutive(clusters, options.mask(), seeds != null ? maxSeed(seeds) : 0);
		lap(phaseNanos, 3, t);
		progress.progress(4, 4, "done");
		return labels;
	}

	private static long lap(final long[] phaseNanos, final int phase, final long since) {
		final long now = System.nanoTime();
		if (phaseNanos != null) phaseNanos[phase] += now - since;
		return now;
	}

	/**
	 * The edges in the pass's order (read from the end): the sorted keys' low halves, (channel, pixel), which is
	 * all the pass needs, in half the memory. The keys live only in this method's frame, so that their memory is
	 * free for the pass once it returns.
	 */
	private static int[] sortedEdges(final GridEdges edges, final int threads, final long[] phaseNanos, final long start) {
		final GridEdges.Bucketed bucketed = edges.bucketedKeys();
		final long t = lap(phaseNanos, 0, start);
		final long[] keys = bucketed.keys();
		RadixSort.sortBuckets(keys, bucketed.bucketStart(), threads);
		final int[] order = new int[keys.length];
		final int parts = keys.length < (1 << 16) ? 1 : Math.max(1, threads);
		org.innsight.progress.ParallelTasks.run(parts, threads, part -> {
			for (int i = (int) ((long) keys.length * part / parts), end = (int) ((long) keys.length * (part + 1) / parts); i < end; i++) order[i] = (int) keys[i];
		});
		lap(phaseNanos, 1, t);
		return order;
	}

	private static void filterSmall(final int[] keys, final GridEdges edges, final MutexClusters clusters, final int minSize) {
		final int pixelBits = edges.pixelBits, pixelMask = edges.pixelMask, attractive = edges.attractive;
		final int[] step = edges.step;
		for (int i = keys.length - 1; i >= 0; i--) {
			final int payload = keys[i];
			final int c = payload >>> pixelBits;
			if (c >= attractive) continue;
			final int p = payload & pixelMask;
			final int ra = clusters.find(p);
			final int rb = clusters.find(p + step[c]);
			if (ra != rb && (clusters.size(ra) < minSize || clusters.size(rb) < minSize)) clusters.mergeAfterPass(ra, rb);
		}
	}

	static int maxSeed(final int[] seeds) {
		int max = 0;
		for (final int s : seeds) max = Math.max(max, s);
		return max;
	}
}
