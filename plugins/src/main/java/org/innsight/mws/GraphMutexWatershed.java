package org.innsight.mws;

/**
 * Mutex Watershed on an arbitrary graph, e.g. a region adjacency graph of superpixels: nodes 0..n-1, attractive
 * edges and mutex (repulsive) edges, each with a weight that is its priority (larger = earlier).
 * <p>
 * Edges are processed in descending weight; ties go by descending edge index, where the attractive edges are
 * numbered 0..A-1 and the mutex edges A..A+M-1 (the grid's rule, attractive channels first). Self-loops are
 * ignored. Labels are numbered from 1 in order of first appearance by node index.
 */
public final class GraphMutexWatershed {

	private GraphMutexWatershed() {}

	/** Node labels; {@code seeds} (per node, 0 = none, may be null) work as in {@link MwsOptions#seeds}. */
	public static int[] cluster(final int nodes, final int[] attractiveU, final int[] attractiveV, final float[] attractiveWeights,
		final int[] mutexU, final int[] mutexV, final float[] mutexWeights, final int[] seeds)
	{
		if (nodes < 0) throw new IllegalArgumentException("node count must be >= 0, got " + nodes);
		final int a = check("attractive", nodes, attractiveU, attractiveV, attractiveWeights);
		final int m = check("mutex", nodes, mutexU, mutexV, mutexWeights);
		if ((long) a + m > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many edges: " + ((long) a + m));
		if (seeds != null && seeds.length != nodes)
			throw new IllegalArgumentException("seeds have " + seeds.length + " entries for " + nodes + " nodes");
		final long[] keys = new long[a + m];
		for (int i = 0; i < a; i++) keys[i] = key(attractiveWeights[i], i, "attractive");
		for (int j = 0; j < m; j++) keys[a + j] = key(mutexWeights[j], a + j, "mutex");
		final RadixSort.Sorted sort = RadixSort.sort(keys, Runtime.getRuntime().availableProcessors());
		final long[] sorted = sort.keys();
		final MutexClusters clusters = new MutexClusters(nodes, m);
		if (seeds != null) clusters.seed(seeds, null);
		for (int k = sorted.length - 1; k >= 0; k--) {
			final int e = (int) sorted[k];
			final boolean attractive = e < a;
			final int ra = clusters.find(attractive ? attractiveU[e] : mutexU[e - a]);
			final int rb = clusters.find(attractive ? attractiveV[e] : mutexV[e - a]);
			if (ra == rb) continue;
			if (attractive) clusters.attract(ra, rb);
			else clusters.addMutex(ra, rb);
		}
		return Labeling.consecutive(clusters, null, seeds != null ? MutexWatershed.maxSeed(seeds) : 0);
	}

	private static long key(final float w, final int index, final String kind) {
		if (w != w) throw new IllegalArgumentException(kind + " edge weight " + index + " is NaN");
		return (long) GridEdges.sortableBits(w) << 32 | index;
	}

	private static int check(final String kind, final int nodes, final int[] u, final int[] v, final float[] w) {
		final int n = u == null ? 0 : u.length;
		if ((v == null ? 0 : v.length) != n || (w == null ? 0 : w.length) != n)
			throw new IllegalArgumentException(kind + " edges need as many first nodes, second nodes and weights; got " + n + ", " +
				(v == null ? 0 : v.length) + ", " + (w == null ? 0 : w.length));
		for (int i = 0; i < n; i++)
			if (u[i] < 0 || u[i] >= nodes || v[i] < 0 || v[i] >= nodes)
				throw new IllegalArgumentException(kind + " edge " + i + " (" + u[i] + ", " + v[i] + ") names a node outside 0.." + (nodes - 1));
		return n;
	}
}
