package org.innsight.fiji;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import org.innsight.batch.BatchReport;
import org.innsight.batch.BatchRunner;
import org.innsight.batch.BatchSettings;
import org.innsight.batch.FileOutcome;
import org.innsight.batch.InputFiles;
import org.innsight.batch.InputFiles;
import org.innsight.batch.Pipeline;
import org.innsight.batch.StepRegistry;
import org.innsight.engine.Device;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.IJ;

/**
 * {@code Plugins > InnSight > Batch > Run Pipeline on Folder}: {@code innsight batch} inside Fiji. Runs a
 * pipeline file over every scan in a folder: per-scan isolation, manifests, resuming, {@code report.html} and
 * {@code summary.csv} in the output folder, exactly as on the command line. Failed scans are listed in the Log
 * window and the report; they do not stop the batch. Macro:
 * {@code run("Run Pipeline on Folder", "pipeline=[/data/p.json] input=[/data/scans] output=[/data/out] jobs=1");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Batch>Run Pipeline on Folder",
	description = "Run a batch pipeline over a folder of scans (innsight batch), with a report.")
public class RunPipelineCommand extends InnSightCommand {

	@Parameter(label = "Pipeline file", style = FileWidget.OPEN_STYLE, description = "a .json pipeline (Add Pipeline Step, or written by hand)")
	private File pipeline;

	@Parameter(label = "Scan folder", style = FileWidget.DIRECTORY_STYLE, description = "searched recursively; never written to")
	private File input;

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE, description = "outputs, manifests, report.html, summary.csv")
	private File output;

	@Parameter(label = "Scan files", description = "glob over paths relative to the scan folder")
	private String glob = InputFiles.DEFAULT_GLOB;

	@Parameter(label = "Scans at once", min = "1")
	private int jobs = 1;

	@Parameter(label = "Recompute up-to-date scans", persist = false)
	private boolean force = false;

	@Parameter(label = "Device", description = "auto (first GPU if present, else CPU), cpu, gpu or gpu:N", style = DialogFields.DEVICE)
	private String device = "auto";

	@Parameter(required = false)
	private StatusService status;

	@Override
	protected void execute() {
		final BatchSettings settings = new BatchSettings(input.toPath(), output.toPath()).glob(glob).jobs(jobs).force(force)
			.device(Device.parse(device));
		final BatchReport r;
		try {
			r = new BatchRunner(StepRegistry.standard()).run(Pipeline.read(pipeline.toPath()), settings, StatusProgress.of(status));
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e.getMessage(), e);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("batch interrupted; finished scans are kept, a re-run does the rest", e);
		}
		for (final FileOutcome f : r.failures())
			IJ.log("failed: " + InputFiles.printable(f.relative()) + " " + f.failedAt());
		for (final String problem : r.problems())
			IJ.log("warning: " + problem);
		if (r.unwrittenMessage() != null) throw new UncheckedIOException(new IOException(r.unwrittenMessage()));
		IJ.log(String.format(Locale.ROOT, "batch: %s in %.1f s; report %s", r.counts(), r.millis() / 1000.0, r.reportFile()));
	}
}
