package org.innsight.fiji;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import org.innsight.engine.Device;
import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.plots.PosteriorPlots;
import org.innsight.posterior.ParameterFigures;
import org.innsight.posterior.PosteriorModel;
import org.innsight.posterior.Resimulation;
import org.innsight.posterior.Validation;
import org.innsight.posterior.ValidationOptions;
import org.innsight.posterior.ValidationReport;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.gui.Plot;
import ij.measure.ResultsTable;

/**
 * {@code Plugins > InnSight > Validation > Validate Posterior Model}: the job of {@code innsight validate} (same
 * figures, same defaults) in Fiji. Shows the calibration curve, and per parameter the SBC rank ECDF with its
 * simultaneous 95% band and the z-score against contraction, and the re-simulation errors, as plot windows titled
 * {@code <model>_calibration}, {@code <model>_ecdf_<parameter>}, {@code <model>_z_contraction_<parameter>},
 * {@code <model>_resimulation}; the figures per parameter go into the Results table. See docs/validation.md. Macro:
 * {@code run("Validate Posterior Model", "model=msi-tissue-16band table=[heldout.h5] samples=100 seed=1 rows=500 resimulate=16 device=cpu");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Validation>Validate Posterior Model",
	description = "Calibration, SBC ranks, z-score vs contraction and re-simulation error of a posterior model on a held-out table.")
public class ValidatePosteriorModelCommand extends InnSightCommand {

	@Parameter(label = "Model", description = "name of a model in InnSight's models folder, or the path of a model folder",
		style = DialogFields.MODEL + "posterior-cinn")
	private String model = "msi-tissue-16band";

	@Parameter(label = "Held-out table (.csv, .h5)", description = "true parameters and observations not used in training (e.g. from innsight simulate)")
	private File table;

	@Parameter(label = "Samples per row", min = "2", description = "posterior samples per held-out row (L of the rank statistics)")
	private int samples = new ValidationOptions().samples;

	@Parameter(label = "Random seed")
	private long seed = new ValidationOptions().seed;

	@Parameter(label = "Rows", min = "0", description = "validate at most this many rows, the first ones (0 = all)")
	private int rows = new ValidationOptions().maxRows;

	@Parameter(label = "Re-simulated samples per row", min = "0", description = "pushed through the table's forward model (0 = off)")
	private int resimulate = new ValidationOptions().resimulate;

	@Parameter(label = "Device", description = "auto (first GPU if present, else CPU), cpu, gpu or gpu:N", style = DialogFields.DEVICE)
	private String device = "auto";

	@Parameter(type = ItemIO.OUTPUT, label = "Result")
	private String result;

	@Parameter(required = false)
	private StatusService status;

	@Override
	protected void execute() {
		final ValidationOptions o = new ValidationOptions();
		o.samples = samples;
		o.seed = seed;
		o.maxRows = rows;
		o.resimulate = resimulate;
		o.validate();
		final ValidationReport report;
		try {
			final Table t = TableFiles.read(table.toPath());
			try (PosteriorModel m = PosteriorModel.load(model, Device.parse(device))) {
				final Resimulation resim = resimulate > 0 ? Validation.resimulationFor(t, m.parameters()) : null;
				report = Validation.run(t, m.observationNames(), m, resim, o, StatusProgress.of(status)).report();
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		final String name = report.model();
		show(PosteriorPlots.calibration(report), name + "_calibration");
		for (final ParameterFigures f : report.parameters()) {
			show(PosteriorPlots.rankEcdf(report, f), name + "_ecdf_" + f.name());
			show(PosteriorPlots.zContraction(report, f), name + "_z_contraction_" + f.name());
		}
		final Plot resimulation = PosteriorPlots.resimulation(report);
		if (resimulation != null) show(resimulation, name + "_resimulation");
		results(report).show("Results");
		result = String.format(Locale.ROOT, "%s on %s: %d rows, %d samples each", name, table.getName(), report.rows(), report.samples());
	}

	private static void show(final Plot plot, final String title) {
		ResultImages.show(plot.getImagePlus(), title);
	}

	/** The Results table, cleared, with one row per parameter: the figures of {@code innsight validate}'s table, 6 decimals. */
	static ResultsTable results(final ValidationReport report) {
		final ResultsTable rt = ResultsTable.getResultsTable(); // the one macros read (nResults, getResult)
		rt.reset();
		for (final ParameterFigures f : report.parameters()) {
			rt.incrementCounter();
			rt.addValue("parameter", f.name());
			rt.addValue("rows", f.count());
			rt.addValue("calibration_error", f.calibrationError());
			rt.addValue("coverage_68", f.coverage68());
			rt.addValue("median_iqr", f.medianIqr());
			rt.addValue("mae", f.mae());
			rt.addValue("rmse", f.rmse());
			rt.addValue("bias", f.bias());
			rt.addValue("contraction", f.contraction());
			rt.addValue("z_mean", f.zMean());
			rt.addValue("z_sd", f.zSd());
			rt.addValue("rank_chi_square", f.rankChiSquare());
			rt.addValue("ecdf_points_outside_band", f.ecdf().outside());
			rt.addValue("ecdf_points", f.ecdf().z().length);
			rt.addValue("resimulation_median", report.resimulation() == null ? Double.NaN : report.resimulation()[0]);
			rt.addValue("noise_floor_median", report.resimulation() == null ? Double.NaN : report.resimulation()[2]);
		}
		rt.setPrecision(6);
		return rt;
	}
}
