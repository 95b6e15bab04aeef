package org.innsight.ood;

/**
 * The widely applicable information criterion of an ensemble of density models, per spectrum:
 * WAIC(x) = mean_m log p_m(x) - var_m log p_m(x), and the OOD score -WAIC(x) / D (nats per band; higher = more
 * out of distribution).
 * <p>
 * The variance is the unbiased sample variance over the M members (divisor M - 1; 0 for a single member, whose
 * score is then its negative log-likelihood per band). The variance term is why an ensemble helps: members agree
 * on the training data and disagree away from it, so inputs that one model happens to find likely (a known failure
 * of single-model likelihoods) are still penalised.
 */
public final class Waic {

	private Waic() {}

	/**
	 * Scores from per-member log-densities.
	 *
	 * @param logDensity logDensity[m][i]: member m's log p of row i (nats, in the spectra's units)
	 * @param dims D, the number of bands (to report per band)
	 * @return score, mean log-density and member spread (standard deviation) per row; a row whose
	 *         log-densities are not all finite gets a NaN mean and spread and a score of +infinity if any member
	 *         says -infinity or NaN (it cannot be in distribution)
	 */
	public static Scores of(final double[][] logDensity, final int dims) {
		if (logDensity.length == 0) throw new IllegalArgumentException("WAIC needs at least one member");
		if (dims < 1) throw new IllegalArgumentException("dimension must be >= 1, got " + dims);
		final int m = logDensity.length, n = logDensity[0].length;
		for (final double[] row : logDensity)
			if (row.length != n) throw new IllegalArgumentException("members scored different numbers of rows");
		final float[] score = new float[n], mean = new float[n], spread = new float[n];
		for (int i = 0; i < n; i++) {
			double sum = 0;
			boolean finite = true;
			for (int k = 0; k < m; k++) {
				final double v = logDensity[k][i];
				if (!Double.isFinite(v)) finite = false;
				sum += v;
			}
			if (!finite) {
				score[i] = Float.POSITIVE_INFINITY;
				mean[i] = Float.NaN;
				spread[i] = Float.NaN;
				continue;
			}
			final double mu = sum / m;
			double ss = 0;
			for (int k = 0; k < m; k++) {
				final double d = logDensity[k][i] - mu;
				ss += d * d;
			}
			final double var = m > 1 ? ss / (m - 1) : 0;
			mean[i] = (float) mu;
			spread[i] = (float) Math.sqrt(var);
			score[i] = (float) (-(mu - var) / dims);
		}
		return new Scores(score, mean, spread);
	}

	/** WAIC of one row from its members' log-densities (nats, not per band). */
	public static double waic(final double... memberLogDensities) {
		final double[][] one = new double[memberLogDensities.length][1];
		for (int k = 0; k < one.length; k++) one[k][0] = memberLogDensities[k];
		return -of(one, 1).score()[0];
	}

	/**
	 * Per row: the OOD score (-WAIC per band), the members' mean log-density (nats) and their spread (standard
	 * deviation of log p over members, nats).
	 */
	public record Scores(float[] score, float[] meanLogDensity, float[] spread) {

		public int rows() {
			return score.length;
		}
	}
}
