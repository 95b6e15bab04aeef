package org.innsight.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Gradient recording for one thread.
 * <p>
 * DJL's own {@code GradientCollector} allows one collector per process at a time; PyTorch itself keeps the
 * recording switch ("grad mode") per thread. Recording directly lets several models train in parallel threads
 * (an OOD ensemble, say). {@link #pause()} switches recording off, e.g. for optimiser updates (in-place changes of
 * weights must not be recorded) and for inference on threads where PyTorch's default (recording on) holds.
 */
public final class Autograd implements AutoCloseable {

	private final boolean previous;

	private Autograd(final boolean on) {
		Engines.pytorch();
		previous = JniUtils.isGradMode();
		JniUtils.setGradMode(on);
	}

	/** Starts recording operations on this thread, for a later {@link #backward(NDArray)}. */
	public static Autograd record() {
		return new Autograd(true);
	}

	/** Stops recording on this thread until closed (then the previous state returns). */
	public static Autograd pause() {
		return new Autograd(false);
	}

	/** Whether operations on this thread are being recorded. */
	public static boolean isRecording() {
		Engines.pytorch();
		return JniUtils.isGradMode();
	}

	/**
	 * Back-propagates from a scalar: afterwards every array with {@code setRequiresGradient(true)} that the
	 * scalar depends on holds its gradient (accumulated on top of what was there; see {@link #zeroGradient}).
	 */
	public void backward(final NDArray scalar) {
		if (scalar.getShape().size() != 1)
			throw new IllegalArgumentException("backward needs a scalar, got shape " + scalar.getShape());
		try (NDArray seed = scalar.onesLike()) {
			JniUtils.backward((PtNDArray) scalar, (PtNDArray) seed, false, false);
		}
	}

	/** Sets the accumulated gradient of {@code weight} to zero (no-op if it has none yet). */
	public static void zeroGradient(final NDArray weight) {
		JniUtils.zeroGrad((PtNDArray) weight);
	}

	@Override
	public void close() {
		JniUtils.setGradMode(previous);
	}
}
