package org.innsight.inn;

import java.util.ArrayList;
import java.util.List;

import org.innsight.request.Setting;
import org.innsight.request.Settings;

/**
 * How to train a posterior model: every option of {@code innsight train-posterior} and {@code Train Posterior
 * Model} (observation noise, epochs, batches, learning rate and its schedule, architecture), with its one
 * default. The table, its columns, ranges and units and the model folder are arguments of {@link TrainPosterior},
 * not settings. Older Fiji macro keys stay: {@code noise_sd}, {@code max_epochs}, {@code subnet_width}.
 */
public record TrainPosteriorRequest(Settings settings) {

	public static final Setting<Double> NOISE = Setting.number("noise", 0, 0, Double.NaN, "Gaussian noise sd added to observations per batch, in their units")
		.macroKey("noise_sd");
	public static final Setting<Double> RELATIVE_NOISE = Setting.number("relativeNoise", 0, 0, Double.NaN,
		"Gaussian noise sd relative to each observation value");
	public static final Setting<Double> PARAM_NOISE = Setting.number("paramNoise", 1e-3, 0, Double.NaN, "Noise on standardised parameters");
	public static final Setting<Integer> EPOCHS = Setting.integer("epochs", 200, 1, 1_000_000, "Maximum epochs").macroKey("max_epochs");
	public static final Setting<Integer> PATIENCE = Setting.integer("patience", 15, 0, 1_000_000,
		"Stop after this many epochs without a better validation NLL; 0 = never");
	public static final Setting<Integer> BATCH = Setting.integer("batch", 512, 2, 10_000_000, "Batch size");
	/** Above 0 ({@link #validate()}). */
	public static final Setting<Double> LR = Setting.number("lr", 1e-3, 0, Double.NaN, "Adam learning rate");
	public static final Setting<Double> WEIGHT_DECAY = Setting.number("weightDecay", 1e-5, 0, Double.NaN, "Weight decay");
	public static final Setting<Double> CLIP = Setting.number("clip", 10, 0, Double.NaN, "Gradient-norm clipping; 0 = off");
	public static final Setting<String> SCHEDULE = Setting.choice("schedule", "plateau", List.of("plateau", "step"), "Learning-rate decay");
	/** Above 0 ({@link #validate()}). */
	/** Macro key {@code decay_factor}: a key {@code decay} would also match the end of {@code weight_decay} in a macro. */
	public static final Setting<Double> DECAY = Setting.number("decay", 0.5, 0, 1, "Learning-rate decay factor").macroKey("decay_factor");
	public static final Setting<Integer> DECAY_EVERY = Setting.integer("decayEvery", 5, 1, 1_000_000, "Plateau patience or step length in epochs");
	/** Above 0 and below 1 ({@link #validate()}). */
	public static final Setting<Double> VALIDATION_FRACTION = Setting.number("validationFraction", 0.1, 0, 1, "Held-out fraction for validation");
	public static final Setting<Long> SEED = Setting.whole("seed", 1, "Seed for weights, split, batches and noise");
	public static final Setting<String> BLOCK_TYPE = Setting.choice("blockType", InnArchitecture.ALL_IN_ONE,
		List.of(InnArchitecture.ALL_IN_ONE, InnArchitecture.GLOW), "Coupling blocks");
	public static final Setting<Integer> BLOCKS = Setting.integer("blocks", 8, 1, 1000, "Coupling blocks");
	public static final Setting<Integer> WIDTH = Setting.integer("width", 128, 1, 1_000_000, "Subnet width").macroKey("subnet_width");
	public static final Setting<Integer> DEPTH = Setting.integer("depth", 2, 1, 1000, "Subnet hidden layers");
	public static final Setting<Integer> FEATURES = Setting.integer("features", 64, 0, 1_000_000,
		"Conditioning-network features; 0 = feed standardised observations directly");
	public static final Setting<Integer> HOUSEHOLDER = Setting.integer("householder", 0, 0, 1000, "Learned Householder reflections per block");
	/** Above 0 ({@link #validate()}). */
	public static final Setting<Double> CLAMP = Setting.number("clamp", 2, 0, Double.NaN, "Soft clamp of coupling log-scales");

	public static final List<Setting<?>> SETTINGS = List.of(NOISE, RELATIVE_NOISE, PARAM_NOISE, EPOCHS, PATIENCE, BATCH, LR, WEIGHT_DECAY, CLIP,
		SCHEDULE, DECAY, DECAY_EVERY, VALIDATION_FRACTION, SEED, BLOCK_TYPE, BLOCKS, WIDTH, DEPTH, FEATURES, HOUSEHOLDER, CLAMP);

	public static TrainPosteriorRequest defaults() {
		return new TrainPosteriorRequest(Settings.defaults(SETTINGS));
	}

	public <T> TrainPosteriorRequest with(final Setting<T> s, final T v) {
		return new TrainPosteriorRequest(settings.with(s, v));
	}

	public <T> T get(final Setting<T> s) {
		return settings.get(s);
	}

	/** What is wrong, one message per problem, each starting with the setting's key; empty when training can start. */
	public List<String> validate() {
		final List<String> problems = new ArrayList<>(settings.problems());
		for (final Setting<Double> s : List.of(LR, DECAY, VALIDATION_FRACTION, CLAMP))
			if (get(s) != null && get(s) == 0) problems.add(s.key() + " must be above 0");
		if (get(VALIDATION_FRACTION) != null && get(VALIDATION_FRACTION) == 1) problems.add(VALIDATION_FRACTION.key() + " must be below 1");
		return problems;
	}

	/** This request, or an error listing every problem of {@link #validate()}. */
	public TrainPosteriorRequest checked() {
		final List<String> problems = validate();
		if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
		return this;
	}

	/** The trainer's options (recorded in the model card). */
	public TrainingOptions trainingOptions() {
		final TrainingOptions o = new TrainingOptions();
		o.seed = get(SEED);
		o.maxEpochs = get(EPOCHS);
		o.earlyStoppingPatience = get(PATIENCE);
		o.batchSize = get(BATCH);
		o.learningRate = get(LR);
		o.weightDecay = get(WEIGHT_DECAY);
		o.clipNorm = get(CLIP);
		o.schedule = get(SCHEDULE);
		o.decayFactor = get(DECAY);
		o.decayEvery = get(DECAY_EVERY);
		o.validationFraction = get(VALIDATION_FRACTION);
		o.targetNoise = get(PARAM_NOISE);
		o.observationNoiseAbsolute = get(NOISE);
		o.observationNoiseRelative = get(RELATIVE_NOISE);
		return o.validate();
	}

	/** The network's architecture (its sizes follow from the table when training starts). */
	public InnArchitecture architecture() {
		final InnArchitecture a = new InnArchitecture();
		a.blockType = get(BLOCK_TYPE);
		a.blocks = get(BLOCKS);
		a.subnetWidth = get(WIDTH);
		a.subnetDepth = get(DEPTH);
		a.conditionFeatures = get(FEATURES);
		a.householder = get(HOUSEHOLDER);
		a.clamp = get(CLAMP);
		return a;
	}
}
