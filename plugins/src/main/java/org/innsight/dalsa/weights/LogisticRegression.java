package org.innsight.dalsa.weights;

import java.util.Arrays;

import org.innsight.math.Cholesky;
import org.innsight.progress.ParallelTasks;

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares) on
 * standardised features. The intercept is not penalised. Used to tell annotated voxels from all voxels; its
 * log-odds give the density ratio that becomes the importance weight.
 */
public final class LogisticRegression {

	private final double[] mean;
	private final double[] scale;
	/** beta[0] = intercept, beta[1 + f] = coefficient of standardised feature f. */
	private final double[] beta;
	private final int iterations;

	private LogisticRegression(final double[] mean, final double[] scale, final double[] beta, final int iterations) {
		this.mean = mean;
		this.scale = scale;
		this.beta = beta;
		this.iterations = iterations;
	}

	/**
	 * @param positives features of class-1 samples, column-major [feature][sample]
	 * @param negatives features of class-0 samples, column-major
	 * @param l2 penalty lambda / 2 * |coefficients|^2 added to the negative log-likelihood (on standardised features)
	 * @param threads worker threads for the Hessian; 0 = all cores
	 */
	public static LogisticRegression fit(final float[][] positives, final float[][] negatives, final double l2, final int threads) {
		return fit(positives, negatives, null, l2, threads);
	}

	/**
	 * As {@link #fit(float[][], float[][], double, int)}, with a weight per negative sample (null: all 1): each
	 * negative counts that much in the likelihood, e.g. its probability of belonging to a class when the
	 * negatives are unlabelled voxels of a scan.
	 *
	 * @param negativeWeights one weight &gt;= 0 per negative sample, not all 0, or null
	 */
	public static LogisticRegression fit(final float[][] positives, final float[][] negatives, final double[] negativeWeights, final double l2,
		final int threads)
	{
		final int features = positives.length;
		if (negatives.length != features) throw new IllegalArgumentException("both sample sets need the same features");
		final int n1 = positives[0].length, n0 = negatives[0].length, n = n1 + n0;
		if (n1 == 0 || n0 == 0) throw new IllegalArgumentException("logistic regression needs samples of both groups");
		if (!(l2 >= 0)) throw new IllegalArgumentException("L2 penalty must be >= 0");
		final int d = features + 1;
		final double[] mean = new double[features], scale = new double[features];
		// Column-major standardised design matrix; column 0 is the constant 1 of the intercept.
		final double[][] x = new double[d][n];
		java.util.Arrays.fill(x[0], 1);
		for (int f = 0; f < features; f++) {
			double s = 0, ss = 0;
			for (final float v : positives[f]) s += v;
			for (final float v : negatives[f]) s += v;
			final double m = s / n;
			for (final float v : positives[f]) ss += (v - m) * (v - m);
			for (final float v : negatives[f]) ss += (v - m) * (v - m);
			final double sd = Math.sqrt(ss / n);
			mean[f] = m;
			scale[f] = sd > 1e-12 ? 1 / sd : 0; // a constant feature carries nothing: its column becomes 0
			final double[] col = x[1 + f];
			for (int i = 0; i < n1; i++) col[i] = (positives[f][i] - m) * scale[f];
			for (int i = 0; i < n0; i++) col[n1 + i] = (negatives[f][i] - m) * scale[f];
		}
		final double[] y = new double[n];
		java.util.Arrays.fill(y, 0, n1, 1);
		final double[] sw = new double[n];
		java.util.Arrays.fill(sw, 0, n1, 1);
		if (negativeWeights != null && negativeWeights.length != n0) throw new IllegalArgumentException("one weight per negative sample needed");
		double negativeTotal = 0;
		for (int i = 0; i < n0; i++) {
			final double v = negativeWeights == null ? 1 : negativeWeights[i];
			if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("sample weights must be finite and >= 0, got " + v);
			sw[n1 + i] = v;
			negativeTotal += v;
		}
		if (!(negativeTotal > 0)) throw new IllegalArgumentException("the negative samples' weights are all 0");
		final double[] beta = new double[d];
		beta[0] = Math.log(n1 / negativeTotal);
		final double[] eta = new double[n];
		double loss = loss(x, y, sw, beta, l2, eta);
		final double[] gradient = new double[d], hessian = new double[d * d], step = new double[d], trial = new double[d];
		int iteration = 0;
		for (; iteration < 100; iteration++) {
			accumulate(x, y, sw, eta, gradient, hessian, threads);
			for (int a = 1; a < d; a++) {
				gradient[a] += l2 * beta[a];
				hessian[a * d + a] += l2;
			}
			hessian[0] += 1e-9 * n; // keeps the system positive definite when the groups are perfectly separable
			for (int a = 0; a < d; a++) for (int b = 0; b < a; b++) hessian[a * d + b] = hessian[b * d + a];
			Cholesky.solve(hessian, gradient, step, d, 1e-12);
			double t = 1, newLoss = Double.POSITIVE_INFINITY;
			final double[] trialEta = new double[n];
			for (int halving = 0; halving < 40; halving++, t /= 2) {
				for (int a = 0; a < d; a++) trial[a] = beta[a] - t * step[a];
				newLoss = loss(x, y, sw, trial, l2, trialEta);
				if (newLoss <= loss) break;
			}
			if (!(newLoss <= loss)) break;
			System.arraycopy(trial, 0, beta, 0, d);
			System.arraycopy(trialEta, 0, eta, 0, n);
			final double decrease = loss - newLoss;
			loss = newLoss;
			double largest = 0;
			for (int a = 0; a < d; a++) largest = Math.max(largest, Math.abs(t * step[a]));
			if (largest < 1e-9 || decrease < 1e-12 * n) {
				iteration++;
				break;
			}
		}
		return new LogisticRegression(mean, scale, beta, iteration);
	}

	/** Block of samples per Hessian update: its columns stay in cache while every feature pair is summed. */
	private static final int BLOCK = 256;

	/** Gradient X^T (p - y) and upper triangle of X^T diag(p (1 - p)) X, summed over sample blocks in parallel. */
	private static void accumulate(final double[][] x, final double[] y, final double[] sw, final double[] eta, final double[] gradient, final double[] hessian,
		final int threads)
	{
		final int d = x.length, n = y.length;
		final int blocks = (n + BLOCK - 1) / BLOCK;
		final int workers = Math.min(ParallelTasks.threads(threads), blocks);
		final double[][] partialH = new double[workers][d * d], partialG = new double[workers][d];
		ParallelTasks.run(workers, workers, wk -> {
			final double[] h = partialH[wk], g = partialG[wk];
			final double[] r = new double[BLOCK], w = new double[BLOCK], s = new double[BLOCK];
			for (int blk = wk; blk < blocks; blk += workers) {
				final int from = blk * BLOCK, len = Math.min(BLOCK, n - from);
				for (int i = 0; i < len; i++) {
					final double p = sigmoid(eta[from + i]);
					r[i] = sw[from + i] * (p - y[from + i]);
					w[i] = sw[from + i] * p * (1 - p);
				}
				for (int a = 0; a < d; a++) {
					final double[] ca = x[a];
					double ga = 0;
					for (int i = 0; i < len; i++) {
						ga += r[i] * ca[from + i];
						s[i] = w[i] * ca[from + i];
					}
					g[a] += ga;
					final int row = a * d;
					for (int b = a; b < d; b++) {
						final double[] cb = x[b];
						double sum = 0;
						for (int i = 0; i < len; i++) sum += s[i] * cb[from + i];
						h[row + b] += sum;
					}
				}
			}
		}, null, "logistic regression");
		java.util.Arrays.fill(gradient, 0);
		java.util.Arrays.fill(hessian, 0);
		for (int wk = 0; wk < workers; wk++) {
			for (int a = 0; a < d; a++) gradient[a] += partialG[wk][a];
			for (int j = 0; j < d * d; j++) hessian[j] += partialH[wk][j];
		}
	}

	/** Log-odds of class 1 for sample i of a column-major table. */
	public double logit(final float[][] columns, final int i) {
		double eta = beta[0];
		for (int f = 0; f < mean.length; f++) eta += beta[1 + f] * (columns[f][i] - mean[f]) * scale[f];
		return eta;
	}

	/** Log-odds of class 1 for one feature vector. */
	public double logit(final float[] row) {
		double eta = beta[0];
		for (int f = 0; f < mean.length; f++) eta += beta[1 + f] * (row[f] - mean[f]) * scale[f];
		return eta;
	}

	public int featureCount() {
		return mean.length;
	}

	/** Newton iterations used. */
	public int iterations() {
		return iterations;
	}

	/** Intercept and coefficients on the standardised features. */
	public double[] coefficients() {
		return beta.clone();
	}

	static double sigmoid(final double eta) {
		return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
	}

	/** Penalised negative log-likelihood (log(1 + e^eta) without overflow); writes each sample's eta. */
	private static double loss(final double[][] x, final double[] y, final double[] sw, final double[] beta, final double l2, final double[] eta) {
		final int n = y.length;
		java.util.Arrays.fill(eta, 0);
		for (int a = 0; a < x.length; a++) {
			final double[] col = x[a];
			final double b = beta[a];
			if (b != 0) for (int i = 0; i < n; i++) eta[i] += b * col[i];
		}
		double sum = 0;
		for (int i = 0; i < n; i++) {
			final double e = eta[i];
			final double softplus = e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e));
			sum += sw[i] * (softplus - y[i] * e);
		}
		double penalty = 0;
		for (int a = 1; a < beta.length; a++) penalty += beta[a] * beta[a];
		return sum + 0.5 * l2 * penalty;
	}
}
