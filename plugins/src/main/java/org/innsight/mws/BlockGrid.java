package org.innsight.mws;

import java.util.Arrays;

/**
 * A volume cut into blocks (x fastest in block order), each with an inner box (the blocks tile the volume) and
 * an outer box: the inner box grown by the halo on every side, clipped to the volume. All in (x, y, z); a 2D
 * volume has z = 1.
 */
public final class BlockGrid {

	final int[] dims, block;
	final int halo;
	final int[] count = new int[3];

	/**
	 * @param dimsXyz the volume, (x, y[, z])
	 * @param blockXyz inner block size, (x, y[, z])
	 * @param halo pixels added on each side
	 */
	public BlockGrid(final int[] dimsXyz, final int[] blockXyz, final int halo) {
		if (blockXyz.length != dimsXyz.length)
			throw new IllegalArgumentException("block size needs " + dimsXyz.length + " values, one per dimension, got " + blockXyz.length);
		if (halo < 0) throw new IllegalArgumentException("halo must be >= 0, got " + halo);
		dims = AffinitySource.pad3(dimsXyz);
		block = AffinitySource.pad3(blockXyz);
		for (int d = 0; d < 3; d++) {
			if (block[d] < 1) throw new IllegalArgumentException("block size must be >= 1 in every dimension, got " + Arrays.toString(blockXyz));
			count[d] = (dims[d] + block[d] - 1) / block[d];
		}
		this.halo = halo;
	}

	public int blocks() {
		return count[0] * count[1] * count[2];
	}

	/** Inner box of block i: {min x, y, z, size x, y, z}. */
	public int[] inner(final int i) {
		final int[] at = { i % count[0], i / count[0] % count[1], i / count[0] / count[1] };
		final int[] box = new int[6];
		for (int d = 0; d < 3; d++) {
			box[d] = at[d] * block[d];
			box[3 + d] = Math.min(dims[d], box[d] + block[d]) - box[d];
		}
		return box;
	}

	/** Outer box of block i (inner grown by the halo, clipped): {min x, y, z, size x, y, z}. */
	public int[] outer(final int i) {
		final int[] in = inner(i), box = new int[6];
		for (int d = 0; d < 3; d++) {
			final int h = dims[d] > 1 ? halo : 0;
			box[d] = Math.max(0, in[d] - h);
			box[3 + d] = Math.min(dims[d], in[d] + in[3 + d] + h) - box[d];
		}
		return box;
	}
}
