package org.innsight.inn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A named weight of a network. Blocks keep the handle and ask for {@link #get()} on every call: during
 * training the store swaps in gradient-tracking views, so the array behind a handle is not fixed.
 */
public final class Param {

	final String name;
	final Shape shape;
	final boolean trainable;
	float[] initial;
	long offset = -1;
	NDArray value;

	Param(final String name, final Shape shape, final boolean trainable, final float[] initial) {
		if (initial.length != shape.size())
			throw new IllegalArgumentException("parameter " + name + ": " + initial.length + " values for shape " + shape);
		this.name = name;
		this.shape = shape;
		this.trainable = trainable;
		this.initial = initial;
	}

	public String name() {
		return name;
	}

	public Shape shape() {
		return shape;
	}

	/** Whether training changes it (fixed ones: permutations, normalisation statistics). */
	public boolean trainable() {
		return trainable;
	}

	/** The current array; valid until the store's next training step or close. */
	public NDArray get() {
		if (value == null) throw new IllegalStateException("parameter " + name + " is not ready; seal the store first");
		return value;
	}

	@Override
	public String toString() {
		return name + shape;
	}
}
