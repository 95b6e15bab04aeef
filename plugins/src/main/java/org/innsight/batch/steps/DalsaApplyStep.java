package org.innsight.batch.steps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.innsight.batch.OutputSpec;
import org.innsight.batch.Step;
import org.innsight.batch.StepContext;
import org.innsight.batch.StepOptions;
import org.innsight.batch.StepResult;
import org.innsight.dalsa.Dalsa;
import org.innsight.dalsa.DalsaApplyRequest;
import org.innsight.dalsa.DalsaClassifier;
import org.innsight.dalsa.VolumeImages;
import org.innsight.dalsa.io.ClassifierFile;
import org.innsight.engine.ModelLookup;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;
import org.innsight.request.Setting;

import ij.ImagePlus;

/**
 * {@code "dalsa-apply"}: segments a multi-modal MR scan with a DALSA classifier from {@code innsight dalsa train},
 * as {@code innsight dalsa apply --scan} does ({@link Dalsa#apply}). The scan is one multi-channel file whose channels are the
 * modalities in the classifier's order (TIFF hyperstack, or NIfTI with the modalities as 5th or 4th dimension;
 * {@code innsight dalsa stack} makes one from modality files). Options: {@code model} (required): a {@code .dalsa}
 * file, a folder holding one, or the name of such a model found by {@link ModelLookup} ({@code "dalsa-mr-sample"});
 * {@code format} (tif): tif, nii, nii.gz or h5 for the outputs; and the settings of {@link DalsaApplyRequest}
 * ({@code probabilities}, {@code tile} as [x, y, z], {@code background}). Outputs {@code labels} and
 * {@code probabilities}, statistics as {@link Dalsa#apply} names them.
 */
public final class DalsaApplyStep implements Step<DalsaApplyStep.Config> {

	/**
	 * @param model the classifier file (checksummed into manifests)
	 * @param classifier loaded once per run; immutable, so the jobs share it
	 */
	public record Config(Path model, DalsaClassifier classifier, DalsaApplyRequest request, String format) {}

	@Override
	public String name() {
		return "dalsa-apply";
	}

	@Override
	public String description() {
		return "Segment a multi-modal MR scan (channels = modalities) with a DALSA classifier (outputs \"labels\", \"probabilities\").";
	}

	@Override
	public List<Setting<?>> settings() {
		return DalsaApplyRequest.SETTINGS;
	}

	@Override
	public Config configure(final StepOptions o) {
		final Path model = classifierFile(o);
		final DalsaClassifier classifier;
		try {
			classifier = ClassifierFile.load(model);
		}
		catch (final IOException e) {
			throw o.bad("model", "cannot be loaded: " + e.getMessage());
		}
		final DalsaApplyRequest request = new DalsaApplyRequest(o.settings(DalsaApplyRequest.SETTINGS));
		final List<String> problems = request.validate(classifier);
		if (!problems.isEmpty()) { // "tile needs three sizes ...": the option is the message's first word
			final String problem = problems.get(0), key = problem.substring(0, Math.max(0, problem.indexOf(' ')));
			throw request.settings().definition(key) != null ? o.bad(key, problem.substring(key.length() + 1)) : new IllegalArgumentException(problem);
		}
		final String format = o.choice("format", "tif", "tif", "nii", "nii.gz", "h5");
		return new Config(model, classifier, request, format);
	}

	@Override
	public List<OutputSpec> outputs(final Config c) {
		return c.request().probabilities() ? List.of(new OutputSpec(Dalsa.LABELS, c.format()), new OutputSpec(Dalsa.PROBABILITIES, c.format()))
			: List.of(new OutputSpec(Dalsa.LABELS, c.format()));
	}

	@Override
	public Map<String, Path> models(final Config c) {
		return Map.of("dalsa", c.model());
	}

	@Override
	public StepResult run(final ImagePlus scan, final Config c, final StepContext context) {
		return segment(scan, c, context);
	}

	/** Segments one scan with the configured classifier (shared with {@link DalsaTrainStep}). */
	static StepResult segment(final ImagePlus scan, final Config c, final StepContext context) {
		final List<String> modalities = c.classifier().modalities();
		final int channels = scan.getNChannels() == 1 && scan.getNSlices() > 1 && scan.getNFrames() > 1 ? scan.getNFrames() : scan.getNChannels();
		if (channels != modalities.size())
			throw new IllegalArgumentException("the scan has " + channels + (channels == 1 ? " channel" : " channels") + " (" + Images.shape(scan) +
				"), classifier " + c.model().getFileName() + " expects " + modalities.size() + " modalities (" + String.join(", ", modalities) + ")");
		final Outputs out = Dalsa.apply(VolumeImages.scan(scan, "the scan"), c.classifier(), null, c.request(), context.threads(), ProgressListener.NONE);
		final StepResult result = StepResult.image(Dalsa.LABELS, out.image(Dalsa.LABELS));
		if (c.request().probabilities()) result.put(Dalsa.PROBABILITIES, out.image(Dalsa.PROBABILITIES));
		for (final Map.Entry<String, Object> s : out.statistics().entrySet()) result.statistic(s.getKey(), s.getValue());
		return result;
	}

	/**
	 * The classifier file the {@code model} option names: a {@code .dalsa} file or a folder with exactly one,
	 * relative to the pipeline's folder, else a model of that name found by {@link ModelLookup}.
	 */
	private static Path classifierFile(final StepOptions o) {
		final String s = o.string("model", null);
		if (s == null) throw o.bad("model", "is required: a .dalsa classifier file from 'innsight dalsa train', or a folder holding one");
		try {
			return ClassifierFile.locate(s, o.resolve(s));
		}
		catch (final IllegalArgumentException e) {
			throw o.bad("model", e.getMessage());
		}
	}
}
