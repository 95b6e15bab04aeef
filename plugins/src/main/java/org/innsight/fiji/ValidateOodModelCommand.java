package org.innsight.fiji;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import org.innsight.engine.Device;
import org.innsight.io.TableFiles;
import org.innsight.ood.OodModel;
import org.innsight.ood.OodValidation;
import org.innsight.ood.TableSpectra;
import org.innsight.plots.OodPlots;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.measure.ResultsTable;

/**
 * {@code Plugins > InnSight > Validation > Validate OOD Model}: the job of {@code innsight validate-ood} in Fiji. Shows
 * the ROC curves (plot {@code <model>_roc}) and, per score, AUROC and FPR at 95% TPR in the Results table. Macro:
 * {@code run("Validate OOD Model", "model=msi-ood-16band in_distribution=[id.h5] out_of_distribution=[ood.h5] bands=[] device=cpu");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Validation>Validate OOD Model",
	description = "ROC, AUROC and FPR at 95% TPR of an OOD model on an in- and an out-of-distribution table.")
public class ValidateOodModelCommand extends InnSightCommand {

	@Parameter(label = "Model", description = "name of an OOD model in InnSight's models folder, or the path of a model folder",
		style = DialogFields.MODEL + "ood-waic-ensemble")
	private String model = "msi-ood-16band";

	@Parameter(label = "In-distribution table (.csv, .h5)", description = "spectra not used in training (innsight simulate --out ... with another seed)")
	private File in_distribution;

	@Parameter(label = "Out-of-distribution table (.csv, .h5)", description = "e.g. from innsight simulate-ood")
	private File out_of_distribution;

	@Parameter(label = "Band columns", required = false, description = "of both tables, names or globs; empty: the header's observation columns, else band_*")
	private String bands = "";

	@Parameter(label = "Device", description = "auto (first GPU if present, else CPU), cpu, gpu or gpu:N", style = DialogFields.DEVICE)
	private String device = "auto";

	@Parameter(type = ItemIO.OUTPUT, label = "Result")
	private String result;

	@Override
	protected void execute() {
		final String columns = bands == null || bands.isBlank() ? null : bands.trim();
		final OodValidation.Report report;
		try {
			final TableSpectra id = TableSpectra.of(TableFiles.read(in_distribution.toPath()), columns);
			final TableSpectra ood = TableSpectra.of(TableFiles.read(out_of_distribution.toPath()), columns);
			try (OodModel m = OodModel.load(model, Device.parse(device))) {
				report = OodValidation.run(m, id, ood);
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		ResultImages.show(OodPlots.roc(report, report.model() + ": " + out_of_distribution.getName() + " vs " + in_distribution.getName()).getImagePlus(),
			report.model() + "_roc");
		final ResultsTable rt = ResultsTable.getResultsTable(); // the one macros read (nResults, getResult)
		rt.reset();
		for (final OodValidation.Method m : report.methods()) {
			rt.incrementCounter();
			rt.addValue("score", m.name());
			rt.addValue("auroc", m.auroc());
			rt.addValue("fpr_at_95_tpr", m.fprAt95Tpr());
		}
		rt.setPrecision(6);
		rt.show("Results");
		result = String.format(Locale.ROOT, "%s: AUROC %.4f (%s), stored threshold flags %.2f%% of in-distribution and %.2f%% of OOD spectra",
			report.model(), report.method(OodValidation.WAIC).auroc(), OodValidation.WAIC, 100 * report.idFlagged(), 100 * report.oodFlagged());
	}
}
