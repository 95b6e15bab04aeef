package org.innsight.ood;

import java.util.ArrayList;
import java.util.List;

import org.innsight.request.Setting;
import org.innsight.request.Settings;

/**
 * The user-facing options of training an OOD ensemble ({@code innsight train-ood}). The training table, the model
 * folder and its name are inputs, not settings. {@link #options()} gives the trainer's full
 * {@link OodTrainingOptions} (what the model card records), with the options not offered here at their defaults.
 */
public record TrainOodRequest(Settings settings) {


	public static final Setting<Integer> MEMBERS = Setting.integer("members", 5, 1, 1000, "Ensemble size");
	public static final Setting<Long> SEED = Setting.whole("seed", 1, "Random seed");
	public static final Setting<Double> FPR = Setting.number("fpr", 0.05, 0, 1,
		"False-positive rate the threshold is calibrated for on held-out rows (between 0 and 1, both excluded)");
	public static final Setting<Double> CALIBRATION = Setting.number("calibration", 0.1, 0, 0.5,
		"Fraction of rows held out for the threshold (between 0 and 0.5, both excluded)");
	public static final Setting<String> RESAMPLE = Setting.choice("resample", OodTrainingOptions.SUBSAMPLE,
		List.of(OodTrainingOptions.SUBSAMPLE, OodTrainingOptions.BOOTSTRAP, OodTrainingOptions.NONE),
		"Rows per member: a random 80% (subsample), n draws with replacement (bootstrap), or all (none)");
	public static final Setting<String> NOISE_TRANSFORM = Setting.choice("noiseTransform", OodTrainingOptions.AUTO,
		List.of(OodTrainingOptions.AUTO, OodTrainingOptions.STABILISE, OodTrainingOptions.NONE),
		"Model the spectra in noise-whitened units (the camera's variance-stabilising map; auto: when the table's camera allows) or raw (none)");
	public static final Setting<Integer> BLOCKS = Setting.integer("blocks", 6, 1, 1000, "Coupling blocks per member");
	public static final Setting<Integer> WIDTH = Setting.integer("width", 128, 1, 1_000_000, "Subnet width");
	public static final Setting<Integer> EPOCHS = Setting.integer("epochs", 40, 1, 1_000_000, "Maximum epochs per member");
	public static final Setting<Integer> PATIENCE = Setting.integer("patience", 6, 0, 1_000_000,
		"Early stopping after this many epochs without a better validation NLL");
	public static final Setting<Integer> BATCH = Setting.integer("batch", 512, 2, 10_000_000, "Batch size");
	public static final Setting<Double> LR = Setting.number("lr", 1e-3, 0, Double.NaN, "Adam learning rate (above 0)");

	public static final List<Setting<?>> SETTINGS = List.of(MEMBERS, SEED, FPR, CALIBRATION, RESAMPLE, NOISE_TRANSFORM, BLOCKS, WIDTH, EPOCHS,
		PATIENCE, BATCH, LR);

	public static TrainOodRequest defaults() {
		return new TrainOodRequest(Settings.defaults(SETTINGS));
	}

	public <T> TrainOodRequest with(final Setting<T> s, final T v) {
		return new TrainOodRequest(settings.with(s, v));
	}

	public int members() {
		return settings.get(MEMBERS);
	}

	public long seed() {
		return settings.get(SEED);
	}

	/** The trainer's options: these settings, the rest at the trainer's defaults. A new object each call. */
	public OodTrainingOptions options() {
		final OodTrainingOptions o = new OodTrainingOptions();
		o.members = members();
		o.seed = seed();
		o.fpr = settings.get(FPR);
		o.calibrationFraction = settings.get(CALIBRATION);
		o.resample = settings.get(RESAMPLE);
		o.noiseTransform = settings.get(NOISE_TRANSFORM);
		o.blocks = settings.get(BLOCKS);
		o.subnetWidth = settings.get(WIDTH);
		o.maxEpochs = settings.get(EPOCHS);
		o.earlyStoppingPatience = settings.get(PATIENCE);
		o.batchSize = settings.get(BATCH);
		o.learningRate = settings.get(LR);
		return o;
	}

	/**
	 * What is wrong with the options, one clear message each; empty when they can be trained with. Beyond each
	 * setting's bounds, the trainer's own checks (open ends: an FPR of 0 or 1, a learning rate of 0).
	 */
	public List<String> validate() {
		final List<String> out = new ArrayList<>(settings.problems());
		if (out.isEmpty()) {
			try {
				options().validate();
			}
			catch (final IllegalArgumentException e) {
				out.add(e.getMessage());
			}
		}
		return out;
	}
}
