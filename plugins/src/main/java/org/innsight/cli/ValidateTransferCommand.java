package org.innsight.cli;

import java.nio.file.Path;
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
		"Exit code 0 either way; the last line says whether all targets were met." })
final class ValidateTransferCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--model", required = true, paramLabel = "DIR|NAME", description = "Transfer model folder, or a model name in models/.")
	String model;

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

	@Override
	public Integer call() throws Exception {
		final ModelFolder folder = ModelLookup.standard().resolve(model);
		final TransferValidation.Options o = new TransferValidation.Options();
		o.bands = bands;
		o.parameter = parameter;
		o.edges = edges;
		o.trees = trees;
		o.mmdRows = mmdRows;
		o.seed = seed;
		o.threads = cli.threads();
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
