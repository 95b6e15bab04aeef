package org.innsight.posterior;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.innsight.request.Setting;
import org.innsight.request.Settings;
import org.innsight.request.UnitsCheck;

/**
 * What a user asks of a tissue posterior: every option of {@code Tissue Posterior Estimation}, {@code innsight
 * posterior} and the pipeline step {@code posterior}, with its one default. The inputs (image or table, mask,
 * exclusion flags, model) are arguments of {@link TissuePosterior#run}, not settings.
 */
public record PosteriorRequest(Settings settings) {

	public static final Setting<Integer> SAMPLES = Setting.integer("samples", 100, 1, 100_000, "Posterior samples per pixel or row");
	public static final Setting<Long> SEED = Setting.whole("seed", 1, "Random seed: the same seed, model and input give the same maps");
	public static final Setting<String> STATISTICS = Setting.text("statistics", "median,mean,IQR,modes",
		"Statistics, comma-separated: median, mean, IQR, modes, sd, q05, q25, q75, q95").cliName("--stats");
	/** Macro key {@code sample_stack}: the Fiji command's name since its first release. */
	public static final Setting<Boolean> KEEP_SAMPLES = Setting.flag("keepSamples", false, "Also keep every sample: a stack per parameter")
		.macroKey("sample_stack");
	/** {@code auto} (NaN): 255 for 8-bit, 65535 for 16-bit images; none for float images and tables. */
	public static final Setting<Double> SATURATION = Setting.number("saturation", Double.NaN, Double.NaN, Double.NaN,
		"A band at or above this level marks a pixel saturated; auto: 255 / 65535 for 8/16-bit images, none for float").autoWord("auto");
	/**
	 * Tiles estimated at once (each thread also calls the network, which has threads of its own); at most the
	 * cores there are. 2 keeps a laptop responsive and gains most of what more threads would. Not an option of
	 * {@code innsight posterior}: there the global {@code --threads} caps it; its CLI name only keeps clear of that
	 * option (a setting named {@code --threads} would give it this default in the subcommand's help).
	 */
	public static final Setting<Integer> THREADS = Setting.integer("threads", 2, 1, 1024, "Tiles estimated in parallel (at most the cores there are)")
		.cliName("--tile-threads");

	/** Memory: one tile's spectra and samples are held per thread (64 x 64 pixels x 100 samples x 2 parameters = 3 MB). */
	public static final Setting<Integer> TILE_SIZE = Setting.integer("tileSize", 64, 8, 4096,
		"Tile width and height in pixels; one tile's samples are held in memory per thread");

	/** Run even when the input does not look like the model's training units ({@link UnitsCheck}). */
	public static final Setting<Boolean> ACCEPT_UNITS = UnitsCheck.ACCEPT_UNITS;

	public static final List<Setting<?>> SETTINGS = List.of(SAMPLES, SEED, STATISTICS, SATURATION, KEEP_SAMPLES, THREADS, TILE_SIZE, ACCEPT_UNITS);

	public static PosteriorRequest defaults() {
		return new PosteriorRequest(Settings.defaults(SETTINGS));
	}

	/** A request from the values of some of its settings (e.g. those a pipeline offers); the others at their defaults. */
	public static PosteriorRequest of(final Settings some) {
		Settings all = Settings.defaults(SETTINGS);
		for (final Setting<?> s : some.definitions()) all = all.withValue(s, some.get(s));
		return new PosteriorRequest(all);
	}

	public <T> PosteriorRequest with(final Setting<T> s, final T v) {
		return new PosteriorRequest(settings.with(s, v));
	}

	public int samples() {
		return settings.get(SAMPLES);
	}

	public long seed() {
		return settings.get(SEED);
	}

	/** The statistics, in the order given; an error for an unknown one. */
	public List<Statistic> statistics() {
		final List<Statistic> list = new ArrayList<>();
		for (final String s : settings.get(STATISTICS).split(",")) if (!s.isBlank()) list.add(Statistic.parse(s));
		return list;
	}

	public boolean keepSamples() {
		return settings.get(KEEP_SAMPLES);
	}

	/** The saturation level; NaN for "auto" (see {@link #saturationFor}). */
	public double saturation() {
		return settings.get(SATURATION);
	}

	/** The saturation level for an input whose pixel type saturates at {@code typeMaximum} (infinity: none). */
	public double saturationFor(final double typeMaximum) {
		return Double.isNaN(saturation()) ? typeMaximum : saturation();
	}

	/** Threads: the setting, but never more than the cores there are. */
	public int threads() {
		return Math.max(1, Math.min(settings.get(THREADS), Runtime.getRuntime().availableProcessors()));
	}

	public int tileSize() {
		return settings.get(TILE_SIZE);
	}

	/** Whether an input that fails the {@link UnitsCheck} runs anyway, with a warning. */
	public boolean acceptUnits() {
		return settings.get(ACCEPT_UNITS);
	}

	/**
	 * What is wrong, one message per problem, each starting with the setting's key ("statistics names IQR
	 * twice"); empty when the request can run.
	 */
	public List<String> validate() {
		final List<String> problems = new ArrayList<>(settings.problems());
		try {
			final List<Statistic> stats = statistics();
			final Set<Statistic> seen = EnumSet.noneOf(Statistic.class);
			for (final Statistic s : stats) if (!seen.add(s)) problems.add(STATISTICS.key() + " names " + s.label() + " twice");
			if (stats.isEmpty()) problems.add(STATISTICS.key() + " is empty; name at least one of median, mean, IQR, modes, sd, q05, q25, q75, q95");
		}
		catch (final IllegalArgumentException e) {
			problems.add(STATISTICS.key() + " " + e.getMessage());
		}
		final double s = saturation();
		if (!Double.isNaN(s) && !(s > 0)) problems.add(SATURATION.key() + " must be above 0, not " + SATURATION.format(s));
		return problems;
	}

	/** This request, or an error listing every problem of {@link #validate()}. */
	public PosteriorRequest checked() {
		final List<String> problems = validate();
		if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
		return this;
	}

	/** The estimator's options for an input whose pixel type saturates at {@code typeMaximum} (infinity: none); an error if invalid. */
	public PosteriorOptions options(final double typeMaximum) {
		checked();
		final PosteriorOptions o = new PosteriorOptions();
		o.samples = samples();
		o.seed = seed();
		o.statistics = List.copyOf(statistics());
		o.keepSamples = keepSamples();
		o.saturation = saturationFor(typeMaximum);
		o.threads = threads();
		o.tileSize = tileSize();
		return o;
	}
}
