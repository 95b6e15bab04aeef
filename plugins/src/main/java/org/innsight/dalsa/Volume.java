package org.innsight.dalsa;

import java.util.Arrays;

/**
 * One scalar 3D image held as a float array in x-fastest order, with its voxel size in millimetres. Volumes of
 * one scan share a grid; the spacing matters because DALSA's filter scales are physical (sigma in mm).
 */
public final class Volume {

	public final int width;
	public final int height;
	public final int depth;
	/** Voxel size along x, y, z in millimetres. */
	private final double[] spacing;
	/** The voxels, index = x + width * (y + height * z). */
	public final float[] voxels;

	public Volume(final int width, final int height, final int depth, final double[] spacing, final float[] voxels) {
		checkGrid(width, height, depth, spacing);
		if (voxels.length != (long) width * height * depth)
			throw new IllegalArgumentException("volume has " + voxels.length + " voxels, expected " + width + "x" + height + "x" + depth);
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.spacing = spacing.clone();
		this.voxels = voxels;
	}

	/** A zero-filled volume. */
	public Volume(final int width, final int height, final int depth, final double... spacing) {
		this(width, height, depth, spacing, new float[checkedSize(width, height, depth)]);
	}

	/** A zero-filled volume on the same grid as {@code like}. */
	public static Volume zerosLike(final Volume like) {
		return new Volume(like.width, like.height, like.depth, like.spacing);
	}

	public double[] spacing() {
		return spacing.clone();
	}

	public double spacing(final int axis) {
		return spacing[axis];
	}

	public int[] dimensions() {
		return new int[] { width, height, depth };
	}

	public int size() {
		return voxels.length;
	}

	public int index(final int x, final int y, final int z) {
		return x + width * (y + height * z);
	}

	public float get(final int x, final int y, final int z) {
		return voxels[index(x, y, z)];
	}

	public void set(final int x, final int y, final int z, final float value) {
		voxels[index(x, y, z)] = value;
	}

	/** True if {@code other} has the same dimensions and (to 1e-6 relative) the same spacing. */
	public boolean sameGrid(final int[] dims, final double[] otherSpacing) {
		if (dims[0] != width || dims[1] != height || dims[2] != depth) return false;
		for (int a = 0; a < 3; a++)
			if (Math.abs(otherSpacing[a] - spacing[a]) > 1e-6 * Math.max(1, Math.abs(spacing[a]))) return false;
		return true;
	}

	public Volume copy() {
		return new Volume(width, height, depth, spacing, voxels.clone());
	}

	@Override
	public String toString() {
		return width + "x" + height + "x" + depth + " voxels of " + Arrays.toString(spacing) + " mm";
	}

	static void checkGrid(final int width, final int height, final int depth, final double[] spacing) {
		checkedSize(width, height, depth);
		if (spacing.length != 3) throw new IllegalArgumentException("need 3 voxel sizes (x, y, z), got " + spacing.length);
		for (final double s : spacing)
			if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException("voxel size must be positive, got " + Arrays.toString(spacing));
	}

	static int checkedSize(final int width, final int height, final int depth) {
		if (width < 1 || height < 1 || depth < 1)
			throw new IllegalArgumentException("volume dimensions must be positive, got " + width + "x" + height + "x" + depth);
		final long n = (long) width * height * depth;
		if (n > Integer.MAX_VALUE - 16)
			throw new IllegalArgumentException("volume of " + n + " voxels is too large (limit 2^31 voxels)");
		return (int) n;
	}
}
