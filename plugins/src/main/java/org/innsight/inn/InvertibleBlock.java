package org.innsight.inn;

import ai.djl.ndarray.NDArray;

/**
 * One invertible step of a flow: x -> y with log|det dy/dx| per row, and the exact inverse.
 * Implementations read their weights through {@link Param} handles on every call.
 */
public interface InvertibleBlock {

	/** x (rows, dims) -> y and log|det J| ((rows,) or a scalar when the same for every row). */
	Transformed forward(NDArray x, Conditioning c);

	/**
	 * {@link #forward} for the network's own pass, which sums every block's log-det at once: the log-det may also
	 * come as (rows, k) per-row terms whose row sums are log|det J| (the couplings' log-scales, unsummed), and a
	 * {@link #preservesVolume() volume-preserving} block may give null for it (as may {@link ActNorm}, whose log-dets
	 * the network sums separately).
	 */
	default Transformed forwardTerms(final NDArray x, final Conditioning c) {
		return forward(x, c);
	}

	/**
	 * Whether log|det J| is always 0 (permutations, rotations): the network then leaves this block's log-det out
	 * of its sum instead of adding zeros.
	 */
	default boolean preservesVolume() {
		return false;
	}

	/** y (rows, dims) -> x, exactly undoing {@link #forward}. */
	NDArray inverse(NDArray y, Conditioning c);

	/**
	 * Data-dependent initialisation (ActNorm) from a batch reaching this block; returns the block's output for
	 * the batch, to initialise the blocks after it. Blocks without such initialisation just run forward.
	 */
	default NDArray initialise(final NDArray x, final Conditioning c) {
		return forward(x, c).out();
	}
}
