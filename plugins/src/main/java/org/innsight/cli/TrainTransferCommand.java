package org.innsight.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.inn.InnTrainer;
import org.innsight.request.Setting;
import org.innsight.transfer.TrainTransferRequest;
import org.innsight.transfer.TransferModel;
import org.innsight.transfer.TransferTrainer;
import org.innsight.transfer.TransferTraining;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight train-transfer}: a domain-transfer cINN from unpaired spectra of two domains. */
@Command(name = "train-transfer", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Train an unsupervised domain transfer of spectra between two domains (e.g. simulation and a real camera).",
		"Dreher et al.: one conditional INN on the spectra of both domains, conditioned on the domain (label-smoothed",
		"one-hot), trained by maximum likelihood (--adversarial W adds a least-squares GAN term). No pairs, no labels.",
		"Each domain is a table (band columns) or spectral images whose pixels become samples (masks respected).",
		"Ctrl-C stops training and saves the best model so far." })
final class TrainTransferCommand implements Callable<Integer>, SettingOptions.Owner {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--source", required = true, arity = "1..*", paramLabel = "FILE",
		description = "Source domain (e.g. simulations): one table (.csv/.h5) or spectral images.")
	List<Path> source;

	@Option(names = "--target", required = true, arity = "1..*", paramLabel = "FILE",
		description = "Target domain (e.g. real data): one table or spectral images.")
	List<Path> target;

	@Option(names = "--source-mask", arity = "1..*", paramLabel = "MASK", description = "Per source image: use only pixels where the mask is non-zero.")
	List<Path> sourceMask = new ArrayList<>();

	@Option(names = "--source-exclude", arity = "1..*", paramLabel = "MASK", description = "Per source image: skip pixels where the mask is non-zero.")
	List<Path> sourceExclude = new ArrayList<>();

	@Option(names = "--target-mask", arity = "1..*", paramLabel = "MASK", description = "Per target image: use only pixels where the mask is non-zero.")
	List<Path> targetMask = new ArrayList<>();

	@Option(names = "--target-exclude", arity = "1..*", paramLabel = "MASK",
		description = "Per target image: skip pixels where the mask is non-zero (e.g. sample-data/msi/foreign_mask.tif).")
	List<Path> targetExclude = new ArrayList<>();

	@Option(names = "--bands", paramLabel = "PATTERN", description = "Band columns of tables (names or globs; default: the header's observation columns, else band_*).")
	String bands;

	@Option(names = "--class-column", paramLabel = "NAME", description = "Also condition on this tissue-class column (whole numbers 0..K-1) of both tables.")
	String classColumn;

	@Mixin
	TrainingMixin model;

	@Option(names = "--max-rows", paramLabel = "N", description = "Use at most N spectra per domain, drawn by --seed (0 = all).")
	int maxRows;

	@Option(names = "--seed", paramLabel = "S", description = "Seed of weights, split, batches and smoothing (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
	int epochs;

	@Option(names = "--patience", paramLabel = "N", description = "Stop after N epochs without a better validation NLL (default: ${DEFAULT-VALUE}).")
	int patience;

	@Option(names = "--blocks", paramLabel = "N", description = "Coupling blocks (default: ${DEFAULT-VALUE}).")
	int blocks;

	@Option(names = "--width", paramLabel = "N", description = "Subnet width (default: ${DEFAULT-VALUE}).")
	int width;

	@Option(names = "--batch", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
	int batch;

	@Option(names = "--lr", paramLabel = "LR", description = "Learning rate (default: ${DEFAULT-VALUE}).")
	double lr;

	@Option(names = "--weight-decay", paramLabel = "W", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
	double weightDecay;

	@Option(names = "--smoothing", paramLabel = "U", description = "Label smoothing: u ~ U(0, U) (default: ${DEFAULT-VALUE}).")
	double smoothing;

	@Option(names = "--adversarial", paramLabel = "W",
		description = "Weight of the adversarial (least-squares GAN) term on transferred spectra; 0 = maximum likelihood only (default: ${DEFAULT-VALUE}).")
	double adversarial;

	@Override
	public List<Setting<?>> settings() {
		return TrainTransferRequest.SETTINGS;
	}

	@Override
	public Integer call() throws Exception {
		final TransferTraining.Provenance provenance = new TransferTraining.Provenance(model.name(), CliCommands.commandLine(cli.spec()));
		final TransferTraining.Domain sourceDomain = new TransferTraining.Domain(source, sourceMask, sourceExclude);
		final TransferTraining.Domain targetDomain = new TransferTraining.Domain(target, targetMask, targetExclude);
		TransferTraining.checkFiles(sourceDomain, targetDomain);
		model.checkOut();
		final TrainTransferRequest request = new TrainTransferRequest(SettingOptions.read(cli.spec(), TrainTransferRequest.SETTINGS)).check();
		final TransferTraining.Data data = TransferTraining.read(sourceDomain, targetDomain, request);
		cli.out().println("source: " + data.source() + "\ntarget: " + data.target());

		// Ctrl-C: the hook stops training after the epoch and waits (closing ctrlC tells it) until the best model so far is saved
		try (TrainingInterruption ctrlC = TrainingInterruption.install(120, cli.err())) {
			final TransferTrainer.Trained t;
			try (TerminalProgress bar = TerminalProgress.start("train-transfer")) {
				final InnTrainer.EpochListener printEpoch = e -> cli.out().printf(Locale.ROOT, "epoch %3d  train NLL %.4f  validation NLL %.4f  lr %.2g%s  %.1f s%n",
					e.epoch(), e.trainNll(), e.validationNll(), e.learningRate(), e.improved() ? "  *" : "", e.seconds());
				t = TransferTraining.train(data, request, cli.device(), bar, printEpoch, ctrlC.stopFlag());
			}
			try (TransferModel trained = t.model()) {
				TransferTraining.save(t, data, request, provenance, cli.device(), model.out(), model.replace());
			}
			final InnTrainer.Result r = t.result();
			cli.out().printf(Locale.ROOT, "wrote %s: best epoch %d of %d, validation NLL %.4f nats/dim, %.0f s%s%n", model.out(), r.bestEpoch(),
				r.epochs(), r.bestValidationNll(), r.seconds(), r.interrupted() ? " (interrupted: best so far)" : "");
		}
		return 0;
	}
}
