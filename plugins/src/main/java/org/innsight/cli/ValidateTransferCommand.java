package org.innsight.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.innsight.engine.ModelLookup;
import org.innsight.engine.ModelFolder;
import org.innsight.io.TableFiles;
import org.innsight.transfer.TransferModel;
import org.innsight.transfer.TransferValidation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight validate-transfer}: the figures of a transfer model on held-out tables of both domains. */
@Command(name = "validate-transfer", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Measure a domain-transfer model on held-out tables of both domains (prints the figures).",
		"Tables not used in training; round-trip error, MMD to the target before/after transfer, and a downstream random forest (100 trees)",
		"on bins of a parameter (default sO2 in thirds) trained on raw / transferred source vs on target data.",
		"With --seeds: one run per seed (and per model, when several models are given, e.g. retrained with those seeds),",
		"then the mean and 95%% t-interval of transferred - standardised and target-trained - transferred balanced accuracy.",
		"Exit code 0 either way; the last line says whether all targets were met." })
final class ValidateTransferCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--model", required = true, arity = "1..*", paramLabel = "DIR|NAME",
		description = "Transfer model folder, or a model name in models/; several (one per --seeds entry) to repeat over retrained models.")
	List<String> model;

	@Option(names = "--source", required = true, paramLabel = "TABLE", description = "Held-out source table (with the parameter column for the downstream task).")
	Path source;

	@Option(names = "--target", required = true, paramLabel = "TABLE", description = "Held-out target table; split in half (classifier training / test) by --seed.")
	Path target;

	@Option(names = "--bands", paramLabel = "PATTERN", description = "Band columns (default: the header's observation columns, else band_*).")
	String bands;

	@Option(names = "--parameter", defaultValue = "sO2", paramLabel = "NAME", description = "Column binned for the downstream task (default: ${DEFAULT-VALUE}).")
	String parameter;

	@Option(names = "--edges", defaultValue = "0.333333,0.666667", split = ",", paramLabel = "E1,E2,...",
		description = "Inner bin edges of the parameter (default: ${DEFAULT-VALUE}).")
	double[] edges;

	@Option(names = "--trees", defaultValue = "100", paramLabel = "N", description = "Trees per random forest (default: ${DEFAULT-VALUE}).")
	int trees;

	@Option(names = "--mmd-rows", defaultValue = "1000", paramLabel = "N", description = "Rows per sample in the MMD (default: ${DEFAULT-VALUE}).")
	int mmdRows;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the splits, subsamples and forests (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--seeds", split = ",", paramLabel = "S1,S2,...",
		description = "Repeat for these seeds (splits, subsamples, forests; model i with seed i when several models are given) and summarise.")
	List<Long> seeds;

	@Option(names = "--match-class-mix",
		description = "With a class-conditioned model: weight the source rows of the downstream forests to the target's tissue-class mixture (its training half).")
	boolean matchClassMix;

	@Override
	public Integer call() throws Exception {
		if (seeds == null || seeds.isEmpty()) {
			if (model.size() != 1) throw new IllegalArgumentException("--model: " + model.size() + " models need --seeds with one seed per model");
			return single(model.get(0), seed);
		}
		if (model.size() != 1 && model.size() != seeds.size())
			throw new IllegalArgumentException("--model: " + model.size() + " models for " + seeds.size() + " seeds; give one model, or one per seed");
		final int n = seeds.size();
		final var sourceTable = TableFiles.read(source);
		final var targetTable = TableFiles.read(target);
		cli.out().println("source " + source + "; target " + target);
		cli.out().println("seed  model                                     MMD std / transferred   balanced accuracy: raw  standardised  per class  transferred  target-trained");
		final List<TransferValidation.Report> reports = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			final ModelFolder folder = ModelLookup.standard().resolve(model.get(model.size() == 1 ? 0 : i));
			final TransferValidation.Report r;
			try (TransferModel m = TransferModel.load(folder, cli.device()); TerminalProgress bar = TerminalProgress.start("validate-transfer")) {
				r = TransferValidation.run(m, sourceTable, targetTable, options(seeds.get(i)), bar);
			}
			if (!r.hasDownstream()) throw new IllegalArgumentException("--seeds summarises the downstream task; the column '" + parameter + "' is not in both tables");
			reports.add(r);
			final double perClass = r.accuracyClassStandardised();
			cli.out().printf(java.util.Locale.ROOT, "%4d  %-40s  %.4f / %.4f         %.3f  %.3f         %s      %.3f        %.3f%n", seeds.get(i),
				folder.dir().getFileName(), r.mmdStandardisedOnly(), r.mmdTransferred(), r.accuracyRaw(), r.accuracyStandardisedOnly(),
				Double.isFinite(perClass) ? String.format(java.util.Locale.ROOT, "%.3f", perClass) : "  -  ", r.accuracyTransferred(), r.accuracyTargetTrained());
		}
		if (matchClassMix) cli.out().println("(source rows of the downstream forests weighted to the target's tissue-class mixture)");
		TransferValidation.Comparison.of(reports).lines().forEach(cli.out()::println);
		return 0;
	}

	private TransferValidation.Options options(final long s) {
		final TransferValidation.Options o = new TransferValidation.Options();
		o.bands = bands;
		o.parameter = parameter;
		o.edges = edges;
		o.trees = trees;
		o.mmdRows = mmdRows;
		o.seed = s;
		o.threads = cli.threads();
		o.matchClassMix = matchClassMix;
		return o;
	}

	private int single(final String name, final long seed) throws Exception {
		final ModelFolder folder = ModelLookup.standard().resolve(name);
		final TransferValidation.Options o = options(seed);
		final var sourceTable = TableFiles.read(source);
		final var targetTable = TableFiles.read(target);
		final TransferValidation.Report r;
		try (TransferModel m = TransferModel.load(folder, cli.device()); TerminalProgress bar = TerminalProgress.start("validate-transfer")) {
			r = TransferValidation.run(m, sourceTable, targetTable, o, bar);
		}
		cli.out().println("model " + folder.dir() + "; source " + source + "; target " + target + "; seed " + seed);
		r.lines().forEach(cli.out()::println);
		return 0;
	}
}
