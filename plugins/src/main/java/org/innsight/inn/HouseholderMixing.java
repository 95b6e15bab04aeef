package org.innsight.inn;

import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Learned orthogonal mixing y = x Q with Q a product of Householder reflections I - 2 v v^T / |v|^2.
 * Q is orthogonal, so log|det| is exactly 0 and the inverse is x = y Q^T.
 */
final class HouseholderMixing implements InvertibleBlock {

	private final int dims, reflections;
	private final Param vectors;
	private final ParameterStore store;

	HouseholderMixing(final ParameterStore store, final String name, final int dims, final int reflections, final SplittableRandom rng) {
		if (reflections < 1) throw new IllegalArgumentException("Householder mixing needs >= 1 reflection");
		this.store = store;
		this.dims = dims;
		this.reflections = reflections;
		final float[] v = new float[reflections * dims];
		for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextGaussian();
		this.vectors = store.add(name + ".vectors", new Shape(reflections, dims), v, true);
	}

	/** Q = H_1 H_2 ... H_k, built from the current vectors (a few tiny ops per call). */
	private NDArray matrix(final NDArray like) {
		final NDArray v = vectors.get();
		final NDArray unit = v.div(v.norm(new int[] { 1 }, true));
		final NDArray eye = like.getManager().eye(dims);
		NDArray q = null;
		for (int i = 0; i < reflections; i++) {
			final NDArray u = unit.get(i).reshape(dims, 1);
			final NDArray h = eye.sub(u.matMul(u.transpose()).muli(store.constant(2f)));
			q = q == null ? h : q.matMul(h);
		}
		return q;
	}

	@Override
	public boolean preservesVolume() {
		return true;
	}

	@Override
	public Transformed forward(final NDArray x, final Conditioning c) {
		return new Transformed(x.matMul(matrix(x)), x.getManager().zeros(new Shape()));
	}

	@Override
	public NDArray inverse(final NDArray y, final Conditioning c) {
		return y.matMul(matrix(y).transpose());
	}
}
