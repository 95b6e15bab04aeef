package org.innsight.dalsa;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded random subsets of voxel lists. */
public final class Sampling {

	private Sampling() {}

	/** {@code count} distinct entries of {@code from} (all of them if it is not longer), in ascending order. */
	public static int[] subset(final int[] from, final int count, final long seed) {
		if (count >= from.length) return from.clone();
		final int[] a = from.clone();
		final SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < count; i++) {
			final int j = i + random.nextInt(a.length - i);
			final int t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
		final int[] out = Arrays.copyOf(a, count);
		Arrays.sort(out);
		return out;
	}

	/** The indices {@code from .. to - 1}. */
	public static int[] range(final int from, final int to) {
		final int[] r = new int[to - from];
		for (int i = 0; i < r.length; i++) r[i] = from + i;
		return r;
	}

	/** Columns {@code rows[i]} of a column-major table. */
	public static float[][] columns(final float[][] table, final int[] rows) {
		final float[][] out = new float[table.length][rows.length];
		for (int f = 0; f < table.length; f++) {
			final float[] src = table[f], dst = out[f];
			for (int i = 0; i < rows.length; i++) dst[i] = src[rows[i]];
		}
		return out;
	}
}
