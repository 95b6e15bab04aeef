package org.innsight.mws;

import java.util.Arrays;

/**
 * Affinity maps on a 2D or 3D pixel grid: C channels, one per offset vector; channel c relates pixel p to
 * p + offset[c]. Values are stored channel after channel, each channel with x fastest, then y, then z, which is
 * exactly the memory order of a numpy array shaped (C, [Z,] Y, X).
 * <p>
 * Inside InnSight dimensions and offsets are in (x, y[, z]) order; {@link #ofNumpyOrder} takes the (C, [Z,] Y, X)
 * shape and (dz, dy, dx) offsets that affogato and elf use, so their configurations carry over unchanged.
 */
public final class Affinities {

	private final float[] values;
	private final int[] dims;
	private final int[][] offsets;

	private Affinities(final float[] values, final int[] dims, final int[][] offsets) {
		this.values = values;
		this.dims = dims;
		this.offsets = offsets;
	}

	/**
	 * @param values C * N floats, channel-major, x fastest (not copied)
	 * @param dims (x, y) or (x, y, z)
	 * @param offsets per channel (dx, dy[, dz])
	 */
	public static Affinities ofXyz(final float[] values, final int[] dims, final int[][] offsets) {
		if (dims == null || dims.length < 2 || dims.length > 3)
			throw new IllegalArgumentException("affinities must be 2D or 3D, got " + (dims == null ? 0 : dims.length) + " dimensions");
		long n = 1;
		for (final int d : dims) {
			if (d < 1) throw new IllegalArgumentException("image size must be positive in every dimension, got " + Arrays.toString(dims));
			n *= d;
		}
		if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("image of " + n + " pixels is too large");
		if (offsets == null || offsets.length == 0) throw new IllegalArgumentException("no offsets given");
		final int[][] o = new int[offsets.length][];
		for (int c = 0; c < offsets.length; c++) {
			if (offsets[c] == null || offsets[c].length != dims.length)
				throw new IllegalArgumentException("offset " + c + " " + Arrays.toString(offsets[c]) + " must have " + dims.length +
					" components, one per image dimension");
			boolean zero = true;
			for (final int v : offsets[c]) zero &= v == 0;
			if (zero) throw new IllegalArgumentException("offset " + c + " is all zeros; an edge must join two different pixels");
			o[c] = offsets[c].clone();
		}
		if (values == null || values.length != n * o.length)
			throw new IllegalArgumentException("expected " + o.length + " channels x " + n + " pixels = " + n * o.length +
				" affinity values, got " + (values == null ? 0 : values.length));
		return new Affinities(values, dims.clone(), o);
	}

	/**
	 * @param values C * N floats in numpy C order of shape (C, [Z,] Y, X) (not copied)
	 * @param shape (C, [Z,] Y, X)
	 * @param offsets per channel ([dz,] dy, dx)
	 */
	public static Affinities ofNumpyOrder(final float[] values, final int[] shape, final int[][] offsets) {
		if (shape == null || shape.length < 3 || shape.length > 4)
			throw new IllegalArgumentException("affinities must be shaped (C, [Z,] Y, X), got " + Arrays.toString(shape));
		if (offsets != null && offsets.length != shape[0])
			throw new IllegalArgumentException("affinities have " + shape[0] + " channels but " + offsets.length + " offsets were given");
		return ofXyz(values, reversed(Arrays.copyOfRange(shape, 1, shape.length)), reverseEach(offsets));
	}

	/** Reverses each vector: (dz, dy, dx) <-> (dx, dy, dz). */
	public static int[][] reverseEach(final int[][] vectors) {
		if (vectors == null) return null;
		final int[][] r = new int[vectors.length][];
		for (int i = 0; i < vectors.length; i++) r[i] = vectors[i] == null ? null : reversed(vectors[i]);
		return r;
	}

	/** A copy of each vector (in the same order), so a caller cannot change the original's. */
	public static int[][] copyEach(final int[][] vectors) {
		if (vectors == null) return null;
		final int[][] r = new int[vectors.length][];
		for (int i = 0; i < vectors.length; i++) r[i] = vectors[i] == null ? null : vectors[i].clone();
		return r;
	}

	/** The vector in reverse order: (z, y, x) <-> (x, y, z). */
	public static int[] reversed(final int[] a) {
		final int[] r = new int[a.length];
		for (int i = 0; i < a.length; i++) r[i] = a[a.length - 1 - i];
		return r;
	}

	/** The raw values (channel-major, x fastest); shared, not copied. */
	public float[] values() {
		return values;
	}

	/** (x, y[, z]). */
	public int[] dims() {
		return dims.clone();
	}

	public int numDimensions() {
		return dims.length;
	}

	public int channels() {
		return offsets.length;
	}

	public int pixels() {
		return values.length / offsets.length;
	}

	/** Offset of channel c as (dx, dy[, dz]). */
	public int[] offset(final int c) {
		return offsets[c].clone();
	}

	/** All offsets, (dx, dy[, dz]) each. */
	public int[][] offsets() {
		final int[][] o = new int[offsets.length][];
		for (int c = 0; c < o.length; c++) o[c] = offsets[c].clone();
		return o;
	}

	/** The affinity of channel c at pixel p (linear index, x fastest). */
	public float get(final int c, final int p) {
		return values[c * pixels() + p];
	}
}
