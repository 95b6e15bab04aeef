package org.innsight.mws;

import java.util.Arrays;

/**
 * The state of a Mutex Watershed pass: a union-find forest over the nodes plus the mutexes between clusters.
 * <p>
 * A mutex is stored once, as the pair of the two clusters' roots, in one open-addressing table of {@code long}
 * keys ({@code min << 32 | max}; 0 = free, as min < max), so "are A and B mutually exclusive?" is one probe, and
 * a repeated repulsive edge between the same two clusters finds its pair and adds nothing. Each root also keeps a
 * list of its partners, used only when its cluster is absorbed: every partner X of the absorbed root gets the pair
 * (survivor, X), and the survivor's list grows by the X that were new to it. Nothing else is updated: X's own list
 * still names the absorbed root, and the table still holds the old pair, but neither can ever be asked for, since
 * queries name roots only. Old pairs are dropped when the table is rebuilt, old list entries are resolved to their
 * roots (and duplicates removed) when a list is full. The surviving root is the one with the longer list.
 * <p>
 * The pass is bound by memory latency (a random access per edge into data far larger than the caches), so the
 * layout saves cache misses and garbage: a root's parent entry points at its list ({@code parent[root] = -2 -
 * block}, or -1 for none), which {@link #find} has just read, and the list's block starts with its length and
 * capacity, so an append touches one place in memory besides the parent entry. The lists live in one pool of
 * power-of-two blocks, recycled through free stacks, so nothing is allocated per cluster; the pool is sized up
 * front from the expected number of mutexes, and the table takes a spare array the caller hands over (the grid's
 * spent sort keys), so they are seldom rebuilt or copied. When the table fills, the pairs that are no longer of two
 * roots are dropped in place. Cluster sizes are not kept during the pass (nothing in it needs them); they are
 * counted once when the mutexes are released for the size filter.
 * <p>
 * Seeds, when given, are a cheaper equivalent of mutexes between every pair of seeds: a cluster remembers its
 * seed, and two clusters with different seeds never merge.
 */
final class MutexClusters {

	private static final long GOLDEN = 0x9E3779B97F4A7C15L;
	private static final int MIN_TABLE = 1 << 10, MAX_ARRAY = Integer.MAX_VALUE - 8, FIRST_LIST_LOG = 3;
	/**
	 * A list block: pool[at] = entries, pool[at + 1] = log2 of the block's size, then the entries. Blocks start at
	 * multiples of 8 (their sizes are powers of two from 8 on), so a parent entry can name one by at / 8.
	 */
	private static final int HEADER = 2, NO_LIST = -1, LIST_CODE = -64;

	/**
	 * parent[p] >= 0: parent node. A root without a partner list: parent[root] = -1 - rank (-1 .. -32; union by
	 * rank among such roots keeps the trees flat); with one: parent[root] = -64 - at / 8, its block at pool[at]
	 * (entries are partners, current or out of date).
	 */
	private final int[] parent;
	/** Cluster sizes, counted by {@link #releaseMutexes} (null during the pass). */
	private int[] size;
	private int[] seedOf;

	/** Mutex pairs of roots (and out-of-date pairs), open addressing with linear probing, at most 3/4 full. */
	private long[] table;
	private int tableUsed;

	private int[] pool;
	private int poolTop;
	/**
	 * Free blocks per size (log2) as stacks apart from the pool: taking the last freed block reads a cached line,
	 * where a list chained through the blocks would cost a cache miss per allocation.
	 */
	private final int[][] freeBlocks = new int[32][];
	private final int[] freeCount = new int[32];

	MutexClusters(final int nodes) {
		this(nodes, 0, null);
	}

	/**
	 * @param expectedMutexes how many mutexes the pass may record (the number of repulsive edges is a good guess),
	 *     to size the table and the partner-list pool up front
	 * @param spare an array the pass may take for its table (zeroed here), if it has room for the expected
	 *     mutexes; null to allocate one of two slots per node, which is cleared of dead pairs or grows as needed
	 */
	MutexClusters(final int nodes, final long expectedMutexes, final long[] spare) {
		parent = new int[nodes];
		Arrays.fill(parent, NO_LIST);
		final long expected = Math.max(nodes, Math.min(1L << 28, expectedMutexes));
		if (spare != null && spare.length >= expected + (expected >> 2)) {
			Arrays.fill(spare, 0);
			table = spare;
		}
		else table = new long[(int) Math.min(MAX_ARRAY, Math.max(MIN_TABLE, 2L * nodes))];
		pool = new int[(int) Math.max(1 << 10, Math.min(MAX_ARRAY, 2 * expected + (expected >> 1)))];
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

	/** Pixels (nodes) in the cluster of root {@code r}; only after {@link #releaseMutexes}. */
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

	/** Repulsive edge between two different roots: they may never merge from now on. */
	void addMutex(final int ra, final int rb) {
		if (!insert(key(ra, rb))) return;
		append(ra, rb);
		append(rb, ra);
	}

	/** Attractive edge between two different roots: merges them unless a mutex or different seeds forbid it. */
	boolean attract(final int ra, final int rb) {
		if (seedOf != null) {
			final int sa = seedOf[ra], sb = seedOf[rb];
			if (sa != 0 && sb != 0 && sa != sb) return false;
		}
		final int va = parent[ra], vb = parent[rb];
		final boolean listA = va <= LIST_CODE, listB = vb <= LIST_CODE;
		// A block holds at least one entry, so both roots have partners; only then can they be mutex.
		if (listA && listB && has(key(ra, rb))) return false;
		if (!listA && !listB) {
			// Neither has partners: union by rank (which root survives does not change the partition).
			if (va == vb) parent[ra] = va - 1;
			if (va <= vb) unite(ra, rb);
			else unite(rb, ra);
			return true;
		}
		final int na = listA ? pool[block(va)] : 0, nb = listB ? pool[block(vb)] : 0;
		// Else the root with the longer list survives.
		final boolean aSurvives = na >= nb;
		final int keep = aSurvives ? ra : rb, gone = aSurvives ? rb : ra;
		final int moving = aSurvives ? nb : na;
		final int at = moving == 0 ? 0 : block(aSurvives ? vb : va);
		unite(keep, gone);
		if (moving != 0) {
			// The survivor's partners are unchanged; each partner of the absorbed root becomes one of them. (The
			// pool may move as the survivor's list grows: read it afresh each time.)
			for (int k = at + HEADER, end = at + HEADER + moving; k < end; k++) {
				final int x = find(pool[k]);
				if (insert(key(keep, x))) append(keep, x);
			}
			free(at, pool[at + 1]);
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
		if (size == null || size[ra] >= size[rb]) unite(ra, rb);
		else unite(rb, ra);
		return true;
	}

	/** Hangs root {@code gone} under root {@code keep}; sizes add (once counted), a seed carries over; keep's list stays. */
	private void unite(final int keep, final int gone) {
		if (size != null) size[keep] += size[gone];
		parent[gone] = keep;
		if (seedOf != null && seedOf[keep] == 0) seedOf[keep] = seedOf[gone];
	}

	/** Drops the mutexes and counts the cluster sizes (the size filter needs only the forest and the sizes). */
	void releaseMutexes() {
		table = new long[MIN_TABLE];
		tableUsed = 0;
		pool = new int[1 << 10];
		poolTop = 0;
		Arrays.fill(freeBlocks, null);
		Arrays.fill(freeCount, 0);
		for (int p = 0; p < parent.length; p++) if (parent[p] < 0) parent[p] = NO_LIST;
		final int[] counted = new int[parent.length];
		for (int p = 0; p < parent.length; p++) counted[find(p)]++;
		size = counted;
	}

	// ---- the pair table ----

	private static long key(final int a, final int b) {
		return a < b ? (long) a << 32 | b : (long) b << 32 | a;
	}

	/** A key's first slot in a table of {@code capacity} slots (any capacity: multiply-shift range reduction). */
	private static int home(final long key, final int capacity) {
		return (int) (((key * GOLDEN) >>> 32) * capacity >>> 32);
	}

	private boolean has(final long key) {
		final long[] t = table;
		for (int i = home(key, t.length);; i = i + 1 == t.length ? 0 : i + 1) {
			final long v = t[i];
			if (v == key) return true;
			if (v == 0) return false;
		}
	}

	/** Adds a pair; false if it was there already. */
	private boolean insert(final long key) {
		final long[] t = table;
		for (int i = home(key, t.length);; i = i + 1 == t.length ? 0 : i + 1) {
			final long v = t[i];
			if (v == key) return false;
			if (v == 0) {
				t[i] = key;
				if (++tableUsed > t.length - (t.length >> 2)) rebuildTable();
				return true;
			}
		}
	}

	/**
	 * Drops the pairs that are no longer of two roots (they can never be asked for again). Most pairs die as their
	 * clusters merge, so this usually frees most of the table, in place; only if the live pairs would fill more than
	 * a third of it does the table move to a new one three times their number.
	 */
	private void rebuildTable() {
		final long[] old = table;
		int live = 0;
		for (int i = 0; i < old.length; i++) {
			final long v = old[i];
			if (v == 0) continue;
			if (parent[(int) (v >>> 32)] < 0 && parent[(int) v] < 0) live++;
			else old[i] = 0;
		}
		if (3L * live <= old.length) {
			rehashInPlace(old);
			tableUsed = live;
			return;
		}
		final int capacity = (int) Math.min(MAX_ARRAY, 3L * live);
		if (live > capacity - (capacity >> 2)) throw new IllegalStateException("too many mutexes for one pass: " + live);
		table = null; // let the old table go before the new one is allocated, if memory is short
		final long[] t = new long[capacity];
		for (final long v : old) if (v != 0) t[freeSlot(t, v)] = v;
		table = t;
		tableUsed = live;
	}

	/**
	 * After entries were cleared, moves every remaining one to the first free slot from its home, so that probes
	 * stop at a free slot again. Walking from a free slot, each entry lands at or before where it was.
	 */
	private static void rehashInPlace(final long[] t) {
		int start = 0;
		while (t[start] != 0) start++;
		for (int k = 1, i = start + 1; k <= t.length; k++, i++) {
			if (i == t.length) i = 0;
			final long v = t[i];
			if (v == 0) continue;
			t[i] = 0;
			t[freeSlot(t, v)] = v;
		}
	}

	/** The first free slot from key's home (the key is not in the table). */
	private static int freeSlot(final long[] t, final long key) {
		int i = home(key, t.length);
		while (t[i] != 0) i = i + 1 == t.length ? 0 : i + 1;
		return i;
	}

	// ---- partner lists ----

	/** The pool index of the block that root entry {@code v} (<= LIST_CODE) names. */
	private static int block(final int v) {
		return (LIST_CODE - v) << 3;
	}

	private static int listCode(final int at) {
		return LIST_CODE - (at >>> 3);
	}

	private void append(final int r, final int x) {
		final int v = parent[r];
		int at;
		if (v > LIST_CODE) {
			at = allocate(FIRST_LIST_LOG);
			pool[at] = 0;
			pool[at + 1] = FIRST_LIST_LOG;
			parent[r] = listCode(at);
		}
		else {
			at = block(v);
			if (pool[at] == (1 << pool[at + 1]) - HEADER) at = compactOrGrow(r, at);
		}
		final int[] q = pool;
		final int n = q[at];
		q[at + HEADER + n] = x;
		q[at] = n + 1;
	}

	/**
	 * A full list: its entries become the roots they now stand for, without duplicates; if that leaves it more
	 * than half full it moves to a block twice the size. Returns the list's block.
	 */
	private int compactOrGrow(final int r, final int at) {
		final int n = pool[at], log = pool[at + 1], from = at + HEADER;
		for (int k = from; k < from + n; k++) pool[k] = find(pool[k]);
		Arrays.sort(pool, from, from + n);
		int m = 1;
		for (int k = 1; k < n; k++) if (pool[from + k] != pool[from + m - 1]) pool[from + m++] = pool[from + k];
		pool[at] = m;
		if (2 * m <= n) return at;
		final int fresh = allocate(log + 1);
		System.arraycopy(pool, at, pool, fresh, HEADER + m);
		pool[fresh + 1] = log + 1;
		free(at, log);
		parent[r] = listCode(fresh);
		return fresh;
	}

	private int allocate(final int log) {
		if (freeCount[log] > 0) return freeBlocks[log][--freeCount[log]];
		final long end = (long) poolTop + (1 << log);
		if (end > MAX_ARRAY) throw new IllegalStateException("too many mutexes for one pass: their lists need more than " + MAX_ARRAY + " entries");
		if (end > pool.length) pool = Arrays.copyOf(pool, (int) Math.min(MAX_ARRAY, Math.max(end, pool.length + (long) (pool.length >> 1))));
		final int at = poolTop;
		poolTop = (int) end;
		return at;
	}

	private void free(final int at, final int log) {
		int[] stack = freeBlocks[log];
		final int n = freeCount[log];
		if (stack == null) freeBlocks[log] = stack = new int[64];
		else if (n == stack.length) freeBlocks[log] = stack = Arrays.copyOf(stack, 2 * n);
		stack[n] = at;
		freeCount[log] = n + 1;
	}
}
