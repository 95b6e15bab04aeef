package org.innsight.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.engine.ModelFolder;
import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.ood.OodModel;
import org.innsight.ood.OodTrainer;
import org.innsight.ood.TableSpectra;
import org.innsight.ood.TrainOodRequest;
import org.innsight.request.Setting;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight train-ood}: an OOD ensemble (WAIC of unconditional INNs) from a table of in-distribution spectra. */
@Command(name = "train-ood", mixinStandardHelpOptions = true,
	description = { "Train an out-of-distribution detector: an ensemble of unconditional INN density models of the spectra",
		"(each on its own resample of the table, with its own seed), and a score threshold calibrated on held-out rows.",
		"Ctrl-C stops after the current member's best epoch so far and saves the members trained until then." })
final class TrainOodCommand implements Callable<Integer>, SettingOptions.Owner {

	/** How long Ctrl-C waits for the members trained so far to be saved. */
	private static final long SAVE_WAIT_SECONDS = 300;

	@Mixin
	GlobalOptions cli;

	@Mixin
	TrainingMixin model;

	@Option(names = "--table", required = true, paramLabel = "FILE", description = "In-distribution spectra: a table from innsight simulate (.h5/.csv).")
	Path table;

	@Option(names = "--bands", paramLabel = "COLUMNS",
		description = "Spectral columns (names or globs, comma-separated; default: the header's observation columns, else band_*).")
	String bands;

	@Option(names = "--members", paramLabel = "M", description = "Ensemble size (default: ${DEFAULT-VALUE}).")
	int members;

	@Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--fpr", paramLabel = "F",
		description = "False-positive rate the threshold is calibrated for on held-out rows (default: ${DEFAULT-VALUE}).")
	double fpr;

	@Option(names = "--calibration", paramLabel = "F", description = "Fraction of rows held out for the threshold (default: ${DEFAULT-VALUE}).")
	double calibration;

	@Option(names = "--resample", paramLabel = "subsample|bootstrap|none",
		description = "Rows per member: a random 80%% (subsample), n draws with replacement (bootstrap), or all (default: ${DEFAULT-VALUE}).")
	String resample;

	@Option(names = "--noise-transform", paramLabel = "auto|stabilise|none",
		description = "Model the spectra in noise-whitened units (the camera's variance-stabilising map; auto: when the table's camera allows) " +
			"or raw (none) (default: ${DEFAULT-VALUE}).")
	String noiseTransform;

	@Option(names = "--blocks", paramLabel = "N", description = "Coupling blocks per member (default: ${DEFAULT-VALUE}).")
	int blocks;

	@Option(names = "--width", paramLabel = "N", description = "Subnet width (default: ${DEFAULT-VALUE}).")
	int width;

	@Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs per member (default: ${DEFAULT-VALUE}).")
	int epochs;

	@Option(names = "--patience", paramLabel = "N", description = "Early stopping after N epochs without a better validation NLL (default: ${DEFAULT-VALUE}).")
	int patience;

	@Option(names = "--batch", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
	int batch;

	@Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
	double lr;

	@Override
	public List<Setting<?>> settings() {
		return TrainOodRequest.SETTINGS;
	}

	@Override
	public Integer call() throws Exception {
		model.checkOut();
		final TrainOodRequest request = new TrainOodRequest(SettingOptions.read(cli.spec(), TrainOodRequest.SETTINGS));
		final List<String> problems = request.validate();
		if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
		final Table t = TableFiles.read(table);
		final TableSpectra spectra = TableSpectra.of(t, bands);
		final OodTrainer.Provenance provenance = new OodTrainer.Provenance(model.name(), CliCommands.commandLine(cli.spec()), ModelFolder.sha256(table),
			spectra.rows() + " spectra x " + spectra.bands() + " bands from " + table.getFileName() + describe(t));
		final int members = request.members();
		cli.out().printf(Locale.ROOT, "training %d members on %d spectra x %d bands from %s (seed %d)%n", members, spectra.rows(), spectra.bands(), table,
			request.seed());
		try (TrainingInterruption ctrlC = TrainingInterruption.install(SAVE_WAIT_SECONDS, cli.err())) {
			try {
				final OodModel trained;
				try (TerminalProgress bar = TerminalProgress.start("train-ood")) {
					trained = new OodTrainer(request.options()).train(spectra, provenance, cli.device(), bar, (k, r) -> cli.out().printf(Locale.ROOT,
						"member %d/%d: %d epochs (best %d), validation NLL %.4f nats/band, %.0f s%s%n", k + 1, members, r.epochs(), r.bestEpoch(),
						r.bestValidationNll(), r.seconds(), r.interrupted() ? " (interrupted)" : r.stoppedEarly() ? " (early stop)" : ""), ctrlC.stopFlag());
				}
				try (trained) {
					final ModelFolder folder = trained.save(model.out(), model.replace());
					cli.out().println("spectrum transform: " + trained.stabiliser());
					cli.out().printf(Locale.ROOT, "threshold %.4f (flags %.1f%% of %d held-out spectra); wrote %s%n", trained.threshold(),
						100 * trained.calibrationFpr(), trained.card().details.get("calibration_rows").getAsInt(), folder.dir());
					if (ctrlC.requested()) cli.out().println("stopped early by the user: " + trained.members() + " of " + members + " members saved");
				}
			}
			finally {
				ctrlC.savedCheckpoint();
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
