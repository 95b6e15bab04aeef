package org.innsight.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.innsight.inn.InnTrainer;
import org.innsight.inn.TrainPosterior;
import org.innsight.inn.TrainPosteriorRequest;
import org.innsight.request.Setting;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code innsight train-posterior}: a conditional INN for p(parameters | observations) from a table. The training
 * options take their defaults from {@link TrainPosteriorRequest}; {@code --out}, {@code --replace} and
 * {@code --name} are every trainer's ({@link TrainingMixin}).
 */
@Command(name = "train-posterior", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Train a conditional invertible network for the posterior of parameters given observations, from a table " +
		"(CSV or HDF5, e.g. from 'innsight simulate'), by maximum likelihood. Ctrl-C saves the best checkpoint so far.",
		"Example: innsight train-posterior --table sims.h5 --params \"sO2,vHb\" --observations \"band_*\" --out models/my-model" })
final class TrainPosteriorCommand implements Callable<Integer>, SettingOptions.Owner {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--table", required = true, paramLabel = "FILE", description = "Training table (.csv or .h5).")
	Path table;

	@Option(names = "--params", required = true, paramLabel = "NAMES", description = "Parameter columns (comma-separated names or globs).")
	String params;

	@Option(names = "--observations", required = true, paramLabel = "NAMES", description = "Observation columns (names or globs, e.g. \"band_*\").")
	String observations;

	@Mixin
	TrainingMixin model;

	@Option(names = "--range", paramLabel = "NAME=LO:HI|NAME=none", description = "Range of a bounded parameter (logit-transformed); " +
		"default: the table header's simulated range, if any. 'none' makes it unbounded. Repeatable.")
	List<String> ranges;

	@Option(names = "--unit", paramLabel = "NAME=UNIT", description = "Unit of a parameter (default: from the table header). Repeatable.")
	List<String> units;

	@Option(names = "--noise", paramLabel = "SIGMA", description = "Gaussian noise sd added to observations per batch, in their units (default: ${DEFAULT-VALUE}).")
	double noise;

	@Option(names = "--relative-noise", paramLabel = "R", description = "Gaussian noise sd relative to each observation value (default: ${DEFAULT-VALUE}).")
	double relativeNoise;

	@Option(names = "--param-noise", paramLabel = "SIGMA", description = "Noise on standardised parameters (default: ${DEFAULT-VALUE}).")
	double paramNoise;

	@Option(names = "--epochs", description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
	int epochs;

	@Option(names = "--patience", description = "Stop after this many epochs without a better validation NLL; 0 = never (default: ${DEFAULT-VALUE}).")
	int patience;

	@Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
	int batch;

	@Option(names = "--lr", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
	double lr;

	@Option(names = "--weight-decay", description = "Weight decay (default: ${DEFAULT-VALUE}).")
	double weightDecay;

	@Option(names = "--clip", description = "Gradient-norm clipping; 0 = off (default: ${DEFAULT-VALUE}).")
	double clip;

	@Option(names = "--schedule", paramLabel = "plateau|step", description = "Learning-rate decay (default: ${DEFAULT-VALUE}).")
	String schedule;

	@Option(names = "--decay", description = "Learning-rate decay factor (default: ${DEFAULT-VALUE}).")
	double decay;

	@Option(names = "--decay-every", paramLabel = "EPOCHS", description = "Plateau patience or step length in epochs (default: ${DEFAULT-VALUE}).")
	int decayEvery;

	@Option(names = "--validation-fraction", description = "Held-out fraction for validation (default: ${DEFAULT-VALUE}).")
	double validationFraction;

	@Option(names = "--seed", description = "Seed for weights, split, batches and noise (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--block-type", paramLabel = "all-in-one|glow", description = "Coupling blocks (default: ${DEFAULT-VALUE}).")
	String blockType;

	@Option(names = "--blocks", description = "Coupling blocks (default: ${DEFAULT-VALUE}).")
	int blocks;

	@Option(names = "--width", description = "Subnet width (default: ${DEFAULT-VALUE}).")
	int width;

	@Option(names = "--depth", description = "Subnet hidden layers (default: ${DEFAULT-VALUE}).")
	int depth;

	@Option(names = "--features", description = "Conditioning-network features; 0 = feed standardised observations directly (default: ${DEFAULT-VALUE}).")
	int features;

	@Option(names = "--householder", description = "Learned Householder reflections per block (default: ${DEFAULT-VALUE}).")
	int householder;

	@Option(names = "--clamp", description = "Soft clamp of coupling log-scales (default: ${DEFAULT-VALUE}).")
	double clamp;

	@Override
	public List<Setting<?>> settings() {
		return TrainPosteriorRequest.SETTINGS;
	}

	@Override
	public Integer call() throws Exception {
		final TrainPosteriorRequest request = new TrainPosteriorRequest(SettingOptions.read(cli.spec(), TrainPosteriorRequest.SETTINGS));
		final TrainPosterior job = new TrainPosterior().with(request);
		model.checkOut();
		job.table = table;
		job.params = params;
		job.observations = observations;
		job.out = model.out();
		job.replace = model.replace();
		job.name = model.name();
		job.ranges = parseRanges();
		job.units = parseUnits();
		job.device = cli.device();
		job.command = CliCommands.commandLine(cli.spec().commandLine().getParseResult().originalArgs());

		cli.out().printf(Locale.ROOT, "training a posterior model from %s -> %s%n", table, model.out());
		try (TrainingInterruption ctrlC = TrainingInterruption.install(120, cli.err()); TerminalProgress bar = TerminalProgress.start("train-posterior")) {
			final InnTrainer.EpochListener printEpoch = e -> cli.out().printf(Locale.ROOT, "epoch %d: train NLL %.4f, validation NLL %.4f%s, lr %.2g, %.1f s%n",
				e.epoch(), e.trainNll(), e.validationNll(), e.improved() ? " (best)" : "", e.learningRate(), e.seconds());
			try {
				final TrainPosterior.Outcome outcome = job.run(bar, printEpoch, ctrlC.stopFlag());
				final InnTrainer.Result r = outcome.result();
				cli.out().printf(Locale.ROOT, "parameters %s | observations %s, %d rows (%d train, %d validation)%n", outcome.params(),
					outcome.observations(), outcome.rows(), r.trainRows(), r.validationRows());
				if (outcome.saved() == null) {
					cli.out().println("interrupted before the first epoch finished: nothing saved");
					return 1;
				}
				cli.out().printf(Locale.ROOT, "%s after %d epoch(s): best validation NLL %.4f (epoch %d)%nsaved %s%n",
					r.interrupted() ? "interrupted" : r.stoppedEarly() ? "stopped early" : "finished", r.epochs(), r.bestValidationNll(), r.bestEpoch(),
					outcome.saved().dir());
				return 0;
			}
			finally {
				ctrlC.savedCheckpoint();
			}
		}
	}

	private Map<String, double[]> parseRanges() {
		final Map<String, double[]> m = new LinkedHashMap<>();
		if (ranges == null) return m;
		for (final String r : ranges) {
			final int eq = r.indexOf('=');
			if (eq <= 0) throw new IllegalArgumentException("--range needs NAME=LO:HI or NAME=none, got '" + r + "'");
			final String value = r.substring(eq + 1).trim();
			if (value.equalsIgnoreCase("none")) {
				m.put(r.substring(0, eq).trim(), null);
				continue;
			}
			final String[] lh = value.split(":");
			try {
				if (lh.length != 2) throw new NumberFormatException();
				final double lo = Double.parseDouble(lh[0]), hi = Double.parseDouble(lh[1]);
				if (!(lo < hi)) throw new IllegalArgumentException("--range " + r + ": LO must be < HI");
				m.put(r.substring(0, eq).trim(), new double[] { lo, hi });
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException("--range needs NAME=LO:HI with numbers, got '" + r + "'");
			}
		}
		return m;
	}

	private Map<String, String> parseUnits() {
		final Map<String, String> m = new LinkedHashMap<>();
		if (units == null) return m;
		for (final String u : units) {
			final int eq = u.indexOf('=');
			if (eq <= 0) throw new IllegalArgumentException("--unit needs NAME=UNIT, got '" + u + "'");
			m.put(u.substring(0, eq).trim(), u.substring(eq + 1).trim());
		}
		return m;
	}
}
