package org.innsight.inn;

import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A fixed, seeded shuffle of the dimensions, so every dimension gets transformed by some coupling. Applied as a
 * product with a 0/1 matrix, which is exact in floating point and fast for the few dimensions of a flow.
 */
final class FixedPermutation implements InvertibleBlock {

	private final Param forward, backward;

	FixedPermutation(final ParameterStore store, final String name, final int dims, final SplittableRandom rng) {
		final int[] perm = shuffleAcrossTheSplit(dims, rng);
		// y[:, j] = x[:, perm[j]]  <=>  y = x M with M[perm[j], j] = 1
		final float[] m = new float[dims * dims], mt = new float[dims * dims];
		for (int j = 0; j < dims; j++) {
			m[perm[j] * dims + j] = 1;
			mt[j * dims + perm[j]] = 1;
		}
		this.forward = store.add(name + ".matrix", new Shape(dims, dims), m, false);
		this.backward = store.add(name + ".inverse_matrix", new Shape(dims, dims), mt, false);
	}

	/**
	 * A random permutation that changes which dimensions sit in the first (conditioning) half of the next
	 * coupling; one that kept the halves would let consecutive one-sided couplings transform the same dimensions
	 * (for 2 dimensions, half of all random permutations would).
	 */
	static int[] shuffleAcrossTheSplit(final int dims, final SplittableRandom rng) {
		final int[] perm = new int[dims];
		for (int attempt = 0;; attempt++) {
			for (int i = 0; i < dims; i++) perm[i] = i;
			for (int i = dims - 1; i > 0; i--) {
				final int j = rng.nextInt(i + 1);
				final int t = perm[i];
				perm[i] = perm[j];
				perm[j] = t;
			}
			boolean keepsFirstHalf = true;
			for (int i = 0; i < dims / 2; i++)
				if (perm[i] >= dims / 2) keepsFirstHalf = false;
			if (!keepsFirstHalf || attempt > 100) return perm;
		}
	}

	@Override
	public boolean preservesVolume() {
		return true;
	}

	@Override
	public Transformed forward(final NDArray x, final Conditioning c) {
		return new Transformed(x.matMul(forward.get()), x.getManager().zeros(new Shape()));
	}

	/** Volume-preserving: no log-det array at all. */
	@Override
	public Transformed forwardTerms(final NDArray x, final Conditioning c) {
		return new Transformed(x.matMul(forward.get()), null);
	}

	@Override
	public NDArray inverse(final NDArray y, final Conditioning c) {
		return y.matMul(backward.get());
	}
}
