package org.innsight.dalsa.features;

import org.innsight.dalsa.Volume;

/**
 * Gaussian smoothing as three 1D passes (z, then y, then x) on float blocks. Each pass only produces what the
 * next one needs, so a tile pays for its halo only in the first pass. Borders are mirrored ({@link Mirror}); every
 * output voxel is summed in the same order wherever the tile boundaries lie, so tiled == untiled bit for bit.
 */
public final class SeparableGaussian {

	private SeparableGaussian() {}

	/**
	 * Smooths {@code source} with a Gaussian of per-axis standard deviation {@code sigmaVoxels} and returns the
	 * result on {@code target}. {@code source} must cover {@code target} grown by the kernel radius along each axis
	 * (clipped to the image of dimensions {@code dims}).
	 */
	public static Block smooth(final Block source, final Box target, final double[] sigmaVoxels, final double truncate, final int[] dims) {
		final float[][] k = new float[3][];
		final int[] r = new int[3];
		for (int a = 0; a < 3; a++) {
			k[a] = GaussianKernel.half(sigmaVoxels[a], truncate);
			r[a] = k[a].length - 1;
		}
		final Block alongZ = pass(source, target.grow(new int[] { r[0], r[1], 0 }, dims), 2, k[2], dims);
		final Block alongY = pass(alongZ, target.grow(new int[] { r[0], 0, 0 }, dims), 1, k[1], dims);
		return pass(alongY, target, 0, k[0], dims);
	}

	/** Smooths a whole volume with a Gaussian whose standard deviation is given in millimetres per axis. */
	public static Volume smooth(final Volume volume, final double[] sigmaMm, final double truncate) {
		final int[] dims = volume.dimensions();
		final double[] sigmaVoxels = new double[3];
		for (int a = 0; a < 3; a++) sigmaVoxels[a] = sigmaMm[a] / volume.spacing(a);
		final Box all = Box.of(dims);
		final Block out = smooth(new Block(all, volume.voxels), all, sigmaVoxels, truncate, dims);
		return new Volume(volume.width, volume.height, volume.depth, volume.spacing(), out.data);
	}

	/** One 1D convolution along {@code axis} with the symmetric half kernel {@code k}, from {@code in} to box {@code outBox}. */
	public static Block pass(final Block in, final Box outBox, final int axis, final float[] k, final int[] dims) {
		for (int a = 0; a < 3; a++)
			if (a != axis && (outBox.origin(a) < in.box.origin(a) || outBox.end(a) > in.box.end(a)))
				throw new IllegalStateException("source " + in.box + " does not cover " + outBox + " across axis " + a);
		final Block out = new Block(outBox);
		if (outBox.voxelCount() == 0) return out;
		return axis == 0 ? alongX(in, out, k, dims) : alongRows(in, out, axis, k, dims);
	}

	private static Block alongX(final Block in, final Block out, final float[] k, final int[] dims) {
		final int r = k.length - 1;
		final Box ob = out.box;
		final int n = ob.nx();
		final int[] sourceX = new int[n + 2 * r];
		for (int j = 0; j < sourceX.length; j++)
			sourceX[j] = local(Mirror.fold(ob.x0() - r + j, dims[0]), in.box, 0);
		final float[] buf = new float[n + 2 * r];
		final float[] src = in.data, dst = out.data;
		final float k0 = k[0];
		for (int z = ob.z0(); z < ob.z0() + ob.nz(); z++) {
			for (int y = ob.y0(); y < ob.y0() + ob.ny(); y++) {
				final int row = in.index(in.box.x0(), y, z);
				for (int j = 0; j < buf.length; j++) buf[j] = src[row + sourceX[j]];
				final int o = out.index(ob.x0(), y, z);
				for (int i = 0; i < n; i++) dst[o + i] = k0 * buf[i + r];
				for (int t = 1; t <= r; t++) {
					final float kt = k[t];
					final int p = r + t, m = r - t;
					for (int i = 0; i < n; i++) dst[o + i] += kt * (buf[p + i] + buf[m + i]);
				}
			}
		}
		return out;
	}

	/** Convolution along y or z: whole x rows are combined, so the inner loop runs over contiguous memory. */
	private static Block alongRows(final Block in, final Block out, final int axis, final float[] k, final int[] dims) {
		final int r = k.length - 1;
		final Box ob = out.box;
		final int n = ob.nx();
		final float[] src = in.data, dst = out.data;
		final float k0 = k[0];
		final int[] plus = new int[r + 1], minus = new int[r + 1];
		for (int z = ob.z0(); z < ob.z0() + ob.nz(); z++) {
			for (int y = ob.y0(); y < ob.y0() + ob.ny(); y++) {
				final int along = axis == 1 ? y : z;
				for (int t = 0; t <= r; t++) {
					plus[t] = rowIndex(in, ob.x0(), y, z, axis, local(Mirror.fold(along + t, dims[axis]), in.box, axis));
					minus[t] = rowIndex(in, ob.x0(), y, z, axis, local(Mirror.fold(along - t, dims[axis]), in.box, axis));
				}
				final int o = out.index(ob.x0(), y, z);
				final int c = plus[0];
				for (int i = 0; i < n; i++) dst[o + i] = k0 * src[c + i];
				for (int t = 1; t <= r; t++) {
					final float kt = k[t];
					final int p = plus[t], m = minus[t];
					for (int i = 0; i < n; i++) dst[o + i] += kt * (src[p + i] + src[m + i]);
				}
			}
		}
		return out;
	}

	/** Index in {@code in} of position x along the row at (y, z), with the {@code axis} coordinate replaced by a local one. */
	private static int rowIndex(final Block in, final int x, final int y, final int z, final int axis, final int localAlong) {
		final Box b = in.box;
		final int ly = axis == 1 ? localAlong : y - b.y0();
		final int lz = axis == 2 ? localAlong : z - b.z0();
		return (x - b.x0()) + b.nx() * (ly + b.ny() * lz);
	}

	private static int local(final int position, final Box box, final int axis) {
		final int l = position - box.origin(axis);
		if (l < 0 || l >= box.size(axis))
			throw new IllegalStateException("position " + position + " on axis " + axis + " lies outside the source " + box);
		return l;
	}
}
