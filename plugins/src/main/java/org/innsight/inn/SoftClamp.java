package org.innsight.inn;

import ai.djl.ndarray.NDArray;

/** Soft clamping of coupling log-scales: s = clamp * (2/pi) * atan(s_raw / clamp), so |s| < clamp. */
final class SoftClamp {

	private final ParameterStore store;
	private final float inverse, outer;

	SoftClamp(final ParameterStore store, final float clamp) {
		if (!(clamp > 0)) throw new IllegalArgumentException("clamp must be > 0, got " + clamp);
		this.store = store;
		this.inverse = 1 / clamp;
		this.outer = (float) (clamp * 2 / Math.PI);
	}

	NDArray apply(final NDArray raw) {
		// constants as PyTorch-owned tensors: autograd keeps the factors of products for the backward pass
		return raw.mul(store.constant(inverse)).atan().muli(store.constant(outer));
	}

	/** -apply(raw), bit for bit (IEEE negation is exact), in one operation fewer than negating the result. */
	NDArray applyNegated(final NDArray raw) {
		return raw.mul(store.constant(inverse)).atan().muli(store.constant(-outer));
	}
}
