package org.innsight.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * One Adam step on whole arrays in a single native call (the engine's own Adam kernel: about ten tensor
 * operations without a round trip to Java between them):
 * <pre>
 * g = rescale * gradient + weightDecay * weight          (L2 decay, as torch.optim.Adam's weight_decay)
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g^2
 * weight -= step * m / (sqrt(v) + eps)
 * </pre>
 * {@code step} carries the learning rate and Adam's bias correction. The gradient itself is left unchanged.
 * Runs with gradient recording off; weight, m and v are changed in place.
 */
public final class FusedAdam {

	private FusedAdam() {}

	public static void update(final NDArray weight, final NDArray gradient, final NDArray m, final NDArray v, final float step,
		final float weightDecay, final float rescale, final float beta1, final float beta2, final float eps)
	{
		// clip -1: the kernel's elementwise clipping off
		JniUtils.adamUpdate((PtNDArray) weight, (PtNDArray) gradient, (PtNDArray) m, (PtNDArray) v, 1f, step, weightDecay, rescale, -1f,
			beta1, beta2, eps, false);
	}
}
