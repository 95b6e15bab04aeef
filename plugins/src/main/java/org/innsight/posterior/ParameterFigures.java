package org.innsight.posterior;

/**
 * Validation figures of one parameter over a set of held-out observations.
 *
 * @param name parameter name (e.g. sO2)
 * @param count observations
 * @param calibrationError median over q = 0.01..0.99 of |coverage(q) - q| (see {@link Calibration})
 * @param coverage68 coverage of the central 68% interval
 * @param calibrationError68 |coverage68 - 0.68|
 * @param coverage coverage(q) at {@link Calibration#LEVELS}
 * @param medianIqr median over observations of the posterior IQR
 * @param mae mean |posterior median - truth|
 * @param rmse root mean square of (posterior median - truth)
 * @param bias mean (posterior median - truth)
 * @param contraction 1 - mean posterior variance / prior variance (0: nothing learned, 1: exact)
 * @param priorVariance variance of the truth over the set's prior (the simulation's distribution)
 * @param zMean mean z-score (posterior mean - truth) / posterior sd: 0 when unbiased
 * @param zSd sd of the z-scores: 1 when the spread is right, > 1 overconfident, < 1 underconfident
 * @param zMedianAbs median |z|: 0.674 for Gaussian posteriors that are calibrated
 * @param ranks the SBC rank histogram
 * @param rankChiSquare its chi-square against flat (expectation bins - 1)
 * @param ecdf the SBC rank ECDF difference with its simultaneous 95% band
 * @param scatter z-score and contraction per observation
 */
public record ParameterFigures(String name, int count, double calibrationError, double coverage68, double calibrationError68,
	double[] coverage, double medianIqr, double mae, double rmse, double bias, double contraction, double priorVariance,
	double zMean, double zSd, double zMedianAbs, long[] ranks, double rankChiSquare, RankEcdf ecdf,
	ZContraction scatter) {}
