package org.innsight.mws;

import java.util.Arrays;

import org.innsight.progress.ParallelTasks;

/**
 * Affinities for users without an affinity network, derived from a boundary (membrane) probability map or from
 * an image's gradient magnitude. Both give same-object affinities (high = same object).
 * <p>
 * <b>Boundary map</b> b in [0, 1] (values outside are clipped; optionally smoothed first with a Gaussian of
 * standard deviation sigma, borders mirrored): for channel c with offset o and pixel p,
 * <pre>  a_c(p) = 1 - max_{k = 0..L} b(p + round(k * o / L)),   L = max_d |o_d|</pre>
 * i.e. one minus the strongest boundary on the straight pixel path from p to p + o (both ends included;
 * round = floor(x + 1/2)). Looking along the path rather than at the two ends only is what lets a long-range
 * edge between the interiors of two cells see the membrane between them. Edges leaving the image get 0 (they
 * are never used).
 * <p>
 * <b>Gradient</b>: the image is smoothed with a Gaussian of standard deviation sigma (pixels; 0 = none; borders
 * mirrored), g = |grad| by central differences (one-sided at the border), and
 * <pre>  b = min(1, g / g99)</pre>
 * with g99 the 99th percentile of g (b = 0 if g99 = 0); then the boundary formula above.
 */
public final class AffinitiesFromImage {

	private AffinitiesFromImage() {}

	/** Affinities from a boundary map smoothed with sigma (0 = as it is); see the class comment. */
	public static Affinities fromBoundaryMap(final float[] boundary, final int[] dims, final int[][] offsets, final double sigma, final int threads) {
		pixels(dims, boundary.length);
		return fromBoundaryMap(sigma > 0 ? Gaussian.blur(boundary, dims, sigma) : boundary, dims, offsets, threads);
	}

	/** @param boundary per pixel, x fastest; dims (x, y[, z]); offsets (dx, dy[, dz]) */
	public static Affinities fromBoundaryMap(final float[] boundary, final int[] dims, final int[][] offsets, final int threads) {
		final int n = pixels(dims, boundary.length);
		final float[] values = new float[offsets.length * n];
		final int nd = dims.length;
		ParallelTasks.run(offsets.length, Math.max(1, threads), c -> { // 0 threads: one, as before
			final int[] o = offsets[c];
			if (o.length != nd) throw new IllegalArgumentException("offset " + c + " " + Arrays.toString(o) + " needs " + nd + " components");
			int len = 0;
			for (final int v : o) len = Math.max(len, Math.abs(v));
			// Path steps relative to p, as linear index steps.
			final int[] path = new int[len + 1];
			for (int k = 0; k <= len; k++) {
				int s = 0, mul = 1;
				for (int d = 0; d < nd; d++) {
					s += (len == 0 ? 0 : Math.floorDiv(2 * k * o[d] + len, 2 * len)) * mul;
					mul *= dims[d];
				}
				path[k] = s;
			}
			final int zs = nd > 2 ? dims[2] : 1, ox = o[0], oy = o[1], oz = nd > 2 ? o[2] : 0;
			final int base = c * n;
			for (int z = Math.max(0, -oz); z < Math.min(zs, zs - oz); z++)
				for (int y = Math.max(0, -oy); y < Math.min(dims[1], dims[1] - oy); y++) {
					final int row = (z * dims[1] + y) * dims[0];
					for (int x = Math.max(0, -ox); x < Math.min(dims[0], dims[0] - ox); x++) {
						final int p = row + x;
						float max = 0;
						for (final int s : path) max = Math.max(max, boundary[p + s]);
						values[base + p] = 1f - Math.min(1f, max);
					}
				}
		});
		return Affinities.ofXyz(values, dims, offsets);
	}

	/** Affinities from the gradient magnitude of {@code image} (see the class comment). */
	public static Affinities fromGradient(final float[] image, final int[] dims, final int[][] offsets, final double sigma, final int threads) {
		return fromBoundaryMap(gradientBoundary(image, dims, sigma), dims, offsets, threads);
	}

	/** b = min(1, |grad(G_sigma * image)| / 99th percentile). */
	public static float[] gradientBoundary(final float[] image, final int[] dims, final double sigma) {
		final int n = pixels(dims, image.length);
		final float[] smooth = sigma > 0 ? Gaussian.blur(image, dims, sigma) : image.clone();
		final float[] g = new float[n];
		final int nd = dims.length;
		int stride = 1;
		final float[] sq = new float[n];
		for (int d = 0; d < nd; d++) {
			final int size = dims[d];
			for (int p = 0; p < n; p++) {
				final int coord = p / stride % size;
				final int lo = coord > 0 ? p - stride : p, hi = coord < size - 1 ? p + stride : p;
				final float diff = (smooth[hi] - smooth[lo]) / Math.max(1, (hi - lo) / stride);
				sq[p] += diff * diff;
			}
			stride *= size;
		}
		for (int p = 0; p < n; p++) g[p] = (float) Math.sqrt(sq[p]);
		final float[] sorted = g.clone();
		Arrays.sort(sorted);
		final float ref = sorted[(int) Math.min(n - 1, Math.floor(0.99 * (n - 1)))];
		final float[] b = new float[n];
		if (ref > 0) for (int p = 0; p < n; p++) b[p] = Math.min(1f, g[p] / ref);
		return b;
	}

	private static int pixels(final int[] dims, final int length) {
		if (dims.length < 2 || dims.length > 3) throw new IllegalArgumentException("images must be 2D or 3D");
		long n = 1;
		for (final int d : dims) n *= d;
		if (n != length) throw new IllegalArgumentException("image has " + length + " values, expected " + n + " for " + Arrays.toString(dims));
		return (int) n;
	}
}
