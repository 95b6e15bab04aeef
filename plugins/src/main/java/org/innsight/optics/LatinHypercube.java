package org.innsight.optics;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Latin-hypercube sampling: for each parameter the range is cut into n equal strata and every stratum holds
 * exactly one of the n samples (a random point within it); strata are paired across parameters by independent
 * random permutations. Covers every parameter's range evenly, unlike plain random sampling.
 */
public final class LatinHypercube {

	private LatinHypercube() {}

	/** Unit-cube design, row-major n x dims, values in [0, 1). Deterministic given the seed. */
	public static double[] unit(final int n, final int dims, final long seed) {
		if (n < 1) throw new IllegalArgumentException("Sample count must be >= 1, got " + n);
		final SplittableRandom rng = new SplittableRandom(seed);
		final double[] out = new double[n * dims];
		final int[] perm = new int[n];
		for (int d = 0; d < dims; d++) {
			for (int i = 0; i < n; i++) perm[i] = i;
			for (int i = n - 1; i > 0; i--) { // Fisher-Yates
				final int j = rng.nextInt(i + 1);
				final int t = perm[i];
				perm[i] = perm[j];
				perm[j] = t;
			}
			for (int i = 0; i < n; i++) out[i * dims + d] = (perm[i] + rng.nextDouble()) / n;
		}
		return out;
	}

	/** A design scaled to the parameters' ranges: row-major n x parameters.size(). */
	public static double[] sample(final int n, final List<Parameter> parameters, final long seed) {
		final int dims = parameters.size();
		final double[] u = unit(n, dims, seed);
		for (int i = 0; i < n; i++)
			for (int d = 0; d < dims; d++) u[i * dims + d] = parameters.get(d).at(u[i * dims + d]);
		return u;
	}
}
