package org.innsight.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.innsight.posterior.PosteriorPlots;
import org.innsight.io.AtomicFiles;
import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.posterior.ParameterFigures;
import org.innsight.posterior.PosteriorModel;
import org.innsight.posterior.Resimulation;
import org.innsight.posterior.RowFilter;
import org.innsight.posterior.Validation;
import org.innsight.posterior.ValidationOptions;
import org.innsight.posterior.ValidationReport;

import com.google.gson.GsonBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code innsight validate}: calibration and accuracy of a posterior model on held-out simulations. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Validate a posterior model on a held-out table with true parameters (e.g. from innsight simulate).",
		"Prints and writes (validation.json, calibration.png, ranks_PARAM.png; with --by also by_COL_iqr_PARAM.png, by_COL_calibration.png):",
		"calibration error per parameter (median |coverage(q) - q| over q = 0.01..0.99, and at q = 0.68), median IQR, MAE/RMSE of",
		"the posterior median, contraction 1 - Var_post/Var_prior, z-scores, SBC rank histogram, re-simulation error." })
final class ValidateCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Parameters(index = "0", paramLabel = "MODEL", description = "Model name (in models/) or model folder.")
	String model;

	@Option(names = "--table", required = true, paramLabel = "HELD_OUT", description = "Held-out table (.csv/.h5) with the model's parameter and observation columns.")
	Path table;

	@Option(names = "--samples", defaultValue = "500", paramLabel = "L", description = "Posterior samples per row (default: ${DEFAULT-VALUE}).")
	int samples;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--rows", defaultValue = "0", paramLabel = "N", description = "Validate at most N rows (default: all).")
	int rows;

	@Option(names = "--where", paramLabel = "COND", description = "Only rows meeting COND, e.g. vHb_1>=0.02 (repeatable).")
	List<String> where = new ArrayList<>();

	@Option(names = "--by", paramLabel = "COL", description = "Also report per bin of this column (e.g. depth).")
	String by;

	@Option(names = "--bins", defaultValue = "5", paramLabel = "B", description = "Equal-width bins of --by (default: ${DEFAULT-VALUE}).")
	int bins;

	@Option(names = "--resimulate", defaultValue = "16", paramLabel = "K",
		description = "Samples per row pushed through the table's forward model (0 = off; default: ${DEFAULT-VALUE}).")
	int resimulate;

	@Option(names = "--out", paramLabel = "DIR", description = "Where to write JSON and PNGs (default: MODEL-validation).")
	Path out;

	@Option(names = "--record-in-card", paramLabel = "LABEL",
		description = "Also store the figures (and this command) in the model card as validation.LABEL (the model's files are not changed).")
	String label;

	@Override
	public Integer call() throws Exception {
		final ValidationOptions o = new ValidationOptions();
		o.samples = samples;
		o.seed = seed;
		o.maxRows = rows;
		for (final String w : where) o.where.add(RowFilter.parse(w));
		o.groupBy = by;
		o.bins = bins;
		o.resimulate = resimulate;
		final Path dir = out != null ? out : Path.of(Path.of(model).getFileName() + "-validation");
		output.check(dir.resolve("validation.json"));
		final Table t = TableFiles.read(table);
		final ValidationReport report;
		try (PosteriorModel m = PosteriorModel.load(model, cli.device()); TerminalProgress bar = TerminalProgress.start("validate")) {
			final Resimulation resim = resimulate > 0 ? Validation.resimulationFor(t, m.parameters()) : null;
			report = Validation.run(t, m.observationNames(), m, resim, o, bar).report();
		}
		final List<Path> files = new java.util.ArrayList<>(List.of(dir.resolve("validation.json"), dir.resolve("calibration.png")));
		for (final ParameterFigures f : report.parameters()) files.add(dir.resolve("ranks_" + f.name() + ".png"));
		if (by != null) {
			for (final ParameterFigures f : report.parameters()) files.add(dir.resolve("by_" + by + "_iqr_" + f.name() + ".png"));
			files.add(dir.resolve("by_" + by + "_calibration.png"));
		}
		output.check(files);
		final List<Path> inputs = List.of(table);
		AtomicFiles.writeBytes(dir.resolve("validation.json"), inputs,
			(new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(report.toJson()) + "\n").getBytes(StandardCharsets.UTF_8));
		PosteriorPlots.savePng(PosteriorPlots.calibration(report), dir.resolve("calibration.png"), inputs);
		for (final ParameterFigures f : report.parameters())
			PosteriorPlots.savePng(PosteriorPlots.ranks(report, f), dir.resolve("ranks_" + f.name() + ".png"), inputs);
		if (by != null) {
			for (int j = 0; j < report.parameters().size(); j++)
				PosteriorPlots.savePng(PosteriorPlots.iqrByGroup(report, j), dir.resolve("by_" + by + "_iqr_" + report.parameters().get(j).name() + ".png"), inputs);
			PosteriorPlots.savePng(PosteriorPlots.calibrationByGroup(report), dir.resolve("by_" + by + "_calibration.png"), inputs);
		}
		if (label != null) {
			final String command = CliCommands.commandLine(cli.spec());
			org.innsight.posterior.ValidationCards.record(org.innsight.engine.ModelLookup.standard().resolve(model).dir(), label, report, command);
			cli.out().println("recorded in the card of " + model + " as validation." + label);
		}
		cli.out().print(report.toText());
		cli.out().println("wrote " + dir.resolve("validation.json") + " and PNG figures");
		return 0;
	}
}
