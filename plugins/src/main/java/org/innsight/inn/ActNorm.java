package org.innsight.inn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Learned per-dimension affine map y = x * exp(logScale) + bias (GLOW's ActNorm; the "global affine" of the
 * all-in-one block). Data-dependent initialisation makes the first batch's output zero-mean, unit-variance.
 */
final class ActNorm implements InvertibleBlock {

	/** Store group of every ActNorm's log-scales: their log-dets are summed at once ({@link #forwardTerms}). */
	static final String LOG_SCALES = "actnorm log scales";

	private final ParameterStore store;
	private final Param logScale, bias;

	ActNorm(final ParameterStore store, final String name, final int dims) {
		this.store = store;
		this.logScale = store.add(name + ".log_scale", new Shape(dims), new float[dims], true, LOG_SCALES);
		this.bias = store.add(name + ".bias", new Shape(dims), new float[dims], true);
	}

	@Override
	public Transformed forward(final NDArray x, final Conditioning c) {
		return new Transformed(x.mul(logScale.get().exp()).addi(bias.get()), logScale.get().sum());
	}

	/**
	 * Without a log-det (null): the network adds the sum of all ActNorms' log-scales ({@link #logScale}, stored
	 * together) in one reduction.
	 */
	@Override
	public Transformed forwardTerms(final NDArray x, final Conditioning c) {
		return new Transformed(x.mul(logScale.get().exp()).addi(bias.get()), null);
	}

	Param logScale() {
		return logScale;
	}

	@Override
	public NDArray inverse(final NDArray y, final Conditioning c) {
		return y.sub(bias.get()).muli(logScale.get().neg().exp());
	}

	@Override
	public NDArray initialise(final NDArray x, final Conditioning c) {
		final NDArray mean = x.mean(new int[] { 0 });
		final NDArray sd = x.sub(mean).square().mean(new int[] { 0 }).sqrt().addi(1e-6f);
		final NDArray ls = sd.log().neg();
		store.assign(logScale, ls);
		store.assign(bias, mean.mul(ls.exp()).neg());
		return forward(x, c).out();
	}
}
