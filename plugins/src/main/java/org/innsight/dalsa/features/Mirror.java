package org.innsight.dalsa.features;

/**
 * Image borders for all filters: symmetric mirroring that repeats the edge voxel (... c b a | a b c ...). Every
 * filter resolves out-of-image positions the same way, which is what makes tiled and untiled results identical.
 */
public final class Mirror {

	private Mirror() {}

	/** Position i folded into [0, n). */
	public static int fold(final int i, final int n) {
		if (i >= 0 && i < n) return i;
		final int period = 2 * n;
		int j = i % period;
		if (j < 0) j += period;
		return j < n ? j : period - 1 - j;
	}
}
