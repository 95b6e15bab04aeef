package org.innsight.mws;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A slow, obviously correct Mutex Watershed written straight from the contract, for comparison: explicit edge
 * objects sorted with a comparator, one cluster id per pixel rewritten on every merge (O(N) per merge), mutexes
 * as an explicit set of cluster-id pairs rewritten on every merge.
 */
final class NaiveMws {

	static final class Edge {
		final float priority;
		final long index;
		final int u, v;
		final boolean attractive;

		Edge(final float priority, final long index, final int u, final int v, final boolean attractive) {
			this.priority = priority;
			this.index = index;
			this.u = u;
			this.v = v;
			this.attractive = attractive;
		}
	}

	/** Strongest first: descending priority (+0 and -0 tie), then descending edge index. */
	static final Comparator<Edge> ORDER = (a, b) -> {
		final int byPriority = Float.compare(b.priority + 0f, a.priority + 0f);
		return byPriority != 0 ? byPriority : Long.compare(b.index, a.index);
	};

	/** Edges of the grid by the contract's definitions; dims and offsets in (x, y[, z]). */
	static List<Edge> gridEdges(final float[] aff, final int[] dims, final int[][] offsets, final int attractive,
		final boolean boundary, final int[] strides, final boolean random, final long seed, final boolean[] mask)
	{
		final int nd = dims.length;
		int n = 1;
		for (final int d : dims) n *= d;
		double keep = 1;
		for (final int s : strides) keep /= s;
		final List<Edge> edges = new ArrayList<>();
		for (int c = 0; c < offsets.length; c++) {
			final boolean att = c < attractive;
			for (int p = 0; p < n; p++) {
				final int[] xyz = new int[nd];
				int rest = p;
				for (int d = 0; d < nd; d++) {
					xyz[d] = rest % dims[d];
					rest /= dims[d];
				}
				boolean inside = true;
				int q = 0;
				int mul = 1;
				for (int d = 0; d < nd; d++) {
					final int t = xyz[d] + offsets[c][d];
					if (t < 0 || t >= dims[d]) inside = false;
					q += t * mul;
					mul *= dims[d];
				}
				if (!inside) continue;
				if (mask != null && (!mask[p] || !mask[q])) continue;
				final long index = (long) c * n + p;
				if (!att) {
					if (random) {
						if (!MwsOptions.keepRandomly(seed, index, keep)) continue;
					}
					else {
						boolean onGrid = true;
						for (int d = 0; d < nd; d++) onGrid &= xyz[d] % strides[d] == 0;
						if (!onGrid) continue;
					}
				}
				final float a = aff[c * n + p];
				final float priority = (att != boundary) ? a : 1f - a;
				edges.add(new Edge(priority, index, p, q, att));
			}
		}
		return edges;
	}

	/** Runs the greedy pass (and the size filter if minSize > 1) on nodes 0..n-1; returns labels. */
	static int[] run(final int n, final List<Edge> edgesIn, final int[] seeds, final boolean[] mask, final int minSize) {
		final List<Edge> edges = new ArrayList<>(edgesIn);
		edges.sort(ORDER);
		final int[] cluster = new int[n];
		for (int p = 0; p < n; p++) cluster[p] = p;
		final int[] seedOfCluster = new int[n];
		if (seeds != null) {
			for (int p = 0; p < n; p++) {
				if (seeds[p] == 0 || (mask != null && !mask[p])) continue;
				for (int q = 0; q < p; q++)
					if (seeds[q] == seeds[p] && (mask == null || mask[q])) {
						relabel(cluster, cluster[p], cluster[q]);
						break;
					}
				seedOfCluster[cluster[p]] = seeds[p];
			}
		}
		Set<Long> mutex = new HashSet<>();
		for (final Edge e : edges) {
			final int a = cluster[e.u], b = cluster[e.v];
			if (a == b || mutex.contains(pair(a, b))) continue;
			if (!e.attractive) {
				mutex.add(pair(a, b));
				continue;
			}
			if (seedOfCluster[a] != 0 && seedOfCluster[b] != 0 && seedOfCluster[a] != seedOfCluster[b]) continue;
			relabel(cluster, b, a);
			if (seedOfCluster[a] == 0) seedOfCluster[a] = seedOfCluster[b];
			final Set<Long> renamed = new HashSet<>();
			for (final long m : mutex) {
				int x = (int) (m >> 32), y = (int) m;
				if (x == b) x = a;
				if (y == b) y = a;
				renamed.add(pair(x, y));
			}
			mutex = renamed;
		}
		if (minSize > 1) {
			for (final Edge e : edges) {
				if (!e.attractive) continue;
				final int a = cluster[e.u], b = cluster[e.v];
				if (a == b) continue;
				if (count(cluster, a) >= minSize && count(cluster, b) >= minSize) continue;
				if (seedOfCluster[a] != 0 && seedOfCluster[b] != 0 && seedOfCluster[a] != seedOfCluster[b]) continue;
				relabel(cluster, b, a);
				if (seedOfCluster[a] == 0) seedOfCluster[a] = seedOfCluster[b];
			}
		}
		int maxSeed = 0;
		if (seeds != null) for (final int s : seeds) maxSeed = Math.max(maxSeed, s);
		final int[] labels = new int[n];
		final int[] labelOfCluster = new int[n];
		int next = maxSeed;
		for (int p = 0; p < n; p++) {
			if (mask != null && !mask[p]) continue;
			final int c = cluster[p];
			if (labelOfCluster[c] == 0) labelOfCluster[c] = seedOfCluster[c] != 0 ? seedOfCluster[c] : ++next;
			labels[p] = labelOfCluster[c];
		}
		return labels;
	}

	private static long pair(final int a, final int b) {
		return (long) Math.min(a, b) << 32 | Math.max(a, b);
	}

	private static void relabel(final int[] cluster, final int from, final int to) {
		for (int i = 0; i < cluster.length; i++)
			if (cluster[i] == from) cluster[i] = to;
	}

	private static int count(final int[] cluster, final int c) {
		int k = 0;
		for (final int x : cluster) if (x == c) k++;
		return k;
	}
}
