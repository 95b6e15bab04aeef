package org.innsight.mws;

import java.util.Arrays;

/**
 * The state of a Mutex Watershed pass: a union-find forest over the nodes plus, for every cluster, the set of
 * clusters it must never join.
 * <p>
 * Mutex sets hold the <em>roots</em> of the other clusters and are kept symmetric, so "are A and B mutually
 * exclusive?" is one hash look-up. When two clusters merge, the smaller mutex set is folded into the larger one
 * and the root that owns the larger set survives; only the members of the smaller set must rename the absorbed
 * root in their own sets. Each mutex entry thus moves O(log n) times in all (smaller into larger), and repeated
 * repulsive edges between the same two clusters add nothing.
 * <p>
 * Seeds, when given, are a cheaper equivalent of mutexes between every pair of seeds: a cluster remembers its
 * seed, and two clusters with different seeds never merge.
 */
final class MutexClusters {

	/** parent[p] >= 0: parent node; parent[root] = -(cluster size). */
	private final int[] parent;
	private final int[][] mutex;
	private int[] seedOf;

	MutexClusters(final int nodes) {
		parent = new int[nodes];
		Arrays.fill(parent, -1);
		mutex = new int[nodes][];
	}

	int nodes() {
		return parent.length;
	}

	int find(int p) {
		// Path halving: every node on the way now points to its grandparent.
		for (int q; (q = parent[p]) >= 0;) {
			final int g = parent[q];
			if (g < 0) return q;
			parent[p] = g;
			p = g;
		}
		return p;
	}

	/** Pixels (nodes) in the cluster of root {@code r}. */
	int size(final int root) {
		return -parent[root];
	}

	/** The seed label of the cluster of root {@code r}, 0 if none (or no seeds). */
	int seed(final int root) {
		return seedOf == null ? 0 : seedOf[root];
	}

	/**
	 * Puts every node with a seed label (> 0) into one cluster per label; call before any edge. Nodes whose label
	 * is 0 (or that {@code skip} marks) stay unseeded.
	 */
	void seed(final int[] labels, final boolean[] keep) {
		seedOf = new int[parent.length];
		int count = 0;
		for (int p = 0; p < labels.length; p++) {
			if (labels[p] < 0) throw new IllegalArgumentException("seed labels must be >= 0, got " + labels[p] + " at index " + p);
			if (labels[p] > 0 && (keep == null || keep[p])) count++;
		}
		// Sorting (label, node) pairs groups each label's nodes without a map.
		final long[] pairs = new long[count];
		for (int p = 0, i = 0; p < labels.length; p++)
			if (labels[p] > 0 && (keep == null || keep[p])) pairs[i++] = (long) labels[p] << 32 | p;
		Arrays.sort(pairs);
		for (int i = 0; i < count; i++) {
			final int label = (int) (pairs[i] >>> 32);
			final int p = (int) pairs[i];
			if (i > 0 && (int) (pairs[i - 1] >>> 32) == label) {
				final int ra = find((int) pairs[i - 1]), rb = find(p);
				if (size(ra) >= size(rb)) unite(ra, rb);
				else unite(rb, ra);
			}
			else seedOf[p] = label;
		}
	}

	boolean mutuallyExclusive(final int ra, final int rb) {
		final int[] ma = mutex[ra];
		if (ma == null) return false;
		final int[] mb = mutex[rb];
		if (mb == null) return false;
		return ma[0] <= mb[0] ? IntSets.contains(ma, rb) : IntSets.contains(mb, ra);
	}

	/** Repulsive edge between two different roots: they may never merge from now on. */
	void addMutex(final int ra, final int rb) {
		final int[] ma = mutex[ra];
		final int[] mb = mutex[rb];
		if (ma != null && mb != null && (ma[0] <= mb[0] ? IntSets.contains(ma, rb) : IntSets.contains(mb, ra))) return;
		mutex[ra] = IntSets.add(ma, rb);
		mutex[rb] = IntSets.add(mb, ra);
	}

	/** Attractive edge between two different roots: merges them unless a mutex or different seeds forbid it. */
	boolean attract(final int ra, final int rb) {
		if (seedOf != null) {
			final int sa = seedOf[ra], sb = seedOf[rb];
			if (sa != 0 && sb != 0 && sa != sb) return false;
		}
		if (mutuallyExclusive(ra, rb)) return false;
		final int[] ma = mutex[ra], mb = mutex[rb];
		final int na = IntSets.size(ma), nb = IntSets.size(mb);
		final boolean aSurvives = na != nb ? na > nb : size(ra) >= size(rb);
		final int keep = aSurvives ? ra : rb;
		final int gone = aSurvives ? rb : ra;
		unite(keep, gone);
		final int[] moving = mutex[gone];
		if (moving != null) {
			int[] target = mutex[keep];
			for (int i = 1; i < moving.length; i++) {
				final int x = moving[i];
				if (x == IntSets.EMPTY) continue;
				final int[] mx = mutex[x];
				IntSets.remove(mx, gone);
				mutex[x] = IntSets.add(mx, keep);
				target = IntSets.add(target, x);
			}
			mutex[keep] = target;
			mutex[gone] = null;
		}
		return true;
	}

	/**
	 * Merges two roots for the size filter: mutexes no longer matter (the mutex pass is over), different seeds
	 * still do. Returns false if seeds forbid it.
	 */
	boolean mergeAfterPass(final int ra, final int rb) {
		if (seedOf != null) {
			final int sa = seedOf[ra], sb = seedOf[rb];
			if (sa != 0 && sb != 0 && sa != sb) return false;
		}
		if (size(ra) >= size(rb)) unite(ra, rb);
		else unite(rb, ra);
		return true;
	}

	/** Hangs root {@code gone} under root {@code keep}; sizes add, a seed carries over. */
	private void unite(final int keep, final int gone) {
		parent[keep] += parent[gone];
		parent[gone] = keep;
		if (seedOf != null && seedOf[keep] == 0) seedOf[keep] = seedOf[gone];
	}

	/** Drops the mutex sets (the size filter needs only the forest). */
	void releaseMutexes() {
		Arrays.fill(mutex, null);
	}
}
