package org.innsight.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.innsight.io.AtomicFiles;
import org.innsight.plots.PosteriorPlots;
import org.innsight.posterior.Calibration;
import org.innsight.posterior.RankEcdf;
import org.innsight.posterior.ZContraction;
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
		"Prints and writes validation.json and figures as PNG, each with its numbers as CSV of the same name: calibration,",
		"ranks_PARAM (SBC rank histogram), ecdf_PARAM (rank ECDF difference with its simultaneous 95%% band), z_contraction_PARAM",
		"(z-score vs posterior contraction per row), resimulation (when the table records its forward model); with --by also",
		"by_COL_iqr_PARAM.png and by_COL_calibration.png. Figures: calibration error per parameter (median |coverage(q) - q|",
		"over q = 0.01..0.99, and at q = 0.68), median IQR, MAE/RMSE of the posterior median, contraction 1 - Var_post/Var_prior,",
		"z-scores, SBC ranks, re-simulation error. See docs/validation.md." })
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
		final List<Path> files = new java.util.ArrayList<>(List.of(dir.resolve("validation.json")));
		final java.util.Map<String, String> csv = csvFigures(report);
		for (final String figure : csv.keySet()) {
			files.add(dir.resolve(figure + ".png"));
			files.add(dir.resolve(figure + ".csv"));
		}
		if (by != null) {
			for (final ParameterFigures f : report.parameters()) files.add(dir.resolve("by_" + by + "_iqr_" + f.name() + ".png"));
			files.add(dir.resolve("by_" + by + "_calibration.png"));
		}
		output.check(files);
		final List<Path> inputs = List.of(table);
		AtomicFiles.writeBytes(dir.resolve("validation.json"), inputs,
			(new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(report.toJson()) + "\n").getBytes(StandardCharsets.UTF_8));
		for (final java.util.Map.Entry<String, String> e : csv.entrySet()) {
			final String figure = e.getKey();
			PosteriorPlots.savePng(plot(report, figure), dir.resolve(figure + ".png"), inputs);
			AtomicFiles.writeBytes(dir.resolve(figure + ".csv"), inputs, e.getValue().getBytes(StandardCharsets.UTF_8));
		}
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
		cli.out().println("wrote " + dir.resolve("validation.json") + " and the figures as PNG and CSV");
		return 0;
	}

	/** The plot of one figure named as in {@link #csvFigures}. */
	private static ij.gui.Plot plot(final ValidationReport report, final String figure) {
		if (figure.equals("calibration")) return PosteriorPlots.calibration(report);
		if (figure.equals("resimulation")) return PosteriorPlots.resimulation(report);
		for (final ParameterFigures f : report.parameters()) {
			if (figure.equals("ranks_" + f.name())) return PosteriorPlots.ranks(report, f);
			if (figure.equals("ecdf_" + f.name())) return PosteriorPlots.rankEcdf(report, f);
			if (figure.equals("z_contraction_" + f.name())) return PosteriorPlots.zContraction(report, f);
		}
		throw new IllegalStateException("no figure " + figure);
	}

	/** Each figure's numbers as CSV text, by figure name (the file name without extension), in writing order. */
	static java.util.Map<String, String> csvFigures(final ValidationReport report) {
		final java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
		final StringBuilder cal = new StringBuilder("q");
		for (final ParameterFigures f : report.parameters()) cal.append(",coverage_").append(f.name());
		cal.append('\n');
		for (int k = 0; k < Calibration.LEVELS.length; k++) {
			cal.append(num(Calibration.LEVELS[k]));
			for (final ParameterFigures f : report.parameters()) cal.append(',').append(num(f.coverage()[k]));
			cal.append('\n');
		}
		out.put("calibration", cal.toString());
		for (final ParameterFigures f : report.parameters()) {
			final StringBuilder ranks = new StringBuilder("bin,first_rank,last_rank,observations\n");
			final int bins = f.ranks().length, l = report.samples();
			for (int b = 0; b < bins; b++)
				ranks.append(b).append(',').append(-Math.floorDiv(-(long) b * (l + 1), bins)).append(',')
					.append(-Math.floorDiv(-(long) (b + 1) * (l + 1), bins) - 1).append(',').append(f.ranks()[b]).append('\n');
			out.put("ranks_" + f.name(), ranks.toString());
			final RankEcdf e = f.ecdf();
			final StringBuilder ecdf = new StringBuilder("fractional_rank,ecdf_minus_uniform,band_lower,band_upper\n");
			for (int i = 0; i < e.z().length; i++)
				ecdf.append(num(e.z()[i])).append(',').append(num(e.difference()[i])).append(',').append(num(e.lower()[i])).append(',')
					.append(num(e.upper()[i])).append('\n');
			out.put("ecdf_" + f.name(), ecdf.toString());
			final ZContraction zc = f.scatter();
			final StringBuilder z = new StringBuilder("observation,contraction,z\n");
			for (int i = 0; i < zc.z().length; i++) z.append(i).append(',').append(num(zc.contraction()[i])).append(',').append(num(zc.z()[i])).append('\n');
			out.put("z_contraction_" + f.name(), z.toString());
		}
		final ValidationReport.ResimulationErrors r = report.resimulationErrors();
		if (r != null) {
			final StringBuilder re = new StringBuilder("observation,relative_error,noise_floor\n");
			for (int i = 0; i < r.error().length; i++) re.append(i).append(',').append(num(r.error()[i])).append(',').append(num(r.noiseFloor()[i])).append('\n');
			out.put("resimulation", re.toString());
		}
		return out;
	}

	private static String num(final double v) {
		return Double.isNaN(v) ? "NaN" : String.format(java.util.Locale.ROOT, "%.6g", v);
	}
}
