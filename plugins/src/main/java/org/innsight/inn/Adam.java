package org.innsight.inn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * Adam with L2 weight decay on one flat weight array, updated in place (call while gradients are not recorded).
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

	void update(final NDArray weights, final NDArray gradient, final double learningRate, final double weightDecay) {
		step++;
		final NDArray g = weightDecay > 0 ? gradient.add(weights.mul((float) weightDecay)) : gradient;
		m.muli(BETA1).addi(g.mul(1 - BETA1));
		v.muli(BETA2).addi(g.square().muli(1 - BETA2));
		final double correction = Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
		weights.subi(m.div(v.sqrt().addi(EPS)).muli((float) (learningRate * correction)));
	}

	void close() {
		m.close();
		v.close();
	}
}
