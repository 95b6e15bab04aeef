package org.innsight.mws;

import java.util.Arrays;

/**
 * The state of a Mutex Watershed pass: a union-find forest over the nodes plus the mutexes between clusters.
 * <p>
 * Each root with mutexes keeps the set of its partners as a small open-addressing hash set of its own; an entry
 * is a node of a partner cluster, so it <em>leads to</em> the partner's root by {@link #find}. A new mutex enters
 * both sets with both roots. When a root is absorbed, the root each of its entries leads to enters the survivor's
 * set (unless it is there); the partners' own sets keep naming the absorbed root, which now leads to the survivor.
 * So for every two roots A and B that are mutex, (1) each set holds an entry leading to the other, and (2) at
 * least one set holds the other root itself: an entry that names a root stays exact until that root is absorbed,
 * and the survivor then takes the absorbed root's partners by their roots. "Are A and B mutually exclusive?" is
 * thus one probe into each set (entries are added only for mutexes, so a hit is never wrong). A repeated
 * repulsive edge usually finds its partner and adds nothing. When a set fills up, its entries are placed again as
 * they are, not replaced by the roots they lead to (that would read each entry's parent entry, a cache miss each),
 * in a block twice the size (or in the same block if they fill at most half of it); so a set may name one partner
 * cluster by several of its nodes, which costs slots but is never wrong, as a probe looks for a root's own id and a
 * merge moves the roots the entries lead to, once each. Leaving the partners' sets alone saves a random access per
 * moved partner. The survivor is the root with the larger block.
 * <p>
 * The pass is bound by random reads from memory (several per edge, into data far larger than the caches), so
 * the layout saves cache misses and garbage. A root's parent entry names its set's block, a power of two of at least
 * 8 slots that starts at a multiple of its size, so one {@code int} gives both place and size ({@code parent[root]
 * = -64 - (at + size / 2) / 4}); {@link #find} has just read it, and a probe then touches one place in memory
 * (an entry lies at most {@link #MAX_DISTANCE} slots past its home, so no count is kept). The sets live in one
 * pool of blocks, recycled through free stacks, so nothing is allocated per cluster; the pool is sized up front
 * from the expected number of mutexes. Cluster sizes are not kept during the pass (nothing in it needs them); they
 * are counted once when the mutexes are released for the size filter. docs/mws.md has the history and figures.
 * <p>
 * Seeds, when given, are a cheaper equivalent of mutexes between every pair of seeds: a cluster remembers its
 * seed, and two clusters with different seeds never merge.
 */
final class MutexClusters {

	private static final int MAX_ARRAY = Integer.MAX_VALUE - 8, FIRST_LOG = 3, NO_SET = -1, SET_CODE = -64;
	/** An entry lies at most this many slots past its home slot (a set of up to 16 slots may fill up). */
	private static final int MAX_DISTANCE = 15;
	/**
	 * parent[p] >= 0: parent node. A root without partners: parent[root] = -1 - rank (-1 .. -32; union by rank
	 * among such roots keeps the trees flat); with some: parent[root] = -64 - (at + size / 2) / 4 for its set's
	 * block pool[at .. at + size), a power of two of at least 8 slots that starts at a multiple of its size, so
	 * the code names both (see {@link #blockAt}, {@link #blockLog}).
	 */
	private final int[] parent;
	/** Cluster sizes, counted by {@link #releaseMutexes} (null during the pass). */
	private int[] size;
	private int[] seedOf;

	/** The partner sets' blocks; a slot holds partner + 1, or 0 when free. */
	private int[] pool;
	private int poolTop;
	/** Scratch for a set's entries while it is rebuilt. */
	private int[] scratch = new int[64];
	/**
	 * Free blocks per size (log2) as stacks apart from the pool: taking the last freed block reads a cached line,
	 * where a list chained through the blocks would cost a cache miss per allocation.
	 */
	private final int[][] freeBlocks = new int[32][];
	private final int[] freeCount = new int[32];
	/** Whether {@link #attract} reads the partners of an absorbed root ahead of moving them (see {@link GreedyPass}). */
	boolean prefetch;
	/** Where the reads made only to fill the cache go, so that the compiler keeps them. */
	int sink;

	MutexClusters(final int nodes) {
		this(nodes, 0);
	}

	/**
	 * @param expectedMutexes how many mutexes the pass may record (the number of repulsive edges is a good guess),
	 *     to size the pool of partner sets up front
	 */
	MutexClusters(final int nodes, final long expectedMutexes) {
		parent = new int[nodes];
		Arrays.fill(parent, NO_SET);
		pool = new int[poolSlots(nodes, expectedMutexes)];
	}

	/** The pool's first size: three slots per expected mutex (at least one per node). */
	private static int poolSlots(final int nodes, final long expectedMutexes) {
		final long expected = Math.max(nodes, Math.min(1L << 28, expectedMutexes));
		return (int) Math.max(1 << 10, Math.min(MAX_ARRAY, 3 * expected));
	}

	/** Bytes the pass allocates up front for {@code nodes} nodes and that many expected mutexes. */
	static long bytesUpFront(final int nodes, final long expectedMutexes) {
		return 4L * nodes + 4L * poolSlots(nodes, expectedMutexes);
	}

	/** Reads the parent entries of nodes at[0 .. n) (to bring them into the cache ahead of {@link #find}); the value is meaningless. */
	int touchParents(final int[] at, final int n) {
		int t = 0;
		for (int k = 0; k < n; k++) t += parent[at[k]];
		return t;
	}

	/** The pool slot where root a's set would hold root b (0 if a has no set): where attract and addMutex probe first. */
	int slotOf(final int a, final int b) {
		final int va = parent[a];
		return va <= SET_CODE ? blockAt(va) + home(b, blockLog(va)) : 0;
	}

	/** Reads the pool's slots at[0 .. n) (to bring them into the cache); the value is meaningless. */
	int touchSlots(final int[] at, final int n) {
		final int[] q = pool;
		int t = 0;
		for (int k = 0; k < n; k++) t += q[at[k]];
		return t;
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
		if (add(ra, rb)) add(rb, ra);
	}

	/** Attractive edge between two different roots: merges them unless a mutex or different seeds forbid it. */
	boolean attract(final int ra, final int rb) {
		if (seedOf != null) {
			final int sa = seedOf[ra], sb = seedOf[rb];
			if (sa != 0 && sb != 0 && sa != sb) return false;
		}
		final int va = parent[ra], vb = parent[rb];
		final boolean setA = va <= SET_CODE, setB = vb <= SET_CODE;
		if (!setA && !setB) {
			// Neither has partners: union by rank (which root survives does not change the partition).
			if (va == vb) parent[ra] = va - 1;
			if (va <= vb) unite(ra, rb);
			else unite(rb, ra);
			return true;
		}
		// Of two mutex roots, at least one holds the other's id in its set (see the class comment): ask both.
		if (setA && setB && (contains(va, rb) || contains(vb, ra))) return false;
		// The root with the larger block survives.
		final int logA = setA ? blockLog(va) : 0, logB = setB ? blockLog(vb) : 0;
		final boolean aSurvives = logA >= logB;
		final int keep = aSurvives ? ra : rb, gone = aSurvives ? rb : ra;
		final int code = aSurvives ? vb : va;
		unite(keep, gone);
		if (code <= SET_CODE) {
			// The root of each of the absorbed root's partners becomes one of the survivor's; the partners' own sets
			// keep naming gone, which now leads to keep. The pool may move as sets grow: read it afresh each time.
			final int at = blockAt(code), log = blockLog(code);
			if (prefetch) touchPartners(at, log, keep);
			for (int k = at, end = at + (1 << log); k < end; k++) {
				final int x = pool[k] - 1;
				if (x < 0) continue;
				final int r = find(x);
				if (r != keep) add(keep, r);
			}
			free(at, log);
		}
		return true;
	}

	/**
	 * Before the partners in block pool[at .. at + 2^log) move to root keep: reads their parent entries, then the
	 * slots of keep's set where they will go (for an absorbed partner, its parent's entry instead), each loop's
	 * reads independent of each other, so that the cache misses of all partners overlap instead of coming one after
	 * another in the move. keep has a set: its block is at least as large as the absorbed root's.
	 */
	private void touchPartners(final int at, final int log, final int keep) {
		int t = 0;
		for (int k = at, end = at + (1 << log); k < end; k++) t += parent[Math.max(0, pool[k] - 1)];
		final int vk = parent[keep];
		final int keepAt = blockAt(vk), keepLog = blockLog(vk);
		for (int k = at, end = at + (1 << log); k < end; k++) {
			final int x = pool[k] - 1;
			if (x < 0) continue;
			final int vx = parent[x];
			if (vx < 0) t += pool[keepAt + home(x, keepLog)];
			else t += parent[vx];
		}
		sink += t;
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

	/** Hangs root {@code gone} under root {@code keep}; sizes add (once counted), a seed carries over; keep's set stays. */
	private void unite(final int keep, final int gone) {
		if (size != null) size[keep] += size[gone];
		parent[gone] = keep;
		if (seedOf != null && seedOf[keep] == 0) seedOf[keep] = seedOf[gone];
	}

	/** Drops the mutexes and counts the cluster sizes (the size filter needs only the forest and the sizes). */
	void releaseMutexes() {
		pool = new int[1 << 10];
		poolTop = 0;
		Arrays.fill(freeBlocks, null);
		Arrays.fill(freeCount, 0);
		for (int p = 0; p < parent.length; p++) if (parent[p] < 0) parent[p] = NO_SET;
		final int[] counted = new int[parent.length];
		for (int p = 0; p < parent.length; p++) counted[find(p)]++;
		size = counted;
	}

	// ---- partner sets ----

	/**
	 * A root's partner set: open addressing in a power-of-two block, where an entry lies at most
	 * {@link #MAX_DISTANCE} slots past its home, so a look-up reads at most that many slots and no count is kept;
	 * an insert that finds no free slot in reach rebuilds the set, its entries as they are, in the same block or
	 * a block twice the size.
	 */
	private static int blockAt(final int code) {
		final int u = SET_CODE - code, low = u & -u;
		return (u - low) << 2;
	}

	private static int blockLog(final int code) {
		final int u = SET_CODE - code;
		return Integer.numberOfTrailingZeros(u) + 3;
	}

	private static int setCode(final int at, final int log) {
		return SET_CODE - ((at >>> 2) + (1 << (log - 3)));
	}

	/** Node x's home slot in a set of 2^log slots. */
	private static int home(final int x, final int log) {
		return (x * 0x9E3779B9) >>> (32 - log);
	}

	/** Whether the set that root entry {@code code} names holds node x. */
	private boolean contains(final int code, final int x) {
		final int[] q = pool;
		final int at = blockAt(code), log = blockLog(code), mask = (1 << log) - 1, e = x + 1;
		for (int d = 0, i = home(x, log); d <= MAX_DISTANCE && d <= mask; d++, i = (i + 1) & mask) {
			final int v = q[at + i];
			if (v == e) return true;
			if (v == 0) return false;
		}
		return false;
	}

	/** Adds partner x to root r's set; false if it was there already. */
	private boolean add(final int r, final int x) {
		final int code = parent[r];
		if (code > SET_CODE) {
			final int at = allocate(FIRST_LOG);
			parent[r] = setCode(at, FIRST_LOG);
			pool[at + home(x, FIRST_LOG)] = x + 1;
			return true;
		}
		final int[] q = pool;
		final int at = blockAt(code), log = blockLog(code), mask = (1 << log) - 1, e = x + 1;
		for (int d = 0, i = home(x, log); d <= MAX_DISTANCE && d <= mask; d++, i = (i + 1) & mask) {
			final int v = q[at + i];
			if (v == e) return false;
			if (v == 0) {
				q[at + i] = e;
				return true;
			}
		}
		rebuild(r, at, log, x + 1);
		return true;
	}

	/** Places entry e in the block unless it is there; false if no free slot is in reach. */
	private boolean place(final int at, final int log, final int e) {
		final int[] q = pool;
		final int mask = (1 << log) - 1;
		for (int d = 0, i = home(e - 1, log); d <= MAX_DISTANCE && d <= mask; d++, i = (i + 1) & mask) {
			if (q[at + i] == e) return true;
			if (q[at + i] == 0) {
				q[at + i] = e;
				return true;
			}
		}
		return false;
	}

	/**
	 * A set with no free slot in reach of entry e's home: its entries as they are (no {@link #find}: each would be
	 * a cache miss), plus e, go back into the same block if they fill at most half of it and all fit in reach of
	 * their homes, else into a block twice the size (or larger, until they do).
	 */
	private void rebuild(final int r, final int at, final int log, final int e) {
		final int size = 1 << log;
		int[] buffer = scratch;
		if (buffer.length < size + 1) scratch = buffer = new int[2 * size + 1];
		int entries = 0;
		for (int k = at; k < at + size; k++) if (pool[k] != 0) buffer[entries++] = pool[k];
		buffer[entries++] = e;
		int targetLog = 2 * entries > size ? log + 1 : log;
		int target = targetLog != log ? -1 : at;
		if (target == at) Arrays.fill(pool, at, at + size, 0);
		for (;;) {
			if (target < 0) target = allocate(targetLog);
			boolean fits = true;
			for (int j = 0; j < entries && fits; j++) fits = place(target, targetLog, buffer[j]);
			if (fits) break;
			if (target != at) free(target, targetLog);
			targetLog++;
			target = -1;
		}
		if (target != at) free(at, log);
		parent[r] = setCode(target, targetLog);
	}

	/** A zeroed block of 2^log slots at a multiple of its size. */
	private int allocate(final int log) {
		if (freeCount[log] > 0) {
			final int at = freeBlocks[log][--freeCount[log]];
			Arrays.fill(pool, at, at + (1 << log), 0);
			return at;
		}
		final int blockSize = 1 << log;
		final long at = ((long) poolTop + blockSize - 1) & -(long) blockSize, end = at + blockSize;
		if (end > MAX_ARRAY) throw new IllegalStateException("too many mutexes for one pass: their sets need more than " + MAX_ARRAY + " slots");
		if (end > pool.length) pool = Arrays.copyOf(pool, (int) Math.min(MAX_ARRAY, Math.max(end, pool.length + (long) (pool.length >> 1))));
		// The gap up to the aligned start becomes free blocks, each at a multiple of its own size.
		while (poolTop < at) {
			int pieceLog = Integer.numberOfTrailingZeros(poolTop);
			while (poolTop + (1L << pieceLog) > at) pieceLog--;
			free(poolTop, pieceLog);
			poolTop += 1 << pieceLog;
		}
		poolTop = (int) end;
		return (int) at;
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
