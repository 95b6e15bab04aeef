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
 * <p>
 * Speed ({@code ./innsight bench inn --thread-counts 2 --rows-per-call 8192} prints all of these; 2 cores, shared
 * machine, 2026-12-05, launcher defaults, range over runs): training 26-32k samples/s at batch 512; validation NLL
 * -1.50 on the standard table in 8.4-11 s (15 epochs, 540 steps); sampling 239-340k samples/s at 8192 rows per call,
 * 40-54 % of DJL's matmul rate per CPU-second; {@code InnModel.sample} 248-317k samples/s. Those were with the JVM's
 * default collector (G1); the launcher's serial collector (issue 19) gave training 31.5k samples/s in two runs
 * interleaved with G1's 27.3k and 28.6k. What made the
 * difference: activations freed block by block (freed memory is reused warm instead of page-faulted in anew),
 * all weight views of a training step from one split of the flat weight array (the backward pass then builds one
 * flat gradient, not one zero-filled flat-sized gradient per weight), Adam in one native call, log-dets summed
 * once; and the launcher's bounded OpenMP spin (GOMP_SPINCOUNT=10000000) and glibc malloc settings (see its
 * comments for the figures with and without).
 */
package org.innsight.inn;
