package org.innsight.mws;

import java.util.SplittableRandom;

/**
 * Synthetic 2D tissue for benchmarks and sample data: Voronoi cells from one seed per cell of a jittered
 * grid, with a smooth membrane (boundary) map. Deterministic for a given seed.
 */
public final class SyntheticCells {

	/** Cell label per pixel, 1..cells (x fastest). */
	public final int[] labels;
	/** Membrane probability per pixel: exp(-h^2 / (2 * width^2)), h = the distance to the nearest cell border. */
	public final float[] boundary;
	/** Seed (cell centre) coordinates, x and y per cell. */
	public final double[] seedX, seedY;
	public final int width, height;

	private SyntheticCells(final int width, final int height, final int[] labels, final float[] boundary, final double[] sx, final double[] sy) {
		this.width = width;
		this.height = height;
		this.labels = labels;
		this.boundary = boundary;
		seedX = sx;
		seedY = sy;
	}

	/**
	 * @param gridX cells across; {@code gridY} cells down (gridX * gridY cells in all)
	 * @param membraneWidth standard deviation of the membrane profile in pixels
	 */
	public static SyntheticCells voronoi(final int width, final int height, final int gridX, final int gridY,
		final double membraneWidth, final long seed)
	{
		final SplittableRandom rng = new SplittableRandom(seed);
		final double cw = (double) width / gridX, ch = (double) height / gridY;
		final double[] sx = new double[gridX * gridY], sy = new double[gridX * gridY];
		for (int gy = 0; gy < gridY; gy++)
			for (int gx = 0; gx < gridX; gx++) {
				// Jitter within the middle 80% of the grid cell keeps cells convex and not too thin.
				sx[gy * gridX + gx] = (gx + 0.1 + 0.8 * rng.nextDouble()) * cw;
				sy[gy * gridX + gx] = (gy + 0.1 + 0.8 * rng.nextDouble()) * ch;
			}
		final int[] labels = new int[width * height];
		final float[] boundary = new float[width * height];
		for (int y = 0; y < height; y++) {
			final int gy = Math.min(gridY - 1, (int) ((y + 0.5) / ch));
			for (int x = 0; x < width; x++) {
				final int gx = Math.min(gridX - 1, (int) ((x + 0.5) / cw));
				int best = -1, second = -1;
				double d1 = Double.MAX_VALUE, d2 = Double.MAX_VALUE;
				for (int j = Math.max(0, gy - 2); j <= Math.min(gridY - 1, gy + 2); j++)
					for (int i = Math.max(0, gx - 2); i <= Math.min(gridX - 1, gx + 2); i++) {
						final int s = j * gridX + i;
						final double dx = x + 0.5 - sx[s], dy = y + 0.5 - sy[s];
						final double d = dx * dx + dy * dy;
						if (d < d1) {
							d2 = d1;
							second = best;
							d1 = d;
							best = s;
						}
						else if (d < d2) {
							d2 = d;
							second = s;
						}
					}
				labels[y * width + x] = best + 1;
				// Exact distance to the bisector of the two nearest seeds.
				final double bx = sx[second] - sx[best], by = sy[second] - sy[best];
				final double h = (d2 - d1) / (2 * Math.sqrt(bx * bx + by * by));
				boundary[y * width + x] = (float) Math.exp(-h * h / (2 * membraneWidth * membraneWidth));
			}
		}
		return new SyntheticCells(width, height, labels, boundary, sx, sy);
	}

	public int cells() {
		return seedX.length;
	}
}
