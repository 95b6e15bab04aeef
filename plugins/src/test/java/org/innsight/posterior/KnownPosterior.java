package org.innsight.posterior;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A posterior with a known answer, for testing the estimator without a network: for a spectrum y, "level" ~
 * N(mean(y), 0.05^2), and "split" ~ N(+-1, 0.1^2) (two modes) when y[0] > 0.5, else N(0, 0.1^2).
 */
final class KnownPosterior implements PosteriorSampler {

	static final double LEVEL_SD = 0.05;

	private final double[] wavelengths;
	private int calls;

	KnownPosterior(final double... wavelengths) {
		this.wavelengths = wavelengths;
	}

	synchronized int calls() {
		return calls;
	}

	@Override
	public List<String> parameters() {
		return List.of("level", "split");
	}

	@Override
	public List<String> units() {
		return List.of("1", "m");
	}

	@Override
	public List<double[]> ranges() {
		return Arrays.asList(new double[] { 0, 1 }, null);
	}

	@Override
	public int observationColumns() {
		return wavelengths.length;
	}

	@Override
	public double[] wavelengthsNm() {
		return wavelengths.clone();
	}

	@Override
	public String name() {
		return "known-posterior";
	}

	@Override
	public void sample(final float[] observations, final int count, final int samples, final long seed, final long[] keys, final float[] out) {
		synchronized (this) {
			calls++;
		}
		final int c = wavelengths.length;
		for (int i = 0; i < count; i++) {
			double mean = 0;
			for (int j = 0; j < c; j++) mean += observations[i * c + j];
			mean /= c;
			final boolean bimodal = observations[i * c] > 0.5;
			final SplittableRandom rng = new SplittableRandom(seed * 31 + keys[i]);
			for (int k = 0; k < samples; k++) {
				out[(i * samples + k) * 2] = (float) (mean + LEVEL_SD * rng.nextGaussian());
				final double centre = bimodal ? (rng.nextBoolean() ? 1 : -1) : 0;
				out[(i * samples + k) * 2 + 1] = (float) (centre + 0.1 * rng.nextGaussian());
			}
		}
	}
}
