package org.innsight.batch.steps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.innsight.batch.OutputSpec;
import org.innsight.batch.Step;
import org.innsight.batch.StepContext;
import org.innsight.batch.StepOptions;
import org.innsight.batch.StepResult;
import org.innsight.posterior.PosteriorImages;
import org.innsight.posterior.MaskCounts;
import org.innsight.posterior.PosteriorMaps;
import org.innsight.posterior.PosteriorModel;
import org.innsight.posterior.PosteriorOptions;
import org.innsight.posterior.PosteriorSampler;
import org.innsight.posterior.Statistic;
import org.innsight.progress.ProgressListener;

import ij.ImagePlus;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * {@code "posterior"}: per-pixel posteriors of tissue parameters with a trained model, through the facade of
 * {@code innsight posterior} ({@link PosteriorImages#estimate}). Options: {@code model} (required: a model folder or
 * a name in models/), {@code samples} (100), {@code seed} (1), {@code statistics} (["median", "IQR"]; any of median,
 * mean, IQR, modes, sd, q05, q25, q75, q95), {@code saturation} (a band at or above it marks a pixel saturated;
 * default 255 / 65535 for 8/16-bit scans, none for float), {@code keepSamples} (false), {@code exclude} (an earlier
 * image, e.g. "ood_mask": nonzero pixels are skipped) and {@code mask} (an earlier image: nonzero = estimate).
 * <p>
 * Outputs, one 32-bit map per parameter and statistic, named like the CLI's files: {@code sO2_median},
 * {@code sO2_IQR}, ... (plus {@code sO2_samples} with {@code keepSamples}). Skipped pixels are NaN. Statistics: the
 * pixel counts (estimated and why the others were not) and, per map, the median over the estimated pixels
 * ({@code sO2_median_in_mask}: the median of the sO2 median map).
 * <p>
 * Samples are keyed by (seed, pixel position), so a scan's maps are the CLI's whatever runs beside it. Only the
 * network's calls hold the device ({@link StepContext#onDevice}); the summaries (median, modes, ...) are computed
 * outside, so other jobs use the device meanwhile.
 */
public final class PosteriorStep implements Step<PosteriorStep.Config> {

	/**
	 * @param maps output name of each map, in the facade's order (parameter by parameter, statistic by statistic)
	 * @param sampleStacks output name of each parameter's samples, empty unless {@code keepSamples}
	 * @param saturation NaN: by the scan's bit depth
	 * @param exclude, mask names of earlier images, or null
	 */
	public record Config(PosteriorModel model, Path folder, int samples, long seed, List<Statistic> statistics, double saturation,
		boolean keepSamples, String exclude, String mask, List<String> maps, List<String> sampleStacks) implements AutoCloseable
	{
		@Override
		public void close() {
			model.close();
		}
	}

	/** Tiles estimated at once, as {@code innsight posterior} with its default {@code --threads}. */
	static int threads() {
		return Math.min(2, Runtime.getRuntime().availableProcessors());
	}

	@Override
	public String name() {
		return "posterior";
	}

	@Override
	public String description() {
		return "Per-pixel posterior of tissue parameters (e.g. sO2): median, IQR, ... maps, optionally leaving out flagged pixels.";
	}

	@Override
	public Config configure(final StepOptions o) {
		final int samples = o.integer("samples", 100, 1, 100_000);
		final long seed = o.integer("seed", 1, Integer.MIN_VALUE, Integer.MAX_VALUE);
		final List<Statistic> statistics = new ArrayList<>();
		final Set<Statistic> seen = EnumSet.noneOf(Statistic.class);
		for (final String text : o.texts("statistics", "median", "IQR")) {
			final List<Statistic> parsed;
			try {
				parsed = PosteriorImages.statistics(text); // also "median,IQR", as the CLI's --stats
			}
			catch (final IllegalArgumentException e) {
				throw o.bad("statistics", e.getMessage());
			}
			for (final Statistic st : parsed) {
				if (!seen.add(st)) throw o.bad("statistics", "names " + st.label() + " twice");
				statistics.add(st);
			}
		}
		if (statistics.isEmpty()) throw o.bad("statistics", "is empty; name at least one of median, mean, IQR, modes, sd, q05, q25, q75, q95");
		final double saturation = o.number("saturation", Double.NaN);
		if (o.has("saturation") && !(saturation > 0)) throw o.bad("saturation", "must be above 0, got " + saturation);
		final boolean keepSamples = o.flag("keepSamples", false);
		final String exclude = imageName(o, "exclude"), mask = imageName(o, "mask");
		final SpectralSteps.Loaded<PosteriorModel> loaded = SpectralSteps.load(o, "model", PosteriorModel::load);
		final PosteriorModel model = loaded.model();
		final List<String> maps = new ArrayList<>(), stacks = new ArrayList<>();
		for (final String parameter : model.parameters()) {
			for (final Statistic s : statistics)
				maps.add(SpectralSteps.outputName(parameter + "_" + s.label()));
			if (keepSamples) stacks.add(SpectralSteps.outputName(parameter + "_samples"));
		}
		return new Config(model, loaded.folder().dir(), samples, seed, List.copyOf(statistics), saturation, keepSamples, exclude, mask,
			List.copyOf(maps), List.copyOf(stacks));
	}

	private static String imageName(final StepOptions o, final String key) {
		final String name = o.string(key, null);
		if (name != null && name.isBlank()) throw o.bad(key, "must name an earlier image (e.g. \"ood_mask\")");
		return name;
	}

	@Override
	public List<OutputSpec> outputs(final Config c) {
		final List<OutputSpec> out = new ArrayList<>();
		for (final String m : c.maps()) out.add(OutputSpec.tif(m));
		for (final String s : c.sampleStacks()) out.add(OutputSpec.tif(s));
		return out;
	}

	@Override
	public Map<String, Path> models(final Config c) {
		return Map.of("posterior", c.folder());
	}

	@Override
	public List<String> uses(final Config c) {
		final List<String> used = new ArrayList<>();
		if (c.exclude() != null) used.add(c.exclude());
		if (c.mask() != null && !c.mask().equals(c.exclude())) used.add(c.mask());
		return used;
	}

	/** The settings {@code innsight posterior} would use for these options. */
	static PosteriorOptions options(final Config c) {
		final PosteriorOptions o = new PosteriorOptions();
		o.samples = c.samples();
		o.seed = c.seed();
		o.statistics = c.statistics();
		o.keepSamples = c.keepSamples();
		o.saturation = c.saturation();
		o.threads = threads();
		return o;
	}

	@Override
	public StepResult run(final ImagePlus scan, final Config c, final StepContext context) throws Exception {
		final PosteriorModel model = c.model();
		SpectralSteps.spectra(scan, model.observationColumns(), "model " + model.name());
		final ImagePlus maskImage = c.mask() == null ? null : context.image(c.mask());
		final RandomAccessibleInterval<UnsignedByteType> exclude = c.exclude() == null ? null
			: PosteriorImages.mask(scan, context.image(c.exclude()), false);
		final PosteriorImages.Result r = PosteriorImages.estimate(scan, maskImage, false, exclude, new OnDevice(model, context), options(c),
			ProgressListener.NONE);
		final List<ImagePlus> images = r.images();
		final List<String> names = new ArrayList<>(c.maps());
		names.addAll(c.sampleStacks());
		if (images.size() != names.size())
			throw new IllegalStateException("the posterior made " + images.size() + " images, expected " + names);
		final StepResult result = new StepResult();
		for (int i = 0; i < names.size(); i++) result.put(names.get(i), images.get(i));
		final MaskCounts n = r.maps().counts();
		result.statistic("pixels", n.total()).statistic("estimated", n.estimated()).statistic("outside_mask", n.outsideMask())
			.statistic("excluded", n.excluded()).statistic("non_finite", n.nonFinite()).statistic("zero", n.zero())
			.statistic("saturated", n.saturated());
		final List<PosteriorMaps.ParameterMap> maps = r.maps().maps();
		for (int i = 0; i < maps.size(); i++)
			result.statistic(c.maps().get(i) + "_in_mask", SpectralSteps.finiteMedian(images.get(i)));
		if (n.estimated() == 0) context.warn("no pixel was estimated: " + n);
		return result;
	}

	/** The model whose network calls hold the device; everything else of the estimate runs beside other jobs. */
	private record OnDevice(PosteriorModel model, StepContext context) implements PosteriorSampler {
		@Override
		public void sample(final float[] observations, final int count, final int samples, final long seed, final long[] keys, final float[] out) {
			try {
				context.onDevice(() -> {
					model.sample(observations, count, samples, seed, keys, out);
					return null;
				});
			}
			catch (final RuntimeException e) {
				throw e;
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for the device", e);
			}
			catch (final Exception e) {
				throw new IllegalStateException(e.getMessage(), e);
			}
		}

		@Override
		public List<String> parameters() {
			return model.parameters();
		}

		@Override
		public List<String> units() {
			return model.units();
		}

		@Override
		public List<double[]> ranges() {
			return model.ranges();
		}

		@Override
		public int observationColumns() {
			return model.observationColumns();
		}

		@Override
		public double[] wavelengthsNm() {
			return model.wavelengthsNm();
		}

		@Override
		public String name() {
			return model.name();
		}

		@Override
		public void close() {
			// the step's config owns the model
		}
	}
}
