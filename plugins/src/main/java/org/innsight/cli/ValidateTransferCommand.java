package org.innsight.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.innsight.engine.ModelLookup;
import org.innsight.engine.ModelFolder;
import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.transfer.TransferComparison;
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
		"With --ensemble K: each run validates K models together (every source row transferred by each; --model lists K per seed).",
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

	@Option(names = "--ensemble", defaultValue = "1", paramLabel = "K",
		description = "Validate ensembles of K models: every source row transferred by each, the downstream forest trained on all copies; "
			+ "--model lists K models per seed, consecutively (default: ${DEFAULT-VALUE}).")
	int ensemble;

	@Option(names = "--match-class-mix",
		description = "With a class-conditioned model: weight the source rows of the downstream forests to the target's tissue-class mixture (its training half).")
	boolean matchClassMix;

	@Override
	public Integer call() throws Exception {
		if (ensemble < 1) throw new IllegalArgumentException("--ensemble must be at least 1, got " + ensemble);
		if (seeds == null || seeds.isEmpty()) {
			if (model.size() != ensemble)
				throw new IllegalArgumentException("--model: " + model.size() + " models for one run of an ensemble of " + ensemble + "; several runs need --seeds");
			return single(seed);
		}
		final int n = seeds.size();
		if (model.size() != ensemble && model.size() != ensemble * n)
			throw new IllegalArgumentException("--model: " + model.size() + " models for " + n + " seeds and --ensemble " + ensemble + "; give " + ensemble + ", or " +
				ensemble + " per seed (" + ensemble * n + ")");
		final var sourceTable = TableFiles.read(source);
		final var targetTable = TableFiles.read(target);
		cli.out().println("source " + source + "; target " + target + (ensemble > 1 ? "; ensembles of " + ensemble + " models" : ""));
		cli.out().println("seed  model                                     MMD std / transferred   balanced accuracy: raw  standardised  per class  transferred  target-trained");
		final List<TransferValidation.Report> reports = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			final List<String> group = model.size() == ensemble ? model : model.subList(i * ensemble, (i + 1) * ensemble);
			final Validated v = validate(group, sourceTable, targetTable, seeds.get(i));
			final TransferValidation.Report r = v.report();
			if (!r.hasDownstream()) throw new IllegalArgumentException("--seeds summarises the downstream task; the column '" + parameter + "' is not in both tables");
			reports.add(r);
			final double perClass = r.accuracyClassStandardised();
			cli.out().printf(java.util.Locale.ROOT, "%4d  %-40s  %.4f / %.4f         %.3f  %.3f         %s      %.3f        %.3f%n", seeds.get(i), v.name(),
				r.mmdStandardisedOnly(), r.mmdTransferred(), r.accuracyRaw(), r.accuracyStandardisedOnly(),
				Double.isFinite(perClass) ? String.format(java.util.Locale.ROOT, "%.3f", perClass) : "  -  ", r.accuracyTransferred(), r.accuracyTargetTrained());
		}
		if (matchClassMix) cli.out().println("(source rows of the downstream forests weighted to the target's tissue-class mixture)");
		TransferComparison.of(reports).lines().forEach(cli.out()::println);
		return 0;
	}

	private record Validated(String name, TransferValidation.Report report) {}

	/** One validation run with the models named (one, or an ensemble), loaded for it and closed after. */
	private Validated validate(final List<String> names, final Table sourceTable, final Table targetTable, final long s) throws Exception {
		final List<TransferModel> loaded = new ArrayList<>();
		final List<String> dirs = new ArrayList<>();
		try (TerminalProgress bar = TerminalProgress.start("validate-transfer")) {
			for (final String name : names) {
				final ModelFolder folder = ModelLookup.standard().resolve(name);
				dirs.add(folder.dir().getFileName().toString());
				loaded.add(TransferModel.load(folder, cli.device()));
			}
			return new Validated(names.size() == 1 ? dirs.get(0) : dirs.get(0) + " +" + (names.size() - 1),
				TransferValidation.run(loaded, sourceTable, targetTable, options(s), bar));
		}
		finally {
			for (final TransferModel m : loaded) m.close();
		}
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

	private int single(final long seed) throws Exception {
		final Validated v = validate(model, TableFiles.read(source), TableFiles.read(target), seed);
		cli.out().println("model " + String.join(", ", model) + "; source " + source + "; target " + target + "; seed " + seed);
		v.report().lines().forEach(cli.out()::println);
		return 0;
	}
}
