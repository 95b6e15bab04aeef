package org.innsight.dalsa;

import java.util.ArrayList;
import java.util.List;

import org.innsight.request.Setting;
import org.innsight.request.Settings;

/**
 * How a trained DALSA classifier segments a scan, as the user sets it in Fiji ({@code Apply DALSA Classifier},
 * {@code DALSA Segmentation}), on the command line ({@code innsight dalsa apply}) and in a pipeline
 * ({@code dalsa-apply}). The scan, the classifier and the thread count are arguments of {@link Dalsa#apply}.
 */
public record DalsaApplyRequest(Settings settings) {

	public static final Setting<Boolean> PROBABILITIES = Setting.flag("probabilities", false,
		"Also make one probability map per class (output probabilities)").macroKey("probability_maps");
	public static final Setting<String> TILE = DalsaTrainRequest.TILE;
	/** 0: the classifier's first class; otherwise one of its class labels (checked by {@link Dalsa#apply}). */
	public static final Setting<Integer> BACKGROUND = Setting.integer("background", 0, 0, 255,
		"The class that is not tumour, for the tumour statistics (0: the classifier's first class)");

	public static final Setting<String> NORMALISE = DalsaTrainRequest.NORMALISE;
	public static final Setting<String> MODALITIES = DalsaTrainRequest.MODALITIES;

	public static final List<Setting<?>> SETTINGS = List.of(PROBABILITIES, TILE, BACKGROUND, NORMALISE, MODALITIES);

	public static DalsaApplyRequest defaults() {
		return new DalsaApplyRequest(Settings.defaults(SETTINGS));
	}

	public <T> DalsaApplyRequest with(final Setting<T> s, final T v) {
		return new DalsaApplyRequest(settings.with(s, v));
	}

	public boolean probabilities() {
		return settings.get(PROBABILITIES);
	}

	public int[] tileSize() {
		return DalsaTrainRequest.tile(settings);
	}

	/** True: with a mask, intensities are z-scored over the mask; false: over the scan's foreground whatever the mask. */
	public boolean normaliseOverMask() {
		return "mask".equals(settings.get(NORMALISE));
	}

	/** The modality names given for the scan (empty: the scan's own names). */
	public List<String> modalities() {
		return DalsaTrainRequest.names(settings.get(MODALITIES));
	}

	/** The background class label for this classifier: {@link #BACKGROUND}, or its first class when 0. */
	public int background(final DalsaClassifier classifier) {
		final int b = settings.get(BACKGROUND);
		return b == 0 ? classifier.classLabel(0) : b;
	}

	/** What is wrong with these settings, one clear message each; empty when the classifier can be applied. */
	public List<String> validate() {
		final List<String> problems = new ArrayList<>(settings.problems());
		DalsaTrainRequest.check(problems, this::tileSize);
		DalsaTrainRequest.check(problems, this::modalities);
		return problems;
	}

	/** {@link #validate()}, and that the background is one of the classifier's classes. */
	public List<String> validate(final DalsaClassifier classifier) {
		final List<String> problems = validate();
		final int b = background(classifier);
		boolean known = false;
		for (final int l : classifier.classLabels()) known |= l == b;
		if (!known) problems.add("background must be one of the classifier's class labels " + classes(classifier) + ", got " + b);
		return problems;
	}

	private static String classes(final DalsaClassifier classifier) {
		final List<String> out = new ArrayList<>();
		for (int k = 0; k < classifier.classCount(); k++) out.add(classifier.classLabel(k) + " = " + classifier.classNames().get(k));
		return "(" + String.join(", ", out) + ")";
	}
}
