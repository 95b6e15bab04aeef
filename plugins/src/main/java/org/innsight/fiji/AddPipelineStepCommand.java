package org.innsight.fiji;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.innsight.batch.Pipeline;
import org.innsight.batch.Plan;
import org.innsight.batch.StepRegistry;
import org.innsight.io.AtomicFiles;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.IJ;

/**
 * {@code Plugins > InnSight > Batch > Add Pipeline Step}: exports a batch pipeline from Fiji, one step per call.
 * Appends the step to the pipeline file (or starts the file), checks the whole pipeline as
 * {@code innsight batch} would (unknown steps, mistyped options, missing models are refused here, with the
 * file unchanged) and writes it atomically. The file runs unchanged with {@code innsight batch --pipeline} and
 * {@code Run Pipeline on Folder}. Macro:
 * {@code run("Add Pipeline Step", "pipeline=[/data/p.json] step=ood options=[{model: 'msi-ood-16band'}]");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Batch>Add Pipeline Step",
	description = "Append a step to a batch pipeline file (JSON), checked like innsight batch checks it.")
public class AddPipelineStepCommand extends InnSightCommand {

	@Parameter(label = "Pipeline file", style = FileWidget.SAVE_STYLE, description = "a .json file; created if missing")
	private File pipeline;

	/** The steps of {@link StepRegistry#standard()} (annotation values must be constants; a test compares them). */
	@Parameter(label = "Step", choices = { "check", "statistics", "normalise", "convert", "posterior", "ood", "transfer", "dalsa-apply", "dalsa-train", "mws", "measure", "unmix" })
	private String step = "posterior";

	@Parameter(label = "Options", required = false, persist = false,
		description = "the step's options as a JSON object, quotes optional: {model: 'msi-tissue-16band', samples: 100}; empty = defaults")
	private String options = "";

	@Parameter(label = "Take image from", required = false, persist = false,
		description = "'input' (the scan) or an earlier step's output name; empty = what the previous step made")
	private String from = "";

	@Parameter(label = "Name outputs", required = false, persist = false, description = "rename the step's outputs (needed when a step is used twice)")
	private String as = "";

	@Parameter(label = "Keep outputs in memory only", persist = false, description = "on: later steps use them, nothing is written")
	private boolean memory_only = false;

	@Parameter(label = "Start a new pipeline", persist = false, description = "replace the file's steps instead of appending")
	private boolean start_new = false;

	@Parameter(label = "Description", required = false, persist = false, description = "for a new pipeline: what it is for")
	private String description = "";

	@Override
	protected void execute() {
		final Path file = pipeline.toPath().toAbsolutePath();
		final Pipeline.Entry entry = new Pipeline.Entry(step, Pipeline.options(options), blankToNull(from), blankToNull(as), !memory_only);
		try {
			final Pipeline old = !start_new && Files.exists(file) ? Pipeline.read(file) : null;
			final Pipeline p = old != null ? old.with(entry) : new Pipeline(List.of(entry), description, file.getParent());
			try (Plan plan = Plan.of(p, StepRegistry.standard())) {
				// checked: every step, option, name and model; loaded models are closed again
			}
			catch (final IllegalArgumentException e) {
				throw new IllegalArgumentException("pipeline " + file + " not changed: " + e.getMessage(), e);
			}
			AtomicFiles.writeBytes(file, List.of(), (p.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
			IJ.log("pipeline " + file + ": " + p.steps().size() + " step" + (p.steps().size() == 1 ? "" : "s") + ": " + p);
		}
		catch (final IOException e) {
			throw new UncheckedIOException("pipeline " + file + ": " + e.getMessage(), e);
		}
	}

	private static String blankToNull(final String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}
}
