package org.innsight.transfer;

import java.util.ArrayList;
import java.util.List;

import org.innsight.request.Setting;
import org.innsight.request.Settings;

/**
 * How to train a transfer model ({@link TransferTraining}): which spectra of the two domains' files to use and how
 * to fit the network. The files themselves (and their masks) are arguments of the entry point, not settings.
 * Defaults are those of {@link TransferSettings}; the settings a user never sets (subnet depth, clamp, validation
 * fraction, domain balance, spectrum noise) stay there.
 */
public record TrainTransferRequest(Settings settings) {

	private static final int MANY = Integer.MAX_VALUE;
	private static final TransferSettings DEFAULTS = new TransferSettings();

	public static final Setting<String> BANDS = Setting.text("bands", null,
		"Band columns of tables (names or globs; default: the header's observation columns, else band_*)");
	public static final Setting<String> CLASS_COLUMN = Setting.text("classColumn", null,
		"Also condition on this tissue-class column (whole numbers 0..K-1) of both tables");
	public static final Setting<Integer> MAX_ROWS = Setting.integer("maxRows", 0, 0, MANY, "Use at most N spectra per domain, drawn by the seed (0 = all)");
	public static final Setting<Long> SEED = Setting.whole("seed", DEFAULTS.seed, "Seed of weights, split, batches and smoothing");
	public static final Setting<Integer> EPOCHS = Setting.integer("epochs", DEFAULTS.maxEpochs, 1, 1_000_000, "Maximum epochs");
	public static final Setting<Integer> PATIENCE = Setting.integer("patience", DEFAULTS.earlyStoppingPatience, 0, 1_000_000,
		"Stop after N epochs without a better validation NLL");
	public static final Setting<Integer> BLOCKS = Setting.integer("blocks", DEFAULTS.blocks, 1, 1000, "Coupling blocks");
	public static final Setting<Integer> WIDTH = Setting.integer("width", DEFAULTS.subnetWidth, 1, 1_000_000, "Subnet width");
	public static final Setting<Integer> BATCH = Setting.integer("batch", DEFAULTS.batchSize, 2, 10_000_000, "Batch size");
	/** Must be > 0: checked by {@link #validate()} (a bound is inclusive). */
	public static final Setting<Double> LR = Setting.number("lr", DEFAULTS.learningRate, Double.NaN, Double.NaN, "Learning rate");
	public static final Setting<Double> WEIGHT_DECAY = Setting.number("weightDecay", DEFAULTS.weightDecay, 0, Double.NaN, "L2 weight decay");
	/** Must be < 0.5: checked by {@link #validate()}. */
	public static final Setting<Double> SMOOTHING = Setting.number("smoothing", DEFAULTS.smoothing, 0, Double.NaN,
		"Label smoothing: u ~ U(0, U), below 0.5");

	public static final Setting<Double> ADVERSARIAL = Setting.number("adversarial", DEFAULTS.adversarial, 0, Double.NaN,
		"Weight of the adversarial (least-squares GAN) term on transferred spectra; 0 = maximum likelihood only");

	public static final List<Setting<?>> SETTINGS = List.of(BANDS, CLASS_COLUMN, MAX_ROWS, SEED, EPOCHS, PATIENCE, BLOCKS, WIDTH, BATCH, LR,
		WEIGHT_DECAY, SMOOTHING, ADVERSARIAL);

	public static TrainTransferRequest defaults() {
		return new TrainTransferRequest(Settings.defaults(SETTINGS));
	}

	public <T> TrainTransferRequest with(final Setting<T> setting, final T value) {
		return new TrainTransferRequest(settings.with(setting, value));
	}

	/** The band-column pattern of tables, or null for each table's own. */
	public String bands() {
		return settings.get(BANDS);
	}

	/** The tissue-class column to condition on, or null. */
	public String classColumn() {
		return settings.get(CLASS_COLUMN);
	}

	/** At most this many spectra per domain; 0: all. */
	public int maxRows() {
		return settings.get(MAX_ROWS);
	}

	public long seed() {
		return settings.get(SEED);
	}

	/** The trainer's settings: these values, the rest at their defaults. */
	public TransferSettings trainer() {
		final TransferSettings s = new TransferSettings();
		s.seed = seed();
		s.maxEpochs = settings.get(EPOCHS);
		s.earlyStoppingPatience = settings.get(PATIENCE);
		s.blocks = settings.get(BLOCKS);
		s.subnetWidth = settings.get(WIDTH);
		s.batchSize = settings.get(BATCH);
		s.learningRate = settings.get(LR);
		s.smoothing = settings.get(SMOOTHING);
		s.weightDecay = settings.get(WEIGHT_DECAY);
		s.adversarial = settings.get(ADVERSARIAL);
		return s;
	}

	/** What is wrong, one clear message each; empty when training can start. */
	public List<String> validate() {
		final List<String> problems = new ArrayList<>(settings.problems());
		if (!problems.isEmpty()) return problems;
		if (!(settings.get(LR) > 0)) return List.of("lr must be greater than 0, not " + LR.format(settings.get(LR)));
		try {
			trainer().validate();
		}
		catch (final IllegalArgumentException e) {
			problems.add(e.getMessage());
		}
		return problems;
	}

	/** Throws with every problem of {@link #validate()}, if any. */
	public TrainTransferRequest check() {
		final List<String> problems = validate();
		if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
		return this;
	}
}
