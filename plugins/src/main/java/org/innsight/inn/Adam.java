package org.innsight.inn;

import org.innsight.engine.FusedAdam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * Adam with L2 weight decay on one flat weight array, updated in place by one native call per step (call while
 * gradients are not recorded).
 */
final class Adam {

	private static final float BETA1 = 0.9f, BETA2 = 0.999f, EPS = 1e-8f;

	private final NDArray m, v;
	private long step;

	Adam(final NDArray weights) {
		m = weights.zerosLike();
		v = weights.zerosLike();
		NDScope.unregister(m, v);
	}

	/** @param gradientScale factor on the gradient (gradient-norm clipping), applied with the update */
	void update(final NDArray weights, final NDArray gradient, final double gradientScale, final double learningRate, final double weightDecay) {
		step++;
		final double correction = Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
		FusedAdam.update(weights, gradient, m, v, (float) (learningRate * correction), (float) weightDecay, (float) gradientScale, BETA1, BETA2, EPS);
	}

	void close() {
		m.close();
		v.close();
	}
}
