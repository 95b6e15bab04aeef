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
 * Sets are open-addressing int tables held in bare {@code int[]}s: slot 0 = entries (live or stale), slots
 * 1..capacity = node + 1 (0 = free), capacity a power of two, at most half full. No per-edge objects anywhere.
 * <p>
 * Seeds, when given, are a cheaper equivalent of mutexes between every pair of seeds: a cluster remembers its
 * seed, and two clusters with different seeds never merge.
 */
final class MutexClusters {

	private static final int MIN_CAPACITY = 4;

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

	/**
	 * Reads, without changing anything, the memory that edge (p, q) will need: both roots and the mutex-set slot
	 * where each root would find the other. Called for a batch of upcoming edges before they are processed, so
	 * their cache misses overlap instead of queueing one after another. Returns a value only to keep the reads.
	 */
	int touch(final int p, final int q) {
		int ra = p, rb = q;
		for (int k; (k = parent[ra]) >= 0;) ra = k;
		for (int k; (k = parent[rb]) >= 0;) rb = k;
		final int[] ma = mutex[ra], mb = mutex[rb];
		int t = 0;
		if (ma != null) t += ma[1 + home(rb, ma.length - 2)];
		if (mb != null) t += mb[1 + home(ra, mb.length - 2)];
		return t;
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
		return ma[0] <= mb[0] ? contains(ma, rb) : contains(mb, ra);
	}

	/** Repulsive edge between two different roots: they may never merge from now on. */
	void addMutex(final int ra, final int rb) {
		if (mutuallyExclusive(ra, rb)) return;
		mutex[ra] = add(mutex[ra], rb);
		mutex[rb] = add(mutex[rb], ra);
	}

	/** Attractive edge between two different roots: merges them unless a mutex or different seeds forbid it. */
	boolean attract(final int ra, final int rb) {
		if (seedOf != null) {
			final int sa = seedOf[ra], sb = seedOf[rb];
			if (sa != 0 && sb != 0 && sa != sb) return false;
		}
		final int[] ma = mutex[ra], mb = mutex[rb];
		final int na = ma == null ? 0 : ma[0], nb = mb == null ? 0 : mb[0];
		if (na != 0 && nb != 0 && (na <= nb ? contains(ma, rb) : contains(mb, ra))) return false;
		final boolean aSurvives = na != nb ? na > nb : size(ra) >= size(rb);
		final int keep = aSurvives ? ra : rb;
		final int gone = aSurvives ? rb : ra;
		unite(keep, gone);
		final int[] moving = aSurvives ? mb : ma;
		if (moving != null) {
			int[] target = aSurvives ? ma : mb;
			for (int i = 1; i < moving.length; i++) {
				final int x = moving[i] - 1;
				if (x < 0 || parent[x] >= 0) continue; // free slot, or a stale (absorbed) root
				mutex[x] = add(mutex[x], keep);
				target = add(target, x);
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

	/** Live entries of root {@code r}'s mutex set: how many clusters it excludes (for tests). */
	int mutexCount(final int r) {
		final int[] s = mutex[r];
		int n = 0;
		if (s != null) for (int i = 1; i < s.length; i++) if (s[i] != 0 && parent[s[i] - 1] < 0) n++;
		return n;
	}

	// ---- int hash sets ----

	private static int home(final int node, final int mask) {
		final int h = node * 0x9E3779B9;
		return (h ^ h >>> 16) & mask;
	}

	private static boolean contains(final int[] set, final int node) {
		final int mask = set.length - 2, stored = node + 1;
		for (int i = home(node, mask);; i = (i + 1) & mask) {
			final int v = set[i + 1];
			if (v == stored) return true;
			if (v == 0) return false;
		}
	}

	/** Adds {@code node}; returns the set, a new array if it had to grow (growing also drops stale entries). */
	private int[] add(int[] set, final int node) {
		if (set == null) set = new int[MIN_CAPACITY + 1];
		else if ((set[0] + 1) * 2 > set.length - 1) set = rehashLive(set);
		insert(set, node);
		return set;
	}

	private static void insert(final int[] set, final int node) {
		final int mask = set.length - 2, stored = node + 1;
		for (int i = home(node, mask);; i = (i + 1) & mask) {
			final int v = set[i + 1];
			if (v == stored) return;
			if (v == 0) {
				set[i + 1] = stored;
				set[0]++;
				return;
			}
		}
	}

	/** A copy with only entries that are still roots, with room for at least one more. */
	private int[] rehashLive(final int[] set) {
		int live = 0;
		for (int i = 1; i < set.length; i++) if (set[i] != 0 && parent[set[i] - 1] < 0) live++;
		int capacity = MIN_CAPACITY;
		while ((live + 1) * 4 > capacity) capacity *= 2; // room to grow: no rehash after every insert
		final int[] fresh = new int[capacity + 1];
		for (int i = 1; i < set.length; i++) if (set[i] != 0 && parent[set[i] - 1] < 0) insert(fresh, set[i] - 1);
		return fresh;
	}
}
