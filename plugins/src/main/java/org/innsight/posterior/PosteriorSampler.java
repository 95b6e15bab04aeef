package org.innsight.posterior;

import java.util.List;

import org.innsight.engine.InputRange;

/**
 * Draws posterior samples of tissue parameters for observed spectra: what a trained conditional INN does for
 * the posterior capability ({@link PosteriorModel}), and what tests replace by a posterior with a known answer.
 * Implementations may be called from several threads at once.
 */
public interface PosteriorSampler extends AutoCloseable {

	/** The parameters sampled, in the user's words and order (e.g. sO2, vHb_1). */
	List<String> parameters();

	/** The unit of each parameter ("1" for fractions), as in the model card; same order as {@link #parameters()}. */
	List<String> units();

	/** Per parameter {lower, upper} where its values are bounded, else null; same order as {@link #parameters()}. */
	List<double[]> ranges();

	/** Values per observation (e.g. 16 bands). */
	int observationColumns();

	/** Centre wavelength of each observation column in nm, or null when the columns are not spectral bands. */
	double[] wavelengthsNm();

	/** A name for messages (the model's name). */
	String name();

	/** The observations' values in the training data (the card's {@code inputs.range}), checked before estimation; null when unknown. */
	default InputRange inputRange() {
		return null;
	}

	/**
	 * Draws {@code samples} posterior samples for each of {@code count} observations.
	 *
	 * @param observations count x {@link #observationColumns()}, row-major, as measured (any per-spectrum
	 *          normalisation the model needs is the sampler's business)
	 * @param keys one random-stream key per observation: sample k of observation i depends only on
	 *          ({@code seed}, {@code keys[i]}), whatever else is in the batch, so results do not depend on tiling or threads
	 *          (up to float rounding: a network's matrix products may add in another order for another batch size)
	 * @param out receives sample k of parameter t of observation i at {@code (i * samples + k) * T + t}
	 */
	void sample(float[] observations, int count, int samples, long seed, long[] keys, float[] out);

	@Override
	default void close() {}

	/** Runs a piece of work, e.g. while holding a lock; may wait, fail or be interrupted. */
	@FunctionalInterface
	interface Around {
		void run(Runnable work) throws Exception;
	}

	/**
	 * This sampler, each of whose {@link #sample} calls runs inside {@code around} (e.g. a batch's device lock:
	 * only the network's calls hold the device, the summaries are computed beside other jobs). Closing the
	 * result leaves this sampler open.
	 */
	default PosteriorSampler around(final Around around) {
		final PosteriorSampler self = this;
		return new PosteriorSampler() {
			@Override
			public void sample(final float[] observations, final int count, final int samples, final long seed, final long[] keys, final float[] out) {
				try {
					around.run(() -> self.sample(observations, count, samples, seed, keys, out));
				}
				catch (final RuntimeException e) {
					throw e;
				}
				catch (final InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted while waiting to sample", e);
				}
				catch (final Exception e) {
					throw new IllegalStateException(e.getMessage(), e);
				}
			}

			@Override
			public List<String> parameters() {
				return self.parameters();
			}

			@Override
			public List<String> units() {
				return self.units();
			}

			@Override
			public List<double[]> ranges() {
				return self.ranges();
			}

			@Override
			public int observationColumns() {
				return self.observationColumns();
			}

			@Override
			public double[] wavelengthsNm() {
				return self.wavelengthsNm();
			}

			@Override
			public String name() {
				return self.name();
			}

			@Override
			public InputRange inputRange() {
				return self.inputRange();
			}
		};
	}
}
