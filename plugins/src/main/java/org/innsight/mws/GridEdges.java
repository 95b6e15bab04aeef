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
		for (int c = 0; c < aff.channels(); c++) n += fill(c, null, null);
		return n;
	}

	/** The number of valid repulsive edges, known after {@link #bucketedKeys}. */
	long repulsiveCount() {
		return repulsive;
	}

	/** Keys in buckets: bucket b is {@code keys[bucketStart[b] .. bucketStart[b + 1]]}. */
	record Bucketed(long[] keys, int[] bucketStart) {}

	/**
	 * All valid edges' keys, in buckets by the top 16 bits of their priority ({@link RadixSort#BUCKETS}), each
	 * bucket in ascending edge index: {@link RadixSort#sortBuckets} then sorts them (process them from the end).
	 * The buckets are counted in a first pass over the affinities; then each key is written straight into its
	 * bucket, channel by channel so that the edge index ascends within a bucket. Compared with building the keys
	 * in edge order and sorting all of them at once, this writes the keys once instead of three more times, leaves
	 * small buckets that fit in the cache to sort, and needs scratch memory for the largest bucket only, not a
	 * second array of all keys.
	 */
	Bucketed bucketedKeys() {
		final int channels = aff.channels(), threads = options.threads();
		final int[][] at = new int[channels][];
		final long[] count = new long[channels];
		ParallelTasks.run(channels, threads, c -> {
			at[c] = new int[RadixSort.BUCKETS];
			count[c] = fill(c, null, at[c]);
		});
		long total = 0;
		for (int c = 0; c < channels; c++) total += count[c];
		for (int c = attractive; c < channels; c++) repulsive += count[c];
		if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many edges for one pass: " + total);
		// Bucket by bucket, and within a bucket channel by channel: where each channel writes its share.
		final int[] bucketStart = new int[RadixSort.BUCKETS + 1];
		int pos = 0;
		for (int b = 0; b < RadixSort.BUCKETS; b++) {
			bucketStart[b] = pos;
			for (int c = 0; c < channels; c++) {
				final int n = at[c][b];
				at[c][b] = pos;
				pos += n;
			}
		}
		bucketStart[RadixSort.BUCKETS] = pos;
		final long[] keys = new long[pos];
		ParallelTasks.run(channels, threads, c -> fill(c, keys, at[c]));
		return new Bucketed(keys, bucketStart);
	}

	/**
	 * Channel c's valid edges, in ascending pixel index: with {@code keys} null, counts them into {@code at}
	 * (per bucket) or, with {@code at} null too, only counts them; else writes each key at {@code at[bucket]++}.
	 * Returns how many there are.
	 */
	private long fill(final int c, final long[] keys, final int[] at) {
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
		if (keys == null && at == null && options.mask() == null && !thinRandomly) {
			long n = 1;
			for (int d = 0; d < 3; d++) n *= hi[d] > lo[d] ? (hi[d] - lo[d] + by[d] - 1) / by[d] : 0;
			return n;
		}
		final float[] v = aff.values();
		final boolean[] mask = options.mask();
		final int s = step[c];
		final int base = c * pixels;
		final boolean high = options.meaning().priority(1f, !repulsive) == 1f;
		final long payload = (long) c << pixelBits;
		final long seed = options.seed();
		long n = 0;
		for (int z = lo[2]; z < hi[2]; z += by[2])
			for (int y = lo[1]; y < hi[1]; y += by[1]) {
				final int row = (z * size[1] + y) * size[0];
				for (int x = lo[0]; x < hi[0]; x += by[0]) {
					final int p = row + x;
					if (mask != null && !(mask[p] && mask[p + s])) continue;
					if (thinRandomly && !MwsOptions.keepRandomly(seed, (long) base + p, keep)) continue;
					n++;
					if (at == null) continue;
					final float a = v[base + p];
					if (a != a) throw new IllegalArgumentException("affinity channel " + c + " is NaN at pixel " + coordinates(p));
					final int bits = sortableBits(high ? a : 1f - a);
					final int bucket = bits >>> RadixSort.SUB_BITS;
					if (keys == null) at[bucket]++;
					else keys[at[bucket]++] = (long) bits << 32 | ((payload | p) & 0xFFFFFFFFL);
				}
			}
		return n;
	}

	private String coordinates(final int p) {
		final StringBuilder b = new StringBuilder("(x=").append(p % dims[0]).append(", y=").append(p / dims[0] % dims[1]);
		if (dims.length > 2) b.append(", z=").append(p / dims[0] / dims[1]);
		return b.append(')').toString();
	}
}
