package org.innsight.inn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.innsight.engine.Autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/** Helpers for flow tests: random weights, random rows, log|det| of the autograd Jacobian. */
final class FlowTesting {

	private FlowTesting() {}

	/** Replaces every trainable weight by N(0, scale^2) values (fresh networks are the identity, which tests nothing). */
	static void randomiseWeights(final ParameterStore store, final long seed, final double scale) {
		final SplittableRandom r = new SplittableRandom(seed);
		final Map<String, float[]> values = new LinkedHashMap<>(store.snapshot());
		for (final Param p : store.all())
			if (p.trainable()) {
				final float[] v = values.get(p.name());
				for (int i = 0; i < v.length; i++) v[i] = (float) (scale * r.nextGaussian());
			}
		store.restore(values, "test weights");
	}

	static NDArray gaussianRows(final NDManager m, final long seed, final int rows, final int cols, final double sd) {
		return m.create(InnTrainer.gaussian(new SplittableRandom(seed), rows * cols, sd), new Shape(rows, cols));
	}

	/**
	 * log|det J| per row of a row-wise function R^D -> R^D, with J from autograd (one backward pass per output
	 * dimension; rows are independent, so the gradient of a column sum is that column's Jacobian row per row).
	 */
	static double[] autogradLogDet(final Function<NDArray, NDArray> f, final NDArray x) {
		final int rows = (int) x.getShape().get(0), d = (int) x.getShape().get(1);
		final double[][][] jac = new double[rows][d][d];
		for (int i = 0; i < d; i++) {
			final NDArray in = x.duplicate();
			try (Autograd rec = Autograd.record()) {
				in.setRequiresGradient(true);
				final NDArray y = f.apply(in);
				rec.backward(y.get(new NDIndex(":, " + i)).sum());
			}
			final float[] g = in.getGradient().toFloatArray();
			for (int r = 0; r < rows; r++)
				for (int j = 0; j < d; j++) jac[r][i][j] = g[r * d + j];
		}
		final double[] out = new double[rows];
		for (int r = 0; r < rows; r++) out[r] = logAbsDet(jac[r]);
		return out;
	}

	/** log|det| by LU decomposition with partial pivoting (double precision). */
	static double logAbsDet(final double[][] matrix) {
		final int n = matrix.length;
		final double[][] a = new double[n][];
		for (int i = 0; i < n; i++) a[i] = matrix[i].clone();
		double logDet = 0;
		for (int k = 0; k < n; k++) {
			int p = k;
			for (int i = k + 1; i < n; i++)
				if (Math.abs(a[i][k]) > Math.abs(a[p][k])) p = i;
			final double[] t = a[k];
			a[k] = a[p];
			a[p] = t;
			if (a[k][k] == 0) return Double.NEGATIVE_INFINITY;
			logDet += Math.log(Math.abs(a[k][k]));
			for (int i = k + 1; i < n; i++) {
				final double f = a[i][k] / a[k][k];
				for (int j = k; j < n; j++) a[i][j] -= f * a[k][j];
			}
		}
		return logDet;
	}

	static double maxAbsDiff(final float[] a, final float[] b) {
		double m = 0;
		for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
		return m;
	}
}
