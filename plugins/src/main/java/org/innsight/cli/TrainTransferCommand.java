package org.innsight.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.innsight.engine.Engines;
import org.innsight.engine.ModelCard;
import org.innsight.io.AtomicFiles;
import org.innsight.io.TableFiles;
import org.innsight.transfer.Spectra;
import org.innsight.transfer.SpectraSources;
import org.innsight.transfer.TransferModel;
import org.innsight.transfer.TransferSettings;
import org.innsight.transfer.TransferTrainer;

import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code innsight train-transfer}: a domain-transfer cINN from unpaired spectra of two domains. */
@Command(name = "train-transfer", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Train an unsupervised domain transfer of spectra between two domains (e.g. simulation and a real camera).",
		"Dreher et al.: one conditional INN on the spectra of both domains, conditioned on the domain (label-smoothed",
		"one-hot), trained by maximum likelihood. No pairs, no labels.",
		"Each domain is a table (band columns) or spectral images whose pixels become samples (masks respected).",
		"Ctrl-C stops training and saves the best model so far." })
final class TrainTransferCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

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

	@Option(names = "--out", required = true, paramLabel = "DIR", description = "Model folder to write (must not exist unless --replace).")
	Path out;

	@Option(names = "--replace", description = "Replace an existing model folder at --out.")
	boolean replace;

	@Option(names = "--name", paramLabel = "NAME", description = "Model name in the card (default: the folder name).")
	String name;

	@Option(names = "--max-rows", defaultValue = "0", paramLabel = "N", description = "Use at most N spectra per domain, drawn by --seed (0 = all).")
	int maxRows;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of weights, split, batches and smoothing (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--epochs", defaultValue = "150", paramLabel = "N", description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
	int epochs;

	@Option(names = "--patience", defaultValue = "20", paramLabel = "N", description = "Stop after N epochs without a better validation NLL (default: ${DEFAULT-VALUE}).")
	int patience;

	@Option(names = "--blocks", defaultValue = "3", paramLabel = "N", description = "Coupling blocks (default: ${DEFAULT-VALUE}).")
	int blocks;

	@Option(names = "--width", defaultValue = "32", paramLabel = "N", description = "Subnet width (default: ${DEFAULT-VALUE}).")
	int width;

	@Option(names = "--batch", defaultValue = "512", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
	int batch;

	@Option(names = "--lr", defaultValue = "1e-3", paramLabel = "LR", description = "Learning rate (default: ${DEFAULT-VALUE}).")
	double lr;

	@Option(names = "--weight-decay", defaultValue = "1e-5", paramLabel = "W", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
	double weightDecay;

	@Option(names = "--smoothing", defaultValue = "0.1", paramLabel = "U", description = "Label smoothing: u ~ U(0, U) (default: ${DEFAULT-VALUE}).")
	double smoothing;

	@Override
	public Integer call() throws Exception {
		final String command = TransferCli.commandLine(spec);
		for (final Path p : concat(source, target, sourceMask, sourceExclude, targetMask, targetExclude))
			if (!Files.isRegularFile(p)) throw new java.nio.file.NoSuchFileException(p.toString(), null, "no such file");
		if (Files.exists(out) && !replace) throw new IllegalArgumentException("--out " + out + " exists; choose another folder or add --replace");
		if (maxRows < 0) throw new IllegalArgumentException("--max-rows must be >= 0");
		final TransferSettings s = new TransferSettings();
		s.seed = seed;
		s.maxEpochs = epochs;
		s.earlyStoppingPatience = patience;
		s.blocks = blocks;
		s.subnetWidth = width;
		s.batchSize = batch;
		s.learningRate = lr;
		s.smoothing = smoothing;
		s.weightDecay = weightDecay;
		s.validate();

		Spectra src = SpectraSources.read(source, sourceMask, sourceExclude, bands);
		Spectra tgt = SpectraSources.read(target, targetMask, targetExclude, bands);
		int[] srcClasses = null, tgtClasses = null;
		int classes = 0;
		if (classColumn != null) {
			if (!SpectraSources.isTable(source.get(0)) || !SpectraSources.isTable(target.get(0)))
				throw new IllegalArgumentException("--class-column needs tables for both domains (images carry no class per pixel)");
			srcClasses = SpectraSources.classes(TableFiles.read(source.get(0)), classColumn);
			tgtClasses = SpectraSources.classes(TableFiles.read(target.get(0)), classColumn);
			for (final int c : srcClasses) classes = Math.max(classes, c + 1);
			for (final int c : tgtClasses) classes = Math.max(classes, c + 1);
			classes = Math.max(classes, 2);
		}
		if (maxRows > 0) {
			final int[] si = pick(src.rows(), maxRows, seed), ti = pick(tgt.rows(), maxRows, seed + 1);
			src = src.rows(si);
			tgt = tgt.rows(ti);
			if (srcClasses != null) {
				srcClasses = select(srcClasses, si);
				tgtClasses = select(tgtClasses, ti);
			}
		}
		System.out.println("source: " + src + "\ntarget: " + tgt);

		final AtomicBoolean stop = new AtomicBoolean();
		final CountDownLatch saved = new CountDownLatch(1);
		final Thread hook = new Thread(() -> {
			stop.set(true);
			try {
				saved.await(); // let the best weights so far reach the disk before the JVM exits
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}, "train-transfer-ctrl-c");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			final TransferTrainer.Trained t;
			try (TerminalProgress bar = TerminalProgress.start("train-transfer")) {
				t = new TransferTrainer(s).train(src, tgt, srcClasses, tgtClasses, classes, classColumn, TransferCli.device(spec), bar,
					e -> System.out.printf(Locale.ROOT, "epoch %3d  train NLL %.4f  validation NLL %.4f  lr %.2g%s  %.1f s%n", e.epoch(), e.trainNll(),
						e.validationNll(), e.learningRate(), e.improved() ? "  *" : "", e.seconds()), stop);
			}
			try (TransferModel model = t.model()) {
				final ModelCard card = new ModelCard();
				card.name = name != null ? name : out.toAbsolutePath().normalize().getFileName().toString();
				card.description = "Unsupervised domain transfer of " + src.bands() + "-band spectra between '" + src.source() + "' (source) and '" +
					tgt.source() + "' (target): a conditional INN on L2-normalised, per-domain standardised spectra.";
				card.training.command = command;
				card.training.seed = seed;
				card.training.dataSha256 = TransferCli.sha256(concat(source, target));
				card.training.dataDescription = "source: " + src + "; target: " + tgt + (maxRows > 0 ? " (at most " + maxRows + " rows per domain)" : "");
				card.training.date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
				card.training.device = TransferCli.device(spec).toString();
				card.training.settings = s.toJson();
				card.training.settings.addProperty("threads", Engines.threads());
				final JsonObject v = new JsonObject();
				v.addProperty("best_epoch", t.result().bestEpoch());
				v.addProperty("epochs", t.result().epochs());
				v.addProperty("best_validation_nll_per_dim", t.result().bestValidationNll());
				v.addProperty("stopped_early", t.result().stoppedEarly());
				v.addProperty("interrupted", t.result().interrupted());
				v.addProperty("train_rows", t.result().trainRows());
				v.addProperty("validation_rows", t.result().validationRows());
				v.addProperty("source_rows", t.sourceRows());
				v.addProperty("target_rows", t.targetRows());
				v.addProperty("seconds", Math.round(t.result().seconds()));
				card.validation = v;
				writeReadme(model.save(out, card, replace));
			}
			System.out.printf(Locale.ROOT, "wrote %s: best epoch %d of %d, validation NLL %.4f nats/dim, %.0f s%s%n", out, t.result().bestEpoch(),
				t.result().epochs(), t.result().bestValidationNll(), t.result().seconds(), t.result().interrupted() ? " (interrupted: best so far)" : "");
		}
		finally {
			saved.countDown();
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (final IllegalStateException e) {
				// the JVM is already shutting down (Ctrl-C): the hook is running and now sees the model saved
			}
		}
		return 0;
	}

	private void writeReadme(final ModelCard card) throws java.io.IOException {
		final String text = "# " + card.name + "\n\n" + card.description + "\n\n" +
			"Made by (" + card.training.date + ", seed " + card.training.seed + "):\n\n    " + card.training.command + "\n\n" +
			"Training data: " + card.training.dataDescription + " (SHA-256 " + card.training.dataSha256 + ").\n\n" +
			"Check it on held-out tables with `innsight validate-transfer --model " + out + " --source SIM.h5 --target REAL.h5`;\n" +
			"apply it with `innsight transfer --model " + out + " --input FILE --out FILE [--to target|source]`.\n";
		AtomicFiles.writeBytes(out.resolve("README.md"), List.of(), text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	@SafeVarargs
	private static List<Path> concat(final List<Path>... lists) {
		final List<Path> all = new ArrayList<>();
		for (final List<Path> l : lists) if (l != null) all.addAll(l);
		return all;
	}

	private static int[] pick(final int rows, final int max, final long seed) {
		if (rows <= max) {
			final int[] all = new int[rows];
			for (int i = 0; i < rows; i++) all[i] = i;
			return all;
		}
		final java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
		final int[] p = new int[rows];
		for (int i = 0; i < rows; i++) p[i] = i;
		for (int i = 0; i < max; i++) {
			final int j = i + r.nextInt(rows - i);
			final int tmp = p[i];
			p[i] = p[j];
			p[j] = tmp;
		}
		final int[] out = java.util.Arrays.copyOf(p, max);
		java.util.Arrays.sort(out);
		return out;
	}

	private static int[] select(final int[] v, final int[] idx) {
		final int[] out = new int[idx.length];
		for (int i = 0; i < idx.length; i++) out[i] = v[idx[i]];
		return out;
	}
}
