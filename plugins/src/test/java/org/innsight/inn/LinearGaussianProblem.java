package org.innsight.inn;

import java.util.SplittableRandom;

/**
 * y = A x + noise with x ~ N(0, I_4), y in R^6, noise ~ N(0, sigma^2 I): the posterior is Gaussian with
 * covariance S = (I + A^T A / sigma^2)^-1 and mean S A^T y / sigma^2, the same S for every y.
 */
final class LinearGaussianProblem {

	static final int X = 4, Y = 6;
	final double sigma;
	final double[][] a = new double[Y][X];
	final double[][] covariance;

	LinearGaussianProblem(final long seed, final double scale, final double sigma) {
		this.sigma = sigma;
		final SplittableRandom r = new SplittableRandom(seed);
		for (int i = 0; i < Y; i++)
			for (int j = 0; j < X; j++) a[i][j] = scale * r.nextGaussian();
		final double[][] precision = new double[X][X];
		for (int i = 0; i < X; i++)
			for (int j = 0; j < X; j++) {
				double s = i == j ? 1 : 0;
				for (int k = 0; k < Y; k++) s += a[k][i] * a[k][j] / (sigma * sigma);
				precision[i][j] = s;
			}
		covariance = invert(precision);
	}

	/** Clean observations A x for rows of x. */
	float[] observe(final float[] x) {
		final int n = x.length / X;
		final float[] y = new float[n * Y];
		for (int r = 0; r < n; r++)
			for (int i = 0; i < Y; i++) {
				double s = 0;
				for (int j = 0; j < X; j++) s += a[i][j] * x[r * X + j];
				y[r * Y + i] = (float) s;
			}
		return y;
	}

	float[] priorSamples(final int n, final SplittableRandom r) {
		final float[] x = new float[n * X];
		for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
		return x;
	}

	void addNoise(final float[] y, final SplittableRandom r) {
		for (int i = 0; i < y.length; i++) y[i] += (float) (sigma * r.nextGaussian());
	}

	double[] posteriorMean(final float[] y, final int row) {
		final double[] aty = new double[X];
		for (int j = 0; j < X; j++)
			for (int i = 0; i < Y; i++) aty[j] += a[i][j] * y[row * Y + i] / (sigma * sigma);
		final double[] m = new double[X];
		for (int i = 0; i < X; i++)
			for (int j = 0; j < X; j++) m[i] += covariance[i][j] * aty[j];
		return m;
	}

	/** Draws from the exact posterior: rows x draws x 4. */
	float[] exactSamples(final float[] y, final int rows, final int draws, final SplittableRandom r) {
		final double[][] l = cholesky(covariance);
		final float[] out = new float[rows * draws * X];
		final double[] e = new double[X];
		for (int o = 0; o < rows; o++) {
			final double[] mu = posteriorMean(y, o);
			for (int k = 0; k < draws; k++) {
				for (int j = 0; j < X; j++) e[j] = r.nextGaussian();
				for (int i = 0; i < X; i++) {
					double v = mu[i];
					for (int j = 0; j <= i; j++) v += l[i][j] * e[j];
					out[(o * draws + k) * X + i] = (float) v;
				}
			}
		}
		return out;
	}

	static double[][] cholesky(final double[][] m) {
		final int n = m.length;
		final double[][] l = new double[n][n];
		for (int i = 0; i < n; i++)
			for (int j = 0; j <= i; j++) {
				double s = m[i][j];
				for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
				l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
			}
		return l;
	}

	static double[][] invert(final double[][] m) {
		final int n = m.length;
		final double[][] a = new double[n][2 * n];
		for (int i = 0; i < n; i++) {
			System.arraycopy(m[i], 0, a[i], 0, n);
			a[i][n + i] = 1;
		}
		for (int k = 0; k < n; k++) {
			int p = k;
			for (int i = k + 1; i < n; i++)
				if (Math.abs(a[i][k]) > Math.abs(a[p][k])) p = i;
			final double[] t = a[k];
			a[k] = a[p];
			a[p] = t;
			final double d = a[k][k];
			for (int j = 0; j < 2 * n; j++) a[k][j] /= d;
			for (int i = 0; i < n; i++)
				if (i != k) {
					final double f = a[i][k];
					for (int j = 0; j < 2 * n; j++) a[i][j] -= f * a[k][j];
				}
		}
		final double[][] inv = new double[n][n];
		for (int i = 0; i < n; i++) System.arraycopy(a[i], n, inv[i], 0, n);
		return inv;
	}
}
