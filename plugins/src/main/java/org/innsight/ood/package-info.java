/**
 * Out-of-distribution detection: where a spectrum is unlike anything the models were trained on, so that
 * their answers (e.g. tissue posteriors) should not be trusted.
 * <p>
 * Method (issue 6; Choi, Jang and Alemi, "WAIC, but why?", 2018): an ensemble of M unconditional INN density
 * models of the spectra ({@link org.innsight.inn.InvertibleNetwork} without conditions), each trained on its own
 * resample of the training table with its own seed. For a spectrum x (normalised like the training camera, then
 * standardised inside each member, whose Jacobian -sum log sd is part of the density):
 * log p_m(x) = -||f_m(x)||^2 / 2 - (D/2) log(2 pi) + log|det J_m(x)|;
 * WAIC(x) = mean_m log p_m(x) - var_m log p_m(x); score = -WAIC(x) / D (higher = more out of distribution).
 * The threshold flags a chosen fraction (default 5%) of held-out in-distribution spectra.
 * <ul>
 * <li>{@link org.innsight.ood.OodModel}: load a model folder ({@code OodModel.load(name or path, device)}), then
 * {@code score(spectra, rows)}, {@code evaluate} (score, mean log p, spread), {@code judge}, {@code flags}, {@code threshold()},
 * {@code isOutOfDistribution(score)}. What the posterior command uses to mask pixels.</li>
 * <li>{@link org.innsight.ood.OodTrainer} + {@link org.innsight.ood.OodTrainingOptions}: train and calibrate
 * ({@code innsight train-ood}, whose options are a {@link org.innsight.ood.TrainOodRequest}) on
 * {@link org.innsight.ood.TableSpectra}, the spectra of a table.</li>
 * <li>{@link org.innsight.ood.OodMaps#run}: score map, mask and member spread of a
 * {@link org.innsight.image.SpectralImage}, tile by tile, as named outputs; options in an
 * {@link org.innsight.ood.OodRequest} ({@code Out-of-Distribution Map}, {@code innsight ood}, pipeline step
 * {@code ood}). {@link org.innsight.ood.OodTableScores}: the scores of a table's spectra ({@code innsight ood
 * --table}).</li>
 * <li>{@link org.innsight.ood.OodSets}: seeded OOD spectra (instruments, specular highlights, a foreign absorber,
 * saturated and underexposed pixels) through a camera ({@code innsight simulate-ood}).</li>
 * <li>{@link org.innsight.ood.OodValidation}, {@link org.innsight.ood.Roc} (drawn by {@code org.innsight.plots.OodPlots}):
 * AUROC, FPR at 95% TPR and ROC curves, WAIC against single-model likelihood ({@code innsight validate-ood}).</li>
 * <li>{@link org.innsight.ood.Waic}: the score from per-member log-densities.</li>
 * <li>Issue 22, two more scores in the card, each flagging on its own: {@link org.innsight.ood.IntensityScore}
 * (brightness, plain or less what the spectrum's shape predicts: exposure) and
 * {@link org.innsight.ood.HighlightScore} (likelihood ratio of the ensemble for the spectrum less a white offset:
 * specular highlights); {@link org.innsight.ood.OodModel#judge} gives every score and the final flag,
 * {@link org.innsight.ood.OodCalibration} calibrates them ({@code innsight ood-calibrate}).</li>
 * </ul>
 */
package org.innsight.ood;
