package org.innsight.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.innsight.io.AtomicFiles;
import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.optics.Camera;
import org.innsight.optics.CameraJson;
import org.innsight.optics.Models;
import org.innsight.posterior.PosteriorModel;
import org.innsight.posterior.RowFilter;
import org.innsight.posterior.ValidationOptions;
import org.innsight.unmixing.UnmixingRequest;
import org.innsight.unmixing.UnmixingValidation;

import com.google.gson.GsonBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight validate-unmixing}: the sO2 error of linear unmixing on a held-out table, beside a cINN's on the same rows. */
@Command(name = "validate-unmixing", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "sO2 error (MAE, median |error|, RMSE, bias) of linear unmixing on a held-out table with true parameters (innsight simulate),",
		"and with --model the error of that cINN's posterior median on the same rows (same samples, seed and rows as innsight validate).",
		"With --by COL also per bin; with a vHb_1 column the rank correlation of the relative tHb with it. See docs/unmixing.md." })
final class ValidateUnmixingCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Option(names = "--table", required = true, paramLabel = "HELD_OUT", description = "Held-out table (.csv/.h5) with sO2 and band_* columns.")
	Path table;

	@Option(names = "--camera", paramLabel = "NAME|FILE.json", description = "The camera of the band columns (default: the one the table's header records).")
	String camera;

	@Option(names = "--slope", description = "Also fit a scattering loss linear in wavelength.")
	boolean slope;

	@Option(names = "--model", paramLabel = "M", description = "Also the posterior median of this cINN (name in models/ or folder) on the same rows.")
	String model;

	@Option(names = "--samples", defaultValue = "500", paramLabel = "L", description = "cINN posterior samples per row (default: ${DEFAULT-VALUE}, as innsight validate).")
	int samples;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "cINN random seed (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--rows", defaultValue = "0", paramLabel = "N", description = "At most N rows (default: all).")
	int rows;

	@Option(names = "--where", paramLabel = "COND", description = "Only rows meeting COND, e.g. vHb_1>=0.02 (repeatable).")
	List<String> where = new ArrayList<>();

	@Option(names = "--by", paramLabel = "COL", description = "Also report per bin of this column (e.g. vHb_1).")
	String by;

	@Option(names = "--bins", defaultValue = "5", paramLabel = "B", description = "Equal-width bins of --by (default: ${DEFAULT-VALUE}).")
	int bins;

	@Option(names = "--out", paramLabel = "FILE.json", description = "Also write the figures as JSON.")
	Path out;

	@Override
	public Integer call() throws Exception {
		final ValidationOptions o = new ValidationOptions();
		o.samples = samples;
		o.seed = seed;
		o.maxRows = rows;
		for (final String w : where) o.where.add(RowFilter.parse(w));
		o.groupBy = by;
		o.bins = bins;
		o.resimulate = 0;
		o.validate();
		if (out != null) output.check(out);
		final Table t = TableFiles.read(table);
		if (by != null && !t.hasColumn(by)) throw new IllegalArgumentException("--by " + by + ": " + table + " has no such column (columns: " + t.columns() + ")");
		final Camera cam;
		if (camera != null) cam = CameraJson.load(camera);
		else {
			try {
				cam = Models.cameraFromHeader(t.header());
			}
			catch (final IllegalArgumentException e) {
				throw new IllegalArgumentException(table + ": its header records no camera; give --camera (built-in: " + String.join(", ", CameraJson.BUILT_IN) + ")");
			}
		}
		final UnmixingRequest request = UnmixingRequest.defaults().with(UnmixingRequest.SLOPE, slope);
		final UnmixingValidation.Report report;
		if (model == null) report = UnmixingValidation.run(t, cam, request, null, null, o, null);
		else try (PosteriorModel m = PosteriorModel.load(model, cli.device()); TerminalProgress bar = TerminalProgress.start("validate-unmixing")) {
			report = UnmixingValidation.run(t, cam, request, m, m.observationNames(), o, bar);
		}
		if (out != null) {
			final com.google.gson.JsonObject json = report.toJson();
			json.addProperty("command", CliCommands.commandLine(cli.spec()));
			AtomicFiles.writeBytes(out, List.of(table), (new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
				.toJson(json) + "\n").getBytes(StandardCharsets.UTF_8));
		}
		cli.out().print(report.toText());
		if (out != null) cli.out().println("wrote " + out);
		cli.out().flush();
		return 0;
	}
}
