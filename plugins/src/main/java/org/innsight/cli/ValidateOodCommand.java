package org.innsight.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.innsight.engine.ModelCard;
import org.innsight.io.AtomicFiles;
import org.innsight.io.TableFiles;
import org.innsight.ood.OodModel;
import org.innsight.ood.OodValidation;
import org.innsight.ood.TableSpectra;
import org.innsight.plots.OodPlots;
import org.innsight.plots.PosteriorPlots;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code innsight validate-ood}: AUROC and FPR at 95% TPR of an OOD model on an in- and an out-of-distribution table. */
@Command(name = "validate-ood", mixinStandardHelpOptions = true,
	description = { "Validate an OOD model: scores an in-distribution table (--in) and an out-of-distribution table (--out),",
		"prints AUROC and FPR at 95%% TPR for the ensemble's WAIC score and for single-model / mean likelihoods,",
		"writes the ROC curves as PNG, their points as CSV (same name, .csv) and the figures (AUROC per score) as JSON." })
final class ValidateOodCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Parameters(index = "0", paramLabel = "MODEL", description = "OOD model: folder, or name in models/.")
	String model;

	@Option(names = "--in", required = true, paramLabel = "ID_TABLE", description = "In-distribution spectra not used in training (e.g. innsight simulate with another seed).")
	Path in;

	@Option(names = "--out", required = true, paramLabel = "OOD_TABLE", description = "Out-of-distribution spectra (e.g. innsight simulate-ood).")
	Path ood;

	@Option(names = "--roc", paramLabel = "FILE.png", description = "ROC figure (default: <OOD_TABLE without extension>_roc.png); its points go to the same name with .csv.")
	Path roc;

	@Option(names = "--json", paramLabel = "FILE.json", description = "Figures as JSON (default: <OOD_TABLE without extension>_validation.json).")
	Path json;

	@Option(names = "--bands", paramLabel = "COLUMNS", description = "Spectral columns of both tables (default: header's observation columns, else band_*).")
	String bands;

	@Override
	public Integer call() throws Exception {
		final TableSpectra id = TableSpectra.of(TableFiles.read(in), bands), out = TableSpectra.of(TableFiles.read(ood), bands);
		final String base = ood.getFileName().toString().replaceAll("(?i)\\.(csv|h5|hdf5)$", "");
		final Path rocFile = roc != null ? roc : ood.resolveSibling(base + "_roc.png");
		final Path jsonFile = json != null ? json : ood.resolveSibling(base + "_validation.json");
		final Path csvFile = rocFile.resolveSibling(rocFile.getFileName().toString().replaceAll("(?i)\\.png$", "") + ".csv");
		output.check(rocFile, csvFile, jsonFile);
		final OodValidation.Report report;
		try (OodModel m = OodModel.load(model, cli.device())) {
			report = OodValidation.run(m, id, out);
		}
		cli.out().print(report.text(in.getFileName().toString(), ood.getFileName().toString()));
		cli.out().flush(); // print does not flush; the figures should be seen even if writing the files fails
		final List<Path> inputs = List.of(in, ood);
		PosteriorPlots.savePng(OodPlots.roc(report, report.model() + ": " + ood.getFileName() + " vs " + in.getFileName()), rocFile, inputs);
		AtomicFiles.writeBytes(csvFile, inputs, rocCsv(report).getBytes(StandardCharsets.UTF_8));
		final String text = ModelCard.gson().toJson(report.toJson(in.toString(), ood.toString())) + "\n";
		AtomicFiles.writeBytes(jsonFile, inputs, text.getBytes(StandardCharsets.UTF_8));
		cli.out().println("wrote " + rocFile + ", " + csvFile + " and " + jsonFile);
		return 0;
	}

	/** The ROC curve of every score: score, false-positive rate, true-positive rate (one row per step). */
	static String rocCsv(final OodValidation.Report report) {
		final StringBuilder b = new StringBuilder("score,fpr,tpr\n");
		for (final OodValidation.Method m : report.methods())
			for (final double[] p : m.roc().curve())
				b.append(m.name()).append(',').append(String.format(java.util.Locale.ROOT, "%.6g,%.6g", p[0], p[1])).append('\n');
		return b.toString();
	}
}
