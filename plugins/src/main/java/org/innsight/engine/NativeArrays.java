package org.innsight.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays whose memory PyTorch owns.
 * <p>
 * DJL's PyTorch engine wraps heap data ({@code manager.create(float[])}) and the scalar of every
 * {@code x.mul(2f)}-style call around a Java direct buffer without copying, and frees that buffer when the Java
 * wrapper is closed and garbage-collected. If autograd saved such a tensor for the backward pass (a product saves
 * its other factor), backward later reads freed memory: random gradients and sporadic NaNs. So in code that is
 * differentiated, constants come from here (copies PyTorch owns) and never as Number arguments. Inference-only
 * code may use either.
 */
public final class NativeArrays {

	private NativeArrays() {}

	/** A copy of heap data in memory PyTorch owns, attached to {@code manager}. */
	public static NDArray copyOf(final NDManager manager, final float[] data, final Shape shape) {
		try (NDArray wrapped = manager.create(data, shape)) {
			return wrapped.duplicate();
		}
	}

	/** A 0-d float32 scalar in memory PyTorch owns. */
	public static NDArray scalar(final NDManager manager, final float value) {
		return manager.full(new Shape(), value, DataType.FLOAT32);
	}
}
