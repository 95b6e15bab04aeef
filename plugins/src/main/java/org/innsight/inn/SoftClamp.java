package org.innsight.inn;

import ai.djl.ndarray.NDArray;

/** Soft clamping of coupling log-scales: s = clamp * (2/pi) * atan(s_raw / clamp), so |s| < clamp. */
final class SoftClamp {

	private SoftClamp() {}

	static NDArray apply(final NDArray raw, final float clamp) {
		return raw.div(clamp).atan().muli((float) (clamp * 2 / Math.PI));
	}
}
