package org.innsight.mws;

import java.util.SplittableRandom;

/**
 * Smooth synthetic affinities for benchmarks: Voronoi cells of uniformly random seeds in a 2D or 3D grid, an
 * edge's affinity 1 when both its pixels lie in one cell and 0 across a border, plus Gaussian noise, clipped to
 * [0, 1]. Clipping leaves many edges at exactly 1.0 (and 0.0), so large groups of tied priorities exist and the
 * tie rule matters. Distances are in pixels along every axis. Deterministic for a given seed.
 */
public final class VoronoiAffinities {

	private VoronoiAffinities() {}

	/**
	 * @param shape (C, [Z,] Y, X), numpy order
	 * @param offsets ([dz,] dy, dx) per channel, numpy order
	 * @param cells number of Voronoi seeds
	 * @param noise standard deviation of the Gaussian noise added to every affinity
	 */
	public static Affinities make(final int[] shape, final int[][] offsets, final int cells, final double noise, final long seed) {
		final int nd = shape.length - 1;
		final int[] dims = new int[3]; // x, y, z
		for (int d = 0; d < 3; d++) dims[d] = d < nd ? shape[shape.length - 1 - d] : 1;
		final SplittableRandom rng = new SplittableRandom(seed);
		final int[] label = labels(dims, cells, rng);
		final int channels = shape[0], pixels = dims[0] * dims[1] * dims[2];
		final float[] v = new float[channels * pixels];
		for (int c = 0; c < channels; c++) {
			final int[] o = new int[3]; // x, y, z
			for (int d = 0; d < nd; d++) o[d] = offsets[c][nd - 1 - d];
			for (int z = 0, p = 0; z < dims[2]; z++)
				for (int y = 0; y < dims[1]; y++)
					for (int x = 0; x < dims[0]; x++, p++) {
						final int qx = x + o[0], qy = y + o[1], qz = z + o[2];
						final boolean inside = qx >= 0 && qx < dims[0] && qy >= 0 && qy < dims[1] && qz >= 0 && qz < dims[2];
						final double same = inside && label[p] == label[(qz * dims[1] + qy) * dims[0] + qx] ? 1 : 0;
						v[c * pixels + p] = (float) Math.min(1, Math.max(0, same + noise * rng.nextGaussian()));
					}
		}
		return Affinities.ofNumpyOrder(v, shape, offsets);
	}

	/** Nearest-seed label (0 .. cells-1) per pixel, x fastest; exact, found through a bucket grid of the seeds. */
	static int[] labels(final int[] dims, final int cells, final SplittableRandom rng) {
		final double[][] seed = new double[cells][3];
		for (final double[] s : seed) for (int d = 0; d < 3; d++) s[d] = rng.nextDouble() * dims[d];
		final int nd = dims[2] > 1 ? 3 : 2;
		final double volume = (double) dims[0] * dims[1] * dims[2];
		final double side = Math.max(1, Math.pow(volume / cells, 1.0 / nd)); // about one seed per bucket
		final int[] buckets = new int[3];
		for (int d = 0; d < 3; d++) buckets[d] = Math.max(1, (int) Math.ceil(dims[d] / side));
		final int total = buckets[0] * buckets[1] * buckets[2];
		final int[] start = new int[total + 1];
		final int[] bucketOf = new int[cells];
		for (int i = 0; i < cells; i++) {
			int b = 0;
			for (int d = 2; d >= 0; d--) b = b * buckets[d] + Math.min(buckets[d] - 1, (int) (seed[i][d] / side));
			bucketOf[i] = b;
			start[b + 1]++;
		}
		for (int b = 0; b < total; b++) start[b + 1] += start[b];
		final int[] members = new int[cells], fill = start.clone();
		for (int i = 0; i < cells; i++) members[fill[bucketOf[i]]++] = i;
		final int[] label = new int[dims[0] * dims[1] * dims[2]];
		final int[] home = new int[3];
		for (int z = 0, p = 0; z < dims[2]; z++)
			for (int y = 0; y < dims[1]; y++)
				for (int x = 0; x < dims[0]; x++, p++) {
					final double px = x + 0.5, py = y + 0.5, pz = z + 0.5;
					home[0] = Math.min(buckets[0] - 1, (int) (px / side));
					home[1] = Math.min(buckets[1] - 1, (int) (py / side));
					home[2] = Math.min(buckets[2] - 1, (int) (pz / side));
					double best = Double.MAX_VALUE;
					int bestSeed = -1;
					// Rings of buckets around the pixel's own; a seed in ring r is at least (r - 1) * side away.
					for (int r = 0;; r++) {
						final double reach = (r - 1) * side;
						if (bestSeed >= 0 && reach > 0 && reach * reach > best) break;
						if (r > buckets[0] && r > buckets[1] && r > buckets[2]) break;
						for (int bz = home[2] - r; bz <= home[2] + r; bz++) {
							if (bz < 0 || bz >= buckets[2]) continue;
							for (int by = home[1] - r; by <= home[1] + r; by++) {
								if (by < 0 || by >= buckets[1]) continue;
								for (int bx = home[0] - r; bx <= home[0] + r; bx++) {
									if (bx < 0 || bx >= buckets[0]) continue;
									if (Math.max(Math.abs(bx - home[0]), Math.max(Math.abs(by - home[1]), Math.abs(bz - home[2]))) != r) continue;
									final int b = (bz * buckets[1] + by) * buckets[0] + bx;
									for (int k = start[b]; k < start[b + 1]; k++) {
										final double[] s = seed[members[k]];
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
					label[p] = bestSeed;
				}
		return label;
	}
}
