package org.innsight.mws;

/** Separable Gaussian blur with mirrored borders (no imglib2-algorithm in InnSight's dependencies). */
final class Gaussian {

	private Gaussian() {}

	static float[] blur(final float[] image, final int[] dims, final double sigma) {
		final int radius = (int) Math.ceil(3 * sigma);
		final double[] kernel = new double[2 * radius + 1];
		double sum = 0;
		for (int i = -radius; i <= radius; i++) sum += kernel[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
		for (int i = 0; i < kernel.length; i++) kernel[i] /= sum;
		float[] src = image.clone();
		float[] dst = new float[image.length];
		int stride = 1;
		for (final int size : dims) {
			if (size > 1) {
				for (int p = 0; p < src.length; p++) {
					final int coord = p / stride % size;
					double acc = 0;
					for (int k = -radius; k <= radius; k++) acc += kernel[k + radius] * src[p + (mirror(coord + k, size) - coord) * stride];
					dst[p] = (float) acc;
				}
				final float[] t = src;
				src = dst;
				dst = t;
			}
			stride *= size;
		}
		return src;
	}

	/** Reflects an index into 0..size-1 (... 2 1 0 | 0 1 2 ... size-1 | size-1 ...). */
	static int mirror(int i, final int size) {
		final int period = 2 * size;
		i = Math.floorMod(i, period);
		return i < size ? i : period - 1 - i;
	}
}
