/**
 * Tissue posterior estimation: per-pixel (or per-row) posteriors of tissue parameters from spectra, with their
 * summaries and the diagnostics that say whether to trust them.
 * <ul>
 * <li>{@link org.innsight.posterior.PosteriorSampler}: draws posterior samples for observations;
 * {@link org.innsight.posterior.PosteriorModel} is a trained conditional INN (model folder + card) as one.</li>
 * <li>{@link org.innsight.posterior.PosteriorEstimator}: a spectral image -> {@link org.innsight.posterior.PosteriorMaps}
 * (median, mean, IQR, number of modes, ... per parameter), tile by tile, with masks, an exclusion hook (e.g. OOD
 * flags) and counted bad pixels; {@link org.innsight.posterior.PixelInspector}: one pixel's or region's posterior
 * in detail; {@link org.innsight.posterior.TablePosterior}: the same for rows of a table.</li>
 * <li>Summaries: {@link org.innsight.posterior.SampleStatistics} (type-7 quantiles),
 * {@link org.innsight.posterior.Kde} (Silverman bandwidth) and {@link org.innsight.posterior.Modes} (KDE peaks with a
 * prominence threshold), {@link org.innsight.posterior.Summariser}.</li>
 * <li>Validation on held-out simulations: {@link org.innsight.posterior.Validation} ->
 * {@link org.innsight.posterior.ValidationReport}: {@link org.innsight.posterior.Calibration} (coverage of central
 * intervals), {@link org.innsight.posterior.RankHistogram} (SBC), {@link org.innsight.posterior.ValidationMetrics}
 * (IQR, MAE/RMSE, contraction, z-scores), {@link org.innsight.posterior.Resimulation} (posterior samples through the
 * forward model).</li>
 * </ul>
 * Nothing here imports ImageJ's GUI, SciJava or picocli: the Fiji commands ({@code fiji.TissuePosteriorCommand},
 * {@code fiji.PosteriorInspectorCommand}) and the CLI ({@code posterior}, {@code validate}, {@code bench posterior})
 * are thin adapters over these classes.
 */
package org.innsight.posterior;
