package org.innsight.mws;

import java.io.IOException;
import java.util.Arrays;

/**
 * Affinities that can be read one box at a time, so a blockwise Mutex Watershed never holds a whole volume's
 * affinities: from memory ({@link #of}), from an HDF5 file ({@link Hdf5AffinitySource}) or computed on demand
 * ({@link VoronoiAffinitySource}). Boxes and dimensions are (x, y[, z]); a box's affinities relate each pixel of
 * the box to pixel + offset in the whole volume (an edge whose target is outside the box is simply not used).
 */
public interface AffinitySource {

	/** The whole volume, (x, y[, z]). */
	int[] dims();

	/** Offsets per channel, (dx, dy[, dz]). */
	int[][] offsets();

	/** The affinities of the box {@code [min, min + size)}, (x, y[, z]) each, as an image of size {@code size}. */
	Affinities read(int[] min, int[] size) throws IOException;

	/** A source over affinities already in memory; each box is copied out. */
	static AffinitySource of(final Affinities whole) {
		return new AffinitySource() {
			@Override
			public int[] dims() {
				return whole.dims();
			}

			@Override
			public int[][] offsets() {
				return whole.offsets();
			}

			@Override
			public Affinities read(final int[] min, final int[] size) {
				final int[] d = pad3(whole.dims()), m = padPosition(min), s = pad3(size);
				checkBox(d, m, s);
				final int n = s[0] * s[1] * s[2], all = d[0] * d[1] * d[2];
				final float[] src = whole.values();
				final float[] v = new float[whole.channels() * n];
				for (int c = 0, q = 0; c < whole.channels(); c++)
					for (int z = 0; z < s[2]; z++)
						for (int y = 0; y < s[1]; y++, q += s[0])
							System.arraycopy(src, c * all + ((m[2] + z) * d[1] + m[1] + y) * d[0] + m[0], v, q, s[0]);
				return Affinities.ofXyz(v, size.clone(), whole.offsets());
			}
		};
	}

	/** A position (x, y) -> (x, y, 0); (x, y, z) copied. */
	static int[] padPosition(final int[] xyz) {
		return new int[] { xyz[0], xyz[1], xyz.length > 2 ? xyz[2] : 0 };
	}

	/** A size (x, y) -> (x, y, 1); (x, y, z) copied. */
	static int[] pad3(final int[] xyz) {
		return new int[] { xyz[0], xyz[1], xyz.length > 2 ? xyz[2] : 1 };
	}

	/** Refuses a box that is empty or leaves the volume. */
	static void checkBox(final int[] dims3, final int[] min3, final int[] size3) {
		for (int d = 0; d < 3; d++)
			if (min3[d] < 0 || size3[d] < 1 || min3[d] + size3[d] > dims3[d])
				throw new IllegalArgumentException("box from " + Arrays.toString(min3) + " of size " + Arrays.toString(size3) +
					" is not inside the volume " + Arrays.toString(dims3) + " (x, y, z)");
	}
}
