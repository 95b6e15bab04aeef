package org.innsight.dalsa.features;

/**
 * The features of every voxel of one tile core. Holds the smoothed images the tile needs (with a one-voxel rim
 * for the finite differences) and derives gradients, Laplacian and Hessian eigenvalues per voxel on demand, so a
 * tile costs a few smoothed blocks of memory instead of one block per feature.
 */
public final class TileFeatures {

	public final Box core;
	private final int[] dims;
	private final float[][] intensity;
	/** [modality][scale] Gaussian-smoothed image on the core grown by the derivative rim. */
	private final Block[][] smoothed;
	/** [modality][scale][3] structure-tensor eigenvalues on the core, or null. */
	private final Block[][][] structure;
	private final double[] spacing;
	private final int featureCount;

	TileFeatures(final Box core, final int[] dims, final double[] spacing, final float[][] intensity, final Block[][] smoothed,
		final Block[][][] structure, final int featureCount)
	{
		this.core = core;
		this.dims = dims;
		this.spacing = spacing;
		this.intensity = intensity;
		this.smoothed = smoothed;
		this.structure = structure;
		this.featureCount = featureCount;
	}

	public int featureCount() {
		return featureCount;
	}

	/** Writes the feature vector of voxel (x, y, z), which must lie in the core, to out[offset ..]. */
	public void featuresAt(final int x, final int y, final int z, final float[] out, final int offset) {
		final int xm = x > 0 ? x - 1 : x, xp = x < dims[0] - 1 ? x + 1 : x;
		final int ym = y > 0 ? y - 1 : y, yp = y < dims[1] - 1 ? y + 1 : y;
		final int zm = z > 0 ? z - 1 : z, zp = z < dims[2] - 1 ? z + 1 : z;
		final double hx = spacing[0], hy = spacing[1], hz = spacing[2];
		final int voxel = x + dims[0] * (y + dims[1] * z);
		int f = offset;
		for (int m = 0; m < intensity.length; m++) {
			double previous = intensity[m][voxel];
			out[f++] = (float) previous;
			for (int s = 0; s < smoothed[m].length; s++) {
				final Block g = smoothed[m][s];
				final float[] d = g.data;
				final int sy = g.box.nx(), sz = g.box.nx() * g.box.ny();
				final int c = g.index(x, y, z);
				final int dxp = xp - x, dxm = x - xm, dyp = (yp - y) * sy, dym = (y - ym) * sy, dzp = (zp - z) * sz, dzm = (z - zm) * sz;
				final double v = d[c];
				final double gx = (d[c + dxp] - d[c - dxm]) / (2 * hx);
				final double gy = (d[c + dyp] - d[c - dym]) / (2 * hy);
				final double gz = (d[c + dzp] - d[c - dzm]) / (2 * hz);
				final double xx = (d[c + dxp] - 2 * v + d[c - dxm]) / (hx * hx);
				final double yy = (d[c + dyp] - 2 * v + d[c - dym]) / (hy * hy);
				final double zz = (d[c + dzp] - 2 * v + d[c - dzm]) / (hz * hz);
				final double xy = (d[c + dxp + dyp] - d[c + dxp - dym] - d[c - dxm + dyp] + d[c - dxm - dym]) / (4 * hx * hy);
				final double xz = (d[c + dxp + dzp] - d[c + dxp - dzm] - d[c - dxm + dzp] + d[c - dxm - dzm]) / (4 * hx * hz);
				final double yz = (d[c + dyp + dzp] - d[c + dyp - dzm] - d[c - dym + dzp] + d[c - dym - dzm]) / (4 * hy * hz);
				out[f++] = (float) v;
				out[f++] = (float) (previous - v);
				out[f++] = (float) Math.sqrt(gx * gx + gy * gy + gz * gz);
				out[f++] = (float) (xx + yy + zz);
				SymmetricEigen3.eigenvalues(xx, yy, zz, xy, xz, yz, out, f);
				f += 3;
				if (structure != null) {
					for (int e = 0; e < 3; e++) out[f++] = structure[m][s][e].get(x, y, z);
				}
				previous = v;
			}
		}
	}

	/** Gradient (physical units) of a smoothed block at (x, y, z), with mirrored neighbours at the image border. */
	static void gradient(final Block g, final int x, final int y, final int z, final int[] dims, final double[] spacing, final double[] out) {
		final int xm = x > 0 ? x - 1 : x, xp = x < dims[0] - 1 ? x + 1 : x;
		final int ym = y > 0 ? y - 1 : y, yp = y < dims[1] - 1 ? y + 1 : y;
		final int zm = z > 0 ? z - 1 : z, zp = z < dims[2] - 1 ? z + 1 : z;
		out[0] = (g.get(xp, y, z) - g.get(xm, y, z)) / (2 * spacing[0]);
		out[1] = (g.get(x, yp, z) - g.get(x, ym, z)) / (2 * spacing[1]);
		out[2] = (g.get(x, y, zp) - g.get(x, y, zm)) / (2 * spacing[2]);
	}
}
