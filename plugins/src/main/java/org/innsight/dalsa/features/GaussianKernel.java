package org.innsight.dalsa.features;

/**
 * Normalised 1D Gaussian kernels, stored as their non-negative half (index = distance from the centre).
 * <p>
 * A Gaussian sampled at integer positions and cut at a few sigma has a smaller variance than sigma^2 (badly so
 * below one voxel, as with 1 mm sigma on 2 mm slices). The kernel's width parameter is therefore tuned so the
 * discrete kernel's variance is exactly sigma^2: smoothing then adds exactly sigma^2 / 2 * trace(H) to a
 * quadratic, as the continuous Gaussian does, and scales mean the same thing on fine and coarse axes.
 */
public final class GaussianKernel {

	private GaussianKernel() {}

	/** Kernel radius in voxels: the Gaussian is cut at {@code truncate} standard deviations. */
	public static int radius(final double sigmaVoxels, final double truncate) {
		if (sigmaVoxels <= 0) return 0;
		return (int) Math.ceil(truncate * sigmaVoxels);
	}

	/**
	 * The half kernel k[0..r] with k[0] + 2 * sum k[t] = 1 and sum over t of t^2 k = sigma^2. A sigma of 0 gives
	 * the identity {1}. {@code truncate} must be at least 2, so the variance is always reachable.
	 */
	public static float[] half(final double sigmaVoxels, final double truncate) {
		final int r = radius(sigmaVoxels, truncate);
		if (r == 0) return new float[] { 1f };
		final double target = sigmaVoxels * sigmaVoxels;
		// variance(width) grows monotonically from 0 to r(r+1)/3; bisect on log(width).
		double lo = Math.log(sigmaVoxels) - 5, hi = Math.log(sigmaVoxels) + 5;
		for (int i = 0; i < 100; i++) {
			final double mid = 0.5 * (lo + hi);
			if (variance(Math.exp(mid), r) < target) lo = mid;
			else hi = mid;
		}
		final double width = Math.exp(0.5 * (lo + hi));
		final double[] k = new double[r + 1];
		double sum = 0;
		for (int t = 0; t <= r; t++) {
			k[t] = Math.exp(-0.5 * t * t / (width * width));
			sum += t == 0 ? k[t] : 2 * k[t];
		}
		final float[] out = new float[r + 1];
		for (int t = 0; t <= r; t++) out[t] = (float) (k[t] / sum);
		return out;
	}

	private static double variance(final double width, final int r) {
		double mass = 1, second = 0;
		for (int t = 1; t <= r; t++) {
			final double g = Math.exp(-0.5 * t * t / (width * width));
			mass += 2 * g;
			second += 2 * t * t * g;
		}
		return second / mass;
	}
}
