/**
 * Invertible neural networks (normalising flows) on DJL with PyTorch: what FrEIA offers for low-dimensional data.
 * <p>
 * Where to start:
 * <ul>
 * <li>{@link org.innsight.inn.InnModel}: a trained flow with its model card; posterior samples, log-densities in
 * the user's units, latent maps; loads InnSight weights or TorchScript ({@link org.innsight.inn.TorchScriptFlow}).</li>
 * <li>{@link org.innsight.inn.InnTraining}: train from rows in user units and get an {@code InnModel} with a
 * complete card; {@link org.innsight.inn.TrainPosterior} does the whole table-to-model-folder job.</li>
 * <li>{@link org.innsight.inn.ConditionalFlow} and {@link org.innsight.inn.Conditioning}: the NDArray-level
 * contract (conditions computed once per observation, rows p*N + k belong to observation p).</li>
 * <li>{@link org.innsight.inn.InvertibleNetwork}, {@link org.innsight.inn.InnArchitecture},
 * {@link org.innsight.inn.InnTrainer}, {@link org.innsight.inn.TrainingOptions}: the network and its
 * maximum-likelihood training.</li>
 * </ul>
 * Differentiated code must not pass Numbers to NDArray ops (see {@link org.innsight.engine.NativeArrays}).
 */
package org.innsight.inn;
