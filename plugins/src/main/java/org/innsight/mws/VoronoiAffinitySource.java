package org.innsight.mws;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Synthetic Voronoi affinities computed per box, for volumes whose affinities do not fit in memory (512^3 with
 * 9 offsets is 4.8 GB): the same kind of input as {@link VoronoiAffinities} (cells of uniformly random seeds;
 * 1 within a cell, 0 across, plus Gaussian noise, clipped to [0, 1]) but each value's noise comes from a hash
 * of (seed, channel, global pixel index), so any box reads the same values the whole volume would, in any
 * order. Not bit-identical to {@link VoronoiAffinities} for the same seed (that draws noise from one stream).
 */
public final class VoronoiAffinitySource implements AffinitySource {

	private final int[] dims; // x, y[, z]
	private final int[] d3;
	private final int[][] offsets; // x, y[, z]
	private final double noise;
	private final long seed;
	private final double[][] seeds;
	private final double side;
	private final int[] buckets = new int[3];
	private final int[] start, members;

	/**
	 * @param dimsXyz the volume, (x, y[, z])
	 * @param offsetsXyz (dx, dy[, dz]) per channel
	 * @param cells number of Voronoi seeds
	 * @param noise standard deviation of the noise
	 */
	public VoronoiAffinitySource(final int[] dimsXyz, final int[][] offsetsXyz, final int cells, final double noise, final long seed) {
		if (cells < 1) throw new IllegalArgumentException("need at least one Voronoi cell, got " + cells);
		dims = dimsXyz.clone();
		d3 = AffinitySource.pad3(dims);
		offsets = Affinities.copyEach(offsetsXyz);
		for (final int[] o : offsets)
			if (o.length != dims.length) throw new IllegalArgumentException("offset " + Arrays.toString(o) + " must have " + dims.length + " components");
		this.noise = noise;
		this.seed = seed;
		final SplittableRandom rng = new SplittableRandom(seed);
		seeds = new double[cells][3];
		for (final double[] s : seeds) for (int d = 0; d < 3; d++) s[d] = rng.nextDouble() * d3[d];
		final int nd = d3[2] > 1 ? 3 : 2;
		side = Math.max(1, Math.pow((double) d3[0] * d3[1] * d3[2] / cells, 1.0 / nd));
		for (int d = 0; d < 3; d++) buckets[d] = Math.max(1, (int) Math.ceil(d3[d] / side));
		final int total = buckets[0] * buckets[1] * buckets[2];
		start = new int[total + 1];
		final int[] bucketOf = new int[cells];
		for (int i = 0; i < cells; i++) {
			int b = 0;
			for (int d = 2; d >= 0; d--) b = b * buckets[d] + Math.min(buckets[d] - 1, (int) (seeds[i][d] / side));
			bucketOf[i] = b;
			start[b + 1]++;
		}
		for (int b = 0; b < total; b++) start[b + 1] += start[b];
		members = new int[cells];
		final int[] fill = start.clone();
		for (int i = 0; i < cells; i++) members[fill[bucketOf[i]]++] = i;
	}

	@Override
	public int[] dims() {
		return dims.clone();
	}

	@Override
	public int[][] offsets() {
		return Affinities.copyEach(offsets);
	}

	@Override
	public Affinities read(final int[] min, final int[] size) {
		final int[] m = AffinitySource.padPosition(min), s = AffinitySource.pad3(size);
		AffinitySource.checkBox(d3, m, s);
		// labels of the box grown by the largest offset, so every edge's target has one
		final int[] reach = new int[3];
		for (final int[] o : offsets) for (int d = 0; d < o.length; d++) reach[d] = Math.max(reach[d], Math.abs(o[d]));
		final int[] gm = new int[3], gs = new int[3];
		for (int d = 0; d < 3; d++) {
			gm[d] = Math.max(0, m[d] - reach[d]);
			gs[d] = Math.min(d3[d], m[d] + s[d] + reach[d]) - gm[d];
		}
		final int[] label = new int[gs[0] * gs[1] * gs[2]];
		for (int z = 0, p = 0; z < gs[2]; z++)
			for (int y = 0; y < gs[1]; y++)
				for (int x = 0; x < gs[0]; x++, p++) label[p] = nearest(gm[0] + x, gm[1] + y, gm[2] + z);
		final int n = s[0] * s[1] * s[2];
		final long volume = (long) d3[0] * d3[1] * d3[2];
		final float[] v = new float[offsets.length * n];
		for (int c = 0, i = 0; c < offsets.length; c++) {
			final int[] o = { offsets[c][0], offsets[c][1], offsets[c].length > 2 ? offsets[c][2] : 0 };
			for (int z = 0; z < s[2]; z++)
				for (int y = 0; y < s[1]; y++)
					for (int x = 0; x < s[0]; x++, i++) {
						final int X = m[0] + x, Y = m[1] + y, Z = m[2] + z;
						final int qx = X + o[0], qy = Y + o[1], qz = Z + o[2];
						final boolean inside = qx >= 0 && qx < d3[0] && qy >= 0 && qy < d3[1] && qz >= 0 && qz < d3[2];
						final int lp = ((Z - gm[2]) * gs[1] + Y - gm[1]) * gs[0] + X - gm[0];
						final double same = inside && label[lp] == label[((qz - gm[2]) * gs[1] + qy - gm[1]) * gs[0] + qx - gm[0]] ? 1 : 0;
						final long index = c * volume + ((long) Z * d3[1] + Y) * d3[0] + X;
						v[i] = (float) Math.min(1, Math.max(0, same + noise * gaussian(seed, index)));
					}
		}
		return Affinities.ofXyz(v, size.clone(), offsets);
	}

	/** A standard normal value from a hash of (seed, index): Box-Muller on two SplitMix64 outputs. */
	static double gaussian(final long seed, final long index) {
		final long a = mix(seed + index * 0x9E3779B97F4A7C15L);
		final long b = mix(a ^ 0xD1B54A32D192ED03L);
		final double u = ((a >>> 11) + 1) * 0x1.0p-53; // (0, 1]
		final double w = (b >>> 11) * 0x1.0p-53;
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/** The nearest seed of pixel (x, y, z) (its centre), ties to the lower seed index. */
	int nearest(final int x, final int y, final int z) {
		final double px = x + 0.5, py = y + 0.5, pz = z + 0.5;
		final int hx = Math.min(buckets[0] - 1, (int) (px / side)), hy = Math.min(buckets[1] - 1, (int) (py / side)),
			hz = Math.min(buckets[2] - 1, (int) (pz / side));
		double best = Double.MAX_VALUE;
		int bestSeed = -1;
		for (int r = 0;; r++) {
			final double far = (r - 1) * side;
			if (bestSeed >= 0 && far > 0 && far * far > best) break;
			if (r > buckets[0] && r > buckets[1] && r > buckets[2]) break;
			for (int bz = hz - r; bz <= hz + r; bz++) {
				if (bz < 0 || bz >= buckets[2]) continue;
				for (int by = hy - r; by <= hy + r; by++) {
					if (by < 0 || by >= buckets[1]) continue;
					for (int bx = hx - r; bx <= hx + r; bx++) {
						if (bx < 0 || bx >= buckets[0]) continue;
						if (Math.max(Math.abs(bx - hx), Math.max(Math.abs(by - hy), Math.abs(bz - hz))) != r) continue;
						final int b = (bz * buckets[1] + by) * buckets[0] + bx;
						for (int k = start[b]; k < start[b + 1]; k++) {
							final double[] s = seeds[members[k]];
							final double dx = px - s[0], dy = py - s[1], dz = pz - s[2];
							final double dd = dx * dx + dy * dy + dz * dz;
							if (dd < best || dd == best && members[k] < bestSeed) {
								best = dd;
								bestSeed = members[k];
							}
						}
					}
				}
			}
		}
		return bestSeed;
	}
}
