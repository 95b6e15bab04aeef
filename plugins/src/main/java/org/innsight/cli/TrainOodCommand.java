package org.innsight.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.innsight.engine.ModelFolder;
import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.ood.OodModel;
import org.innsight.ood.OodTrainer;
import org.innsight.ood.OodTrainingOptions;
import org.innsight.ood.Spectra;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code innsight train-ood}: an OOD ensemble (WAIC of unconditional INNs) from a table of in-distribution spectra. */
@Command(name = "train-ood", mixinStandardHelpOptions = true,
	description = { "Train an out-of-distribution detector: an ensemble of unconditional INN density models of the spectra",
		"(each on its own resample of the table, with its own seed), and a score threshold calibrated on held-out rows.",
		"Ctrl-C stops after the current member's best epoch so far and saves the members trained until then." })
final class TrainOodCommand implements Callable<Integer> {

	@ParentCommand
	InnSightCli root;

	@Spec
	CommandSpec spec;

	@Option(names = "--table", required = true, paramLabel = "FILE", description = "In-distribution spectra: a table from innsight simulate (.h5/.csv).")
	Path table;

	@Option(names = "--bands", paramLabel = "COLUMNS",
		description = "Spectral columns (names or globs, comma-separated; default: the header's observation columns, else band_*).")
	String bands;

	@Option(names = "--out", required = true, paramLabel = "DIR", description = "Model folder to write (e.g. models/msi-ood-16band).")
	Path out;

	@Option(names = "--name", paramLabel = "NAME", description = "Model name in the card (default: the folder name).")
	String name;

	@Option(names = "--replace", description = "Replace an existing model folder at --out.")
	boolean replace;

	@Option(names = "--members", defaultValue = "5", paramLabel = "M", description = "Ensemble size (default: ${DEFAULT-VALUE}).")
	int members;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--fpr", defaultValue = "0.05", paramLabel = "F",
		description = "False-positive rate the threshold is calibrated for on held-out rows (default: ${DEFAULT-VALUE}).")
	double fpr;

	@Option(names = "--calibration", defaultValue = "0.1", paramLabel = "F", description = "Fraction of rows held out for the threshold (default: ${DEFAULT-VALUE}).")
	double calibration;

	@Option(names = "--resample", defaultValue = "subsample", paramLabel = "subsample|bootstrap|none",
		description = "Rows per member: a random 80%% (subsample), n draws with replacement (bootstrap), or all (default: ${DEFAULT-VALUE}).")
	String resample;

	@Option(names = "--noise-transform", defaultValue = "auto", paramLabel = "auto|stabilise|none",
		description = "Model the spectra in noise-whitened units (the camera's variance-stabilising map; auto: when the table's camera allows) " +
			"or raw (none) (default: ${DEFAULT-VALUE}).")
	String noiseTransform;

	@Option(names = "--blocks", defaultValue = "6", paramLabel = "N", description = "Coupling blocks per member (default: ${DEFAULT-VALUE}).")
	int blocks;

	@Option(names = "--width", defaultValue = "128", paramLabel = "N", description = "Subnet width (default: ${DEFAULT-VALUE}).")
	int width;

	@Option(names = "--epochs", defaultValue = "40", paramLabel = "N", description = "Maximum epochs per member (default: ${DEFAULT-VALUE}).")
	int epochs;

	@Option(names = "--patience", defaultValue = "6", paramLabel = "N", description = "Early stopping after N epochs without a better validation NLL (default: ${DEFAULT-VALUE}).")
	int patience;

	@Option(names = "--batch", defaultValue = "512", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
	int batch;

	@Option(names = "--lr", defaultValue = "1e-3", paramLabel = "RATE", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
	double lr;

	@Override
	public Integer call() throws Exception {
		if (Files.exists(out) && !replace) throw new IllegalArgumentException("--out " + out + " exists; choose another folder or add --replace");
		final Table t = TableFiles.read(table);
		final Spectra spectra = Spectra.of(t, bands);
		final OodTrainingOptions o = new OodTrainingOptions();
		o.members = members;
		o.seed = seed;
		o.fpr = fpr;
		o.calibrationFraction = calibration;
		o.resample = resample;
		o.noiseTransform = noiseTransform;
		o.blocks = blocks;
		o.subnetWidth = width;
		o.maxEpochs = epochs;
		o.earlyStoppingPatience = patience;
		o.batchSize = batch;
		o.learningRate = lr;
		o.validate();
		final String modelName = name != null ? name : out.toAbsolutePath().normalize().getFileName().toString();
		final OodTrainer.Provenance provenance = new OodTrainer.Provenance(modelName, CliCommands.commandLine(spec), ModelFolder.sha256(table),
			spectra.rows() + " spectra x " + spectra.bands() + " bands from " + table.getFileName() + describe(t));
		System.out.printf(Locale.ROOT, "training %d members on %d spectra x %d bands from %s (seed %d)%n", members, spectra.rows(), spectra.bands(), table, seed);

		final AtomicBoolean stop = new AtomicBoolean();
		final CountDownLatch saved = new CountDownLatch(1);
		final Thread hook = new Thread(() -> {
			stop.set(true);
			try {
				saved.await(5, TimeUnit.MINUTES); // let the training thread save the members trained so far
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}, "innsight-train-ood-stop");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			final OodModel model;
			try (TerminalProgress bar = TerminalProgress.start("train-ood")) {
				model = new OodTrainer(o).train(spectra, provenance, root.device(), bar, (k, r) -> System.out.printf(Locale.ROOT,
					"member %d/%d: %d epochs (best %d), validation NLL %.4f nats/band, %.0f s%s%n", k + 1, members, r.epochs(), r.bestEpoch(),
					r.bestValidationNll(), r.seconds(), r.interrupted() ? " (interrupted)" : r.stoppedEarly() ? " (early stop)" : ""), stop);
			}
			try (model) {
				final ModelFolder folder = model.save(out, replace);
				System.out.println("spectrum transform: " + model.stabiliser());
				System.out.printf(Locale.ROOT, "threshold %.4f (flags %.1f%% of %d held-out spectra); wrote %s%n", model.threshold(),
					100 * model.calibrationFpr(), model.card().details.get("calibration_rows").getAsInt(), folder.dir());
				if (stop.get()) System.out.println("stopped early by the user: " + model.members() + " of " + members + " members saved");
			}
		}
		finally {
			saved.countDown();
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (final IllegalStateException e) {
				// already shutting down (Ctrl-C): the hook is running and waits for `saved`
			}
		}
		return 0;
	}

	private static String describe(final Table t) {
		final var h = t.header();
		final StringBuilder b = new StringBuilder();
		if (h.has("model")) b.append(", model ").append(h.get("model").getAsString());
		if (h.has("camera") && h.get("camera").isJsonObject() && h.getAsJsonObject("camera").has("name"))
			b.append(", camera ").append(h.getAsJsonObject("camera").get("name").getAsString());
		if (h.has("seed")) b.append(", seed ").append(h.get("seed").getAsString());
		return b.toString();
	}
}
