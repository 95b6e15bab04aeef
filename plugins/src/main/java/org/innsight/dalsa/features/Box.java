package org.innsight.dalsa.features;

/** An axis-aligned box of voxels: origin (x0, y0, z0) and size (nx, ny, nz), in image coordinates. */
public record Box(int x0, int y0, int z0, int nx, int ny, int nz) {

	public Box {
		if (nx < 0 || ny < 0 || nz < 0) throw new IllegalArgumentException("negative box size " + nx + "x" + ny + "x" + nz);
	}

	/** The whole image of the given dimensions. */
	public static Box of(final int[] dims) {
		return new Box(0, 0, 0, dims[0], dims[1], dims[2]);
	}

	public int origin(final int axis) {
		return axis == 0 ? x0 : axis == 1 ? y0 : z0;
	}

	public int size(final int axis) {
		return axis == 0 ? nx : axis == 1 ? ny : nz;
	}

	public int end(final int axis) {
		return origin(axis) + size(axis);
	}

	public long voxelCount() {
		return (long) nx * ny * nz;
	}

	public boolean contains(final int x, final int y, final int z) {
		return x >= x0 && x < x0 + nx && y >= y0 && y < y0 + ny && z >= z0 && z < z0 + nz;
	}

	/** True if {@code other} lies inside this box. */
	public boolean contains(final Box other) {
		for (int a = 0; a < 3; a++)
			if (other.origin(a) < origin(a) || other.end(a) > end(a)) return false;
		return true;
	}

	/** This box grown by {@code by[axis]} voxels on both sides along each axis, clipped to an image of {@code dims}. */
	public Box grow(final int[] by, final int[] dims) {
		final int[] lo = new int[3], hi = new int[3];
		for (int a = 0; a < 3; a++) {
			lo[a] = Math.max(0, origin(a) - by[a]);
			hi[a] = Math.min(dims[a], end(a) + by[a]);
		}
		return new Box(lo[0], lo[1], lo[2], hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]);
	}

	/** Like {@link #grow(int[], int[])} along one axis only. */
	public Box grow(final int axis, final int by, final int[] dims) {
		final int[] g = new int[3];
		g[axis] = by;
		return grow(g, dims);
	}
}
