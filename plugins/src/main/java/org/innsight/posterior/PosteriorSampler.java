package org.innsight.posterior;

import java.util.List;

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
}
