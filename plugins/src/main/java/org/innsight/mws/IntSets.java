package org.innsight.mws;

/**
 * Small open-addressing hash sets of non-negative ints, each a bare {@code int[]}: slot 0 holds the count,
 * slots 1..capacity the table (capacity a power of two, at most half full, {@link #EMPTY} = free). A null
 * array is the empty set. Linear probing with backward-shift deletion, so no tombstones pile up.
 */
final class IntSets {

	static final int EMPTY = -1;
	private static final int MIN_CAPACITY = 4;

	private IntSets() {}

	static int size(final int[] set) {
		return set == null ? 0 : set[0];
	}

	private static int hash(final int key) {
		final int h = key * 0x9E3779B9;
		return h ^ (h >>> 16);
	}

	static boolean contains(final int[] set, final int key) {
		if (set == null) return false;
		final int mask = set.length - 2;
		for (int i = hash(key) & mask;; i = (i + 1) & mask) {
			final int v = set[i + 1];
			if (v == key) return true;
			if (v == EMPTY) return false;
		}
	}

	/** Adds {@code key}; returns the set, which is a new array when it had to grow (or was null). */
	static int[] add(int[] set, final int key) {
		if (set == null) set = empty(MIN_CAPACITY);
		else if ((set[0] + 1) * 2 > set.length - 1) set = grown(set);
		final int mask = set.length - 2;
		for (int i = hash(key) & mask;; i = (i + 1) & mask) {
			final int v = set[i + 1];
			if (v == key) return set;
			if (v == EMPTY) {
				set[i + 1] = key;
				set[0]++;
				return set;
			}
		}
	}

	/** Removes {@code key} if present. */
	static void remove(final int[] set, final int key) {
		if (set == null) return;
		final int mask = set.length - 2;
		int i = hash(key) & mask;
		for (;; i = (i + 1) & mask) {
			final int v = set[i + 1];
			if (v == key) break;
			if (v == EMPTY) return;
		}
		// Backward shift: pull later entries of the probe run into the hole unless their home lies after it.
		for (int j = i;;) {
			j = (j + 1) & mask;
			final int v = set[j + 1];
			if (v == EMPTY) break;
			final int home = hash(v) & mask;
			final boolean stays = i <= j ? i < home && home <= j : i < home || home <= j;
			if (stays) continue;
			set[i + 1] = v;
			i = j;
		}
		set[i + 1] = EMPTY;
		set[0]--;
	}

	private static int[] empty(final int capacity) {
		final int[] s = new int[capacity + 1];
		java.util.Arrays.fill(s, 1, s.length, EMPTY);
		return s;
	}

	private static int[] grown(final int[] set) {
		int[] bigger = empty((set.length - 1) * 2);
		for (int i = 1; i < set.length; i++)
			if (set[i] != EMPTY) bigger = add(bigger, set[i]);
		return bigger;
	}
}
