package org.innsight.dalsa.phantom;

/**
 * Smooth seeded 3D noise in [-1, 1]: random values on an integer lattice (from a hash, so nothing is stored),
 * blended with a quintic fade. Cheap enough for every voxel of a BraTS-sized phantom.
 */
final class ValueNoise {

	private final long seed;

	ValueNoise(final long seed) {
		this.seed = seed;
	}

	/** Noise at (x, y, z) in lattice units (one lattice cell = one feature size). */
	double at(final double x, final double y, final double z) {
		final int ix = (int) Math.floor(x), iy = (int) Math.floor(y), iz = (int) Math.floor(z);
		final double fx = fade(x - ix), fy = fade(y - iy), fz = fade(z - iz);
		double v = 0;
		for (int dz = 0; dz < 2; dz++) {
			final double wz = dz == 0 ? 1 - fz : fz;
			for (int dy = 0; dy < 2; dy++) {
				final double wy = dy == 0 ? 1 - fy : fy;
				for (int dx = 0; dx < 2; dx++) {
					final double wx = dx == 0 ? 1 - fx : fx;
					v += wx * wy * wz * lattice(ix + dx, iy + dy, iz + dz);
				}
			}
		}
		return v;
	}

	/** Two octaves, for a less regular look; still in [-1, 1]. */
	double fractal(final double x, final double y, final double z) {
		return (2 * at(x, y, z) + at(2 * x + 17.3, 2 * y - 5.1, 2 * z + 9.7)) / 3;
	}

	private static double fade(final double t) {
		return t * t * t * (t * (t * 6 - 15) + 10);
	}

	private double lattice(final int x, final int y, final int z) {
		long h = seed ^ (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL) ^ (z * 0x165667B19E3779F9L);
		h ^= h >>> 33;
		h *= 0xFF51AFD7ED558CCDL;
		h ^= h >>> 33;
		h *= 0xC4CEB9FE1A85EC53L;
		h ^= h >>> 33;
		return ((h >>> 11) * 0x1.0p-53) * 2 - 1;
	}
}
