/**
 * Unsupervised domain transfer of spectra with one conditional invertible network (Dreher et al.): simulated
 * spectra made to look like a real camera's, or real spectra moved into the simulation domain, learned from
 * unpaired data of both domains.
 * <ul>
 * <li>{@link org.innsight.transfer.Spectra}: the unpaired spectra of a domain; {@link org.innsight.transfer.SpectraSources}
 * reads them from a table (band columns) or from the pixels of spectral images (include/exclude masks).</li>
 * <li>{@link org.innsight.transfer.DomainNormalisation}: per domain, L2 normalisation then per-band standardisation
 * (stored in the model card).</li>
 * <li>{@link org.innsight.transfer.DomainConditions}: the condition, a domain one-hot (optionally + a tissue-class
 * one-hot), label-smoothed during training.</li>
 * <li>{@link org.innsight.transfer.TransferTrainer} fits the network by maximum likelihood on both domains, optionally
 * plus an adversarial term (through
 * {@link org.innsight.inn.InnTrainer}); {@link org.innsight.transfer.TransferModel} holds it and transfers,
 * x' = f^-1(f(x; c_from); c_to), saves and loads model folders.</li>
 * <li>{@link org.innsight.transfer.DomainTransfer}: the facade for tables (other columns kept) and images (tile by
 * tile); its {@code run} is the one entry point of the Fiji command, the CLI, the pipeline step and the demo: input,
 * model and a {@link org.innsight.transfer.TransferRequest} (destination domain, band columns) in, outputs by name
 * ({@code transferred}) out.</li>
 * <li>{@link org.innsight.transfer.TransferTraining}: training from files as {@code innsight train-transfer} does,
 * with a {@link org.innsight.transfer.TrainTransferRequest}; assembles the model card and README.</li>
 * <li>{@link org.innsight.transfer.TransferValidation}: round trip, {@link org.innsight.transfer.Mmd} before/after,
 * and the downstream {@link org.innsight.transfer.DownstreamTask} (random forest on sO2 bins).</li>
 * </ul>
 * The optional adversarial term of the paper ({@link org.innsight.transfer.TransferSettings#adversarial} &gt; 0):
 * least-squares GAN discriminators on transferred spectra, added through {@link org.innsight.inn.InnTrainer.ExtraLoss}.
 */
package org.innsight.transfer;
