package org.innsight.mws;

import java.util.Arrays;

/**
 * The state of a Mutex Watershed pass: a union-find forest over the nodes plus, for every cluster, the set of
 * clusters it must never join.
 * <p>
 * Mutex sets hold the <em>roots</em> of the other clusters and are kept symmetric, so "are A and B mutually
 * exclusive?" is one hash look-up, and repeated repulsive edges between the same two clusters add nothing. When
 * two clusters merge, the smaller mutex set is folded into the larger one and the root that owns the larger set
 * survives; each member X of the smaller set learns the surviving root. The absorbed root is left behind in X's
 * set: it is no longer a root, so no query can ever ask for it, and it is dropped whenever X's set is rehashed
 * or moved. That lazy clean-up spares a random memory access per moved entry.
 * <p>
 * The pass is bound by memory latency, so the layout saves cache misses: a root's parent entry holds its mutex
 * set's entry count ({@code parent[root] = -1 - count}), which {@link #find} has just read, so the smaller of two
 * sets is chosen without touching either; cluster sizes, needed only to break ties, live apart. Sets are
 * open-addressing tables in bare {@code int[]}s holding node + 1 (0 = free), capacity a power of two, at most
 * half full. No per-edge objects anywhere.
 * <p>
 * Seeds, when given, are a cheaper equivalent of mutexes between every pair of seeds: a cluster remembers its
 * seed, and two clusters with different seeds never merge.
 */
final class MutexClusters {

	private static final int MIN_CAPACITY = 4;

	/** parent[p] >= 0: parent node; parent[root] = -1 - (entries in its mutex set, live or stale). */
	private final int[] parent;
	private final int[] size;
	private final int[][] mutex;
	private int[] seedOf;

	MutexClusters(final int nodes) {
		parent = new int[nodes];
		Arrays.fill(parent, -1);
		size = new int[nodes];
		Arrays.fill(size, 1);
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

	/**
	 * A root of {@code p}'s cluster, read without writing anything, so another thread may call it while the pass
	 * runs. Under such races the answer may be out of date (a former root), never wrong: every parent value
	 * ever stored is an ancestor in the final forest, so the walk ends, and the node it ends on was the root of
	 * a subset of p's present cluster.
	 */
	int rootReadOnly(int p) {
		for (int q; (q = parent[p]) >= 0;) p = q;
		return p;
	}

	/**
	 * Whether an edge between the clusters of (possibly out-of-date) roots {@code ra} and {@code rb} is sure to do
	 * nothing: the same root, different seeds, or a recorded mutex. Read-only, for a look-ahead thread. Sound under
	 * races because all three only ever become true: clusters only grow, a seed stays, and a mutex between two
	 * clusters holds for the clusters that later contain them.
	 */
	boolean surelyNoOp(final int ra, final int rb) {
		if (ra == rb) return true;
		if (seedOf != null) {
			final int sa = seedOf[ra], sb = seedOf[rb];
			if (sa != 0 && sb != 0 && sa != sb) return true;
		}
		final int[] ma = mutex[ra], mb = mutex[rb];
		if (ma != null && contains(ma, rb)) return true;
		return mb != null && contains(mb, ra);
	}

	/**
	 * Reads what merging the clusters of roots {@code ra} and {@code rb} would read (the smaller mutex set and the
	 * slot each of its members would update), so a look-ahead thread can pull it into the shared cache before the
	 * pass gets there. Read-only; returns a value only so the reads cannot be optimised away.
	 */
	int touchMerge(final int ra, final int rb) {
		final int pa = parent[ra], pb = parent[rb];
		if (pa >= 0 || pb >= 0) return 0; // no longer roots: the view is out of date, skip
		final boolean aSurvives = pa != pb ? pa < pb : size[ra] >= size[rb];
		final int keep = aSurvives ? ra : rb;
		final int[] moving = mutex[aSurvives ? rb : ra];
		if (moving == null) return 0;
		int t = 0;
		for (final int v : moving) {
			if (v == 0) continue;
			final int x = v - 1;
			if (parent[x] >= 0) continue;
			final int[] mx = mutex[x];
			if (mx != null) t += mx[home(keep, mx.length - 1)];
		}
		return t;
	}

	/** Pixels (nodes) in the cluster of root {@code r}. */
	int size(final int root) {
		return size[root];
	}

	/** The seed label of the cluster of root {@code r}, 0 if none (or no seeds). */
	int seed(final int root) {
		return seedOf == null ? 0 : seedOf[root];
	}

	/**
	 * Puts every node with a seed label (> 0) into one cluster per label; call before any edge. Nodes whose label
	 * is 0, or that {@code keep} (if not null) excludes, stay unseeded.
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
			if (i > 0 && (int) (pairs[i - 1] >>> 32) == label) mergeAfterPass(find((int) pairs[i - 1]), find(p));
			else seedOf[p] = label;
		}
	}

	/** Entries (live or stale) in root r's mutex set. */
	private int count(final int root) {
		return -1 - parent[root];
	}

	boolean mutuallyExclusive(final int ra, final int rb) {
		final int na = count(ra), nb = count(rb);
		if (na == 0 || nb == 0) return false;
		return na <= nb ? contains(mutex[ra], rb) : contains(mutex[rb], ra);
	}

	/** Repulsive edge between two different roots: they may never merge from now on. */
	void addMutex(final int ra, final int rb) {
		if (mutuallyExclusive(ra, rb)) return;
		add(ra, rb);
		add(rb, ra);
	}

	/** Attractive edge between two different roots: merges them unless a mutex or different seeds forbid it. */
	boolean attract(final int ra, final int rb) {
		if (seedOf != null) {
			final int sa = seedOf[ra], sb = seedOf[rb];
			if (sa != 0 && sb != 0 && sa != sb) return false;
		}
		final int na = count(ra), nb = count(rb);
		if (na != 0 && nb != 0 && (na <= nb ? contains(mutex[ra], rb) : contains(mutex[rb], ra))) return false;
		final boolean aSurvives = na != nb ? na > nb : size[ra] >= size[rb];
		final int keep = aSurvives ? ra : rb;
		final int gone = aSurvives ? rb : ra;
		final int[] moving = mutex[gone];
		unite(keep, gone);
		if (moving != null) {
			for (int i = 0; i < moving.length; i++) {
				final int x = moving[i] - 1;
				if (x < 0 || parent[x] >= 0) continue; // free slot, or a stale (absorbed) root
				add(x, keep);
				add(keep, x);
			}
			mutex[gone] = null;
		}
		return true;
	}

	/**
	 * Merges two roots for the size filter (and for seeding): mutexes no longer matter, different seeds still do.
	 * Returns false if seeds forbid it.
	 */
	boolean mergeAfterPass(final int ra, final int rb) {
		if (seedOf != null) {
			final int sa = seedOf[ra], sb = seedOf[rb];
			if (sa != 0 && sb != 0 && sa != sb) return false;
		}
		if (size[ra] >= size[rb]) unite(ra, rb);
		else unite(rb, ra);
		return true;
	}

	/** Hangs root {@code gone} under root {@code keep}; sizes add, a seed carries over; keep's count stays. */
	private void unite(final int keep, final int gone) {
		size[keep] += size[gone];
		parent[gone] = keep;
		if (seedOf != null && seedOf[keep] == 0) seedOf[keep] = seedOf[gone];
	}

	/** Drops the mutex sets (the size filter needs only the forest). */
	void releaseMutexes() {
		Arrays.fill(mutex, null);
		for (int p = 0; p < parent.length; p++) if (parent[p] < 0) parent[p] = -1;
	}

	/** Live entries of root {@code r}'s mutex set: how many clusters it excludes (for tests). */
	int mutexCount(final int r) {
		final int[] s = mutex[r];
		int n = 0;
		if (s != null) for (final int v : s) if (v != 0 && parent[v - 1] < 0) n++;
		return n;
	}

	// ---- int hash sets ----

	private static int home(final int node, final int mask) {
		final int h = node * 0x9E3779B9;
		return (h ^ h >>> 16) & mask;
	}

	private static boolean contains(final int[] set, final int node) {
		final int mask = set.length - 1, stored = node + 1;
		for (int i = home(node, mask);; i = (i + 1) & mask) {
			final int v = set[i];
			if (v == stored) return true;
			if (v == 0) return false;
		}
	}

	/** Adds {@code node} to root r's set, growing it (and dropping stale entries) when it would be over half full. */
	private void add(final int r, final int node) {
		int[] set = mutex[r];
		final int n = count(r);
		if (set == null) mutex[r] = set = new int[MIN_CAPACITY];
		else if ((n + 1) * 2 > set.length) mutex[r] = set = rehashLive(r, set);
		final int mask = set.length - 1, stored = node + 1;
		for (int i = home(node, mask);; i = (i + 1) & mask) {
			final int v = set[i];
			if (v == stored) return;
			if (v == 0) {
				set[i] = stored;
				parent[r]--; // one more entry
				return;
			}
		}
	}

	/** A copy of root r's set with only entries that are still roots, at most a quarter full (room to grow). */
	private int[] rehashLive(final int r, final int[] set) {
		int live = 0;
		for (final int v : set) if (v != 0 && parent[v - 1] < 0) live++;
		int capacity = MIN_CAPACITY;
		while ((live + 1) * 4 > capacity) capacity *= 2;
		final int[] fresh = new int[capacity];
		final int mask = capacity - 1;
		for (final int v : set) {
			if (v == 0 || parent[v - 1] >= 0) continue;
			int i = home(v - 1, mask);
			while (fresh[i] != 0) i = (i + 1) & mask;
			fresh[i] = v;
		}
		parent[r] = -1 - live;
		return fresh;
	}
}
