package org.innsight.posterior;

/**
 * Posterior z-score against posterior contraction, one point per held-out observation (Schad, Betancourt &amp;
 * Vasishth 2021; Betancourt's "Towards a principled Bayesian workflow"): contraction = 1 - var_post / var_prior
 * (0: the observation taught nothing, 1: the posterior is a point), z = (mean_post - truth) / sd_post. A good model
 * has points at high contraction with |z| mostly below 2; large |z| at high contraction is overconfidence or bias,
 * low contraction says the observations barely inform the parameter.
 * <p>
 * The prior variance is {@link ParameterFigures#priorVariance()}: the variance of the true values over all validated
 * rows (right when the held-out table is drawn from the simulation's prior, as {@code innsight simulate} tables are).
 *
 * @param contraction per observation
 * @param z per observation (NaN where the posterior sd is 0)
 */
public record ZContraction(float[] contraction, float[] z) {

	public static ZContraction of(final PosteriorRecords records, final int j, final int[] rows, final double priorVariance) {
		final float[] c = new float[rows.length], z = new float[rows.length];
		for (int i = 0; i < rows.length; i++) {
			final int o = rows[i];
			final double sd = records.sd(o, j);
			c[i] = (float) (priorVariance > 0 ? 1 - sd * sd / priorVariance : Double.NaN);
			z[i] = (float) (sd > 0 ? (records.mean(o, j) - records.truth(o, j)) / sd : Double.NaN);
		}
		return new ZContraction(c, z);
	}
}
