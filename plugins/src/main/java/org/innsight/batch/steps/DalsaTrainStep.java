package org.innsight.batch.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.innsight.batch.OutputSpec;
import org.innsight.batch.Step;
import org.innsight.batch.StepContext;
import org.innsight.batch.StepOptions;
import org.innsight.batch.StepResult;
import org.innsight.dalsa.Dalsa;
import org.innsight.dalsa.DalsaApplyRequest;
import org.innsight.dalsa.DalsaTrainRequest;
import org.innsight.dalsa.DalsaTrainer;
import org.innsight.dalsa.io.ClassifierFile;
import org.innsight.dalsa.io.TrainingScans;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Setting;

import ij.ImagePlus;

/**
 * {@code "dalsa-train"}: trains one DALSA classifier from annotated scans when the run starts ({@link Dalsa#train},
 * as {@code innsight dalsa train --list / --folder} does), saves it, and segments every scan of the batch with it as
 * {@code dalsa-apply} does. Options: {@code training} (required): a list file or a folder of case folders (see
 * {@link TrainingScans}); {@code labels_name} (scribbles): the annotation word of a folder's cases; {@code classifier}
 * (required): where to save the classifier (never over a training file); {@code format} (tif); the settings of
 * {@link DalsaTrainRequest} and {@code probabilities}, {@code background} of {@link DalsaApplyRequest}. Training
 * warnings (collapsed weights) fail the configuration unless {@code allow_weight_warnings} is true.
 */
public final class DalsaTrainStep implements Step<DalsaApplyStep.Config> {

	@Override
	public String name() {
		return "dalsa-train";
	}

	@Override
	public String description() {
		return "Train a DALSA classifier from annotated scans (a list file or folder) at the start, then segment every scan with it.";
	}

	@Override
	public List<Setting<?>> settings() {
		final List<Setting<?>> all = new ArrayList<>(DalsaTrainRequest.SETTINGS);
		all.add(DalsaApplyRequest.PROBABILITIES);
		all.add(DalsaApplyRequest.BACKGROUND);
		return all;
	}

	@Override
	public DalsaApplyStep.Config configure(final StepOptions o) {
		final String training = o.string("training", null);
		if (training == null) throw o.bad("training", "is required: a list file (images=... labels=... per line) or a folder of case folders");
		final Path source = o.resolve(training);
		final String classifierName = o.string("classifier", null);
		if (classifierName == null) throw o.bad("classifier", "is required: the .dalsa file to save the trained classifier in");
		final Path classifier = o.resolve(classifierName).toAbsolutePath().normalize();
		final DalsaTrainRequest request = new DalsaTrainRequest(o.settings(DalsaTrainRequest.SETTINGS));
		final List<String> problems = request.validate();
		if (!problems.isEmpty()) throw new IllegalArgumentException(problems.get(0));
		final String labelsName = o.string("labels_name", "scribbles");
		final boolean allowWarnings = o.flag("allow_weight_warnings", false);
		final List<TrainingScans.Entry> entries;
		try {
			entries = Files.isDirectory(source) ? TrainingScans.readFolder(source, request.modalities(), labelsName) : TrainingScans.readList(source);
		}
		catch (final IOException e) {
			throw o.bad("training", e.getMessage());
		}
		final List<DalsaTrainer.Example> examples = new ArrayList<>();
		final List<Path> inputs = new ArrayList<>();
		for (final TrainingScans.Entry e : entries) {
			examples.add(e.example());
			inputs.addAll(e.files());
		}
		final Dalsa.Trained trained = Dalsa.train(examples, null, request, 0, ProgressListener.NONE);
		if (!trained.warnings().isEmpty() && !allowWarnings)
			throw o.bad("training", "the importance weights collapsed (" + String.join("; ", trained.warnings()) +
				"); lower weight_temper, or set allow_weight_warnings to true");
		try {
			ClassifierFile.save(trained.classifier(), classifier, inputs);
		}
		catch (final IOException e) {
			throw o.bad("classifier", "cannot be written: " + e.getMessage());
		}
		final DalsaApplyRequest applying = new DalsaApplyRequest(o.settings(DalsaApplyRequest.SETTINGS));
		final List<String> applyProblems = applying.validate(trained.classifier());
		if (!applyProblems.isEmpty()) throw new IllegalArgumentException(applyProblems.get(0));
		return new DalsaApplyStep.Config(classifier, trained.classifier(), applying, o.choice("format", "tif", "tif", "nii", "nii.gz", "h5"));
	}

	@Override
	public List<OutputSpec> outputs(final DalsaApplyStep.Config c) {
		return new DalsaApplyStep().outputs(c);
	}

	@Override
	public Map<String, Path> models(final DalsaApplyStep.Config c) {
		return Map.of("dalsa", c.model());
	}

	@Override
	public StepResult run(final ImagePlus scan, final DalsaApplyStep.Config c, final StepContext context) {
		return DalsaApplyStep.segment(scan, c, context);
	}
}
