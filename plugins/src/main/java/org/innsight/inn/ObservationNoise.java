package org.innsight.inn;

import java.util.SplittableRandom;

/**
 * Noise added to a training batch of raw observations, so the network learns posteriors for noisy
 * measurements. The camera noise model of the optics package can implement this; {@link #gaussian} is the
 * plain option.
 */
@FunctionalInterface
public interface ObservationNoise {

	ObservationNoise NONE = (batch, rows, cols, rng) -> {};

	/** Adds noise in place to {@code batch} (rows x cols, row-major), drawing only from {@code rng}. */
	void addTo(float[] batch, int rows, int cols, SplittableRandom rng);

	/** Gaussian noise with sd = absolute + relative * |value|. */
	static ObservationNoise gaussian(final double absolute, final double relative) {
		if (absolute < 0 || relative < 0) throw new IllegalArgumentException("noise sigmas must be >= 0");
		if (absolute == 0 && relative == 0) return NONE;
		return (batch, rows, cols, rng) -> {
			for (int i = 0; i < rows * cols; i++)
				batch[i] += (float) ((absolute + relative * Math.abs(batch[i])) * rng.nextGaussian());
		};
	}
}
