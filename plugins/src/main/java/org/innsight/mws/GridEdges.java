package org.innsight.mws;

import org.innsight.progress.ParallelTasks;

/**
 * The edges of a pixel grid as sortable {@code long} keys: high 32 bits = the priority's float bits mapped to
 * unsigned order, low 32 bits = (channel, pixel) packed as {@code c << pixelBits | p}. Keys are written in
 * ascending edge index (c * N + p) and {@link RadixSort} is stable on the high bits, so reading the sorted keys
 * backwards gives descending priority with ties in descending edge index: the order the contract asks for.
 */
final class GridEdges {

	final int pixelBits;
	final int pixelMask;
	/** Linear index step from an edge's source pixel to its target pixel, per channel. */
	final int[] step;
	final int attractive;
	final int pixels;

	private final Affinities aff;
	private final int[] dims;
	private final int[] strides;
	private final int[] origin;
	private final MwsOptions options;
	private long repulsive;

	GridEdges(final Affinities aff, final MwsOptions options) {
		this.aff = aff;
		this.options = options;
		dims = aff.dims();
		pixels = aff.pixels();
		final int channels = aff.channels();
		attractive = options.attractiveFor(dims.length);
		if (attractive < 0 || attractive > channels)
			throw new IllegalArgumentException("attractive channels must be between 0 and " + channels + ", got " + attractive);
		strides = options.strides(dims.length);
		origin = options.strideOrigin(dims.length);
		if (strides.length != dims.length)
			throw new IllegalArgumentException("strides need " + dims.length + " values, one per dimension, got " + strides.length);
		for (final int s : strides)
			if (s < 1) throw new IllegalArgumentException("strides must be >= 1, got " + java.util.Arrays.toString(strides));
		if (options.mask() != null && options.mask().length != pixels)
			throw new IllegalArgumentException("mask has " + options.mask().length + " pixels, the affinities " + pixels);
		pixelBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(pixels - 1));
		final int channelBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(channels - 1));
		if (pixelBits + channelBits > 32)
			throw new IllegalArgumentException("too many edges for one pass: " + channels + " channels x " + pixels + " pixels");
		pixelMask = pixelBits == 32 ? -1 : (1 << pixelBits) - 1;
		step = new int[channels];
		for (int c = 0; c < channels; c++) {
			final int[] o = aff.offset(c);
			step[c] = o[0] + o[1] * dims[0] + (o.length > 2 ? o[2] * dims[0] * dims[1] : 0);
		}
	}

	/** Maps a float to an int whose unsigned order is the float's order; -0 ties with +0. NaN is refused. */
	static int sortableBits(final float priority) {
		final int bits = Float.floatToRawIntBits(priority + 0f);
		return bits ^ (bits >> 31 | 0x80000000);
	}

	/** The number of valid edges. */
	long count() {
		long n = 0;
		for (int c = 0; c < aff.channels(); c++) n += fill(c, null, 0);
		return n;
	}

	/** The number of valid repulsive edges, known after {@link #keys}. */
	long repulsiveCount() {
		return repulsive;
	}

	/** All valid edges' keys in ascending edge index, to be sorted by {@link RadixSort}. */
	long[] keys() {
		final int channels = aff.channels();
		final long[] count = new long[channels];
		final int threads = options.threads();
		ParallelTasks.run(channels, threads, c -> count[c] = fill(c, null, 0));
		final long[] start = new long[channels + 1];
		for (int c = 0; c < channels; c++) start[c + 1] = start[c] + count[c];
		repulsive = start[channels] - start[attractive];
		if (start[channels] > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException("too many edges for one pass: " + start[channels]);
		final long[] keys = new long[(int) start[channels]];
		ParallelTasks.run(channels, threads, c -> fill(c, keys, (int) start[c]));
		return keys;
	}

	/** Writes channel c's keys from {@code at} (or only counts them when {@code keys} is null); returns how many. */
	private int fill(final int c, final long[] keys, final int at) {
		final int nd = dims.length;
		final int[] o = aff.offset(c);
		final boolean repulsive = c >= attractive;
		final boolean grid = repulsive && !options.randomStrides();
		final boolean random = repulsive && options.randomStrides();
		double keep = 1;
		for (final int s : strides) keep /= s;
		final boolean thinRandomly = random && keep < 1;
		final int[] lo = new int[3], hi = new int[3], by = { 1, 1, 1 }, size = { 1, 1, 1 };
		for (int d = 0; d < 3; d++) {
			if (d < nd) {
				size[d] = dims[d];
				lo[d] = Math.max(0, -o[d]);
				hi[d] = Math.min(dims[d], dims[d] - o[d]);
				if (grid) {
					by[d] = strides[d];
					// the first x >= lo with (origin + x) divisible by the stride
					lo[d] += Math.floorMod(-(origin[d] + lo[d]), by[d]);
				}
			}
			else hi[d] = 1;
		}
		if (keys == null && options.mask() == null && !thinRandomly) {
			long n = 1;
			for (int d = 0; d < 3; d++) n *= hi[d] > lo[d] ? (hi[d] - lo[d] + by[d] - 1) / by[d] : 0;
			return (int) n;
		}
		final float[] v = aff.values();
		final boolean[] mask = options.mask();
		final int s = step[c];
		final int base = c * pixels;
		final boolean high = options.meaning().priority(1f, !repulsive) == 1f;
		final long payload = (long) c << pixelBits;
		final long seed = options.seed();
		int pos = at;
		for (int z = lo[2]; z < hi[2]; z += by[2])
			for (int y = lo[1]; y < hi[1]; y += by[1]) {
				final int row = (z * size[1] + y) * size[0];
				for (int x = lo[0]; x < hi[0]; x += by[0]) {
					final int p = row + x;
					if (mask != null && !(mask[p] && mask[p + s])) continue;
					if (thinRandomly && !MwsOptions.keepRandomly(seed, (long) base + p, keep)) continue;
					if (keys != null) {
						final float a = v[base + p];
						if (a != a) throw new IllegalArgumentException("affinity channel " + c + " is NaN at pixel " + coordinates(p));
						final float priority = high ? a : 1f - a;
						keys[pos] = (long) sortableBits(priority) << 32 | ((payload | p) & 0xFFFFFFFFL);
					}
					pos++;
				}
			}
		return pos - at;
	}

	private String coordinates(final int p) {
		final StringBuilder b = new StringBuilder("(x=").append(p % dims[0]).append(", y=").append(p / dims[0] % dims[1]);
		if (dims.length > 2) b.append(", z=").append(p / dims[0] / dims[1]);
		return b.append(')').toString();
	}
}
