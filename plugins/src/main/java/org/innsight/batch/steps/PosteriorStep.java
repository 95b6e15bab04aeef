package org.innsight.batch.steps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import org.innsight.batch.OutputSpec;
import org.innsight.batch.Step;
import org.innsight.batch.StepContext;
import org.innsight.batch.StepOptions;
import org.innsight.batch.StepResult;
import org.innsight.posterior.PosteriorModel;
import org.innsight.posterior.PosteriorRequest;
import org.innsight.posterior.TissuePosterior;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;
import org.innsight.request.Setting;

import ij.ImagePlus;

/**
 * {@code "posterior"}: per-pixel posteriors of tissue parameters with a trained model, through the facade of
 * {@code innsight posterior} ({@link TissuePosterior#run}). Options: {@code model} (required: a model folder or a
 * name in models/), the settings of {@link PosteriorRequest} by key ({@code samples}, {@code seed},
 * {@code statistics}, {@code saturation}, {@code keepSamples}, {@code tileSize}, {@code acceptUnits}; {@code statistics} also as a list,
 * {@code ["median", "IQR"]}), {@code exclude} (an earlier image, e.g. "ood_mask": nonzero pixels are skipped) and
 * {@code mask} (an earlier image: nonzero = estimate). Not {@code threads}: the batch decides how much runs at
 * once, each scan with the request's default.
 * <p>
 * Outputs: the facade's images by their names ({@code sO2_median}, {@code sO2_IQR}, ..., {@code sO2_samples} with
 * {@code keepSamples}), made safe as output names. Skipped pixels are NaN. Statistics: the facade's pixel counts
 * (estimated and why the others were not), the units check's ({@code units}, {@code units_outside},
 * {@code units_negative}; its warning goes into the scan's manifest and the report; a refusal fails the scan unless
 * {@code acceptUnits}) and, per map, the median over the estimated pixels ({@code sO2_median_in_mask}: the median of
 * the sO2 median map).
 * <p>
 * Samples are keyed by (seed, pixel position), so a scan's maps are the CLI's whatever runs beside it. Only the
 * network's calls hold the device ({@link StepContext#onDevice}); the summaries (median, modes, ...) are computed
 * outside, so other jobs use the device meanwhile.
 */
public final class PosteriorStep implements Step<PosteriorStep.Config> {

	/** What a pipeline offers of the request: all but {@code threads}. */
	private static final List<Setting<?>> SETTINGS = PosteriorRequest.SETTINGS.stream().filter(s -> s != PosteriorRequest.THREADS).toList();

	/**
	 * @param maps the facade's name of each map, by the output name it is saved under (in the facade's order)
	 * @param sampleStacks the same for the sample stacks, empty unless {@code keepSamples}
	 * @param exclude, mask names of earlier images, or null
	 */
	public record Config(PosteriorModel model, Path folder, PosteriorRequest request, String exclude, String mask, Map<String, String> maps,
		Map<String, String> sampleStacks) implements AutoCloseable
	{
		@Override
		public void close() {
			model.close();
		}
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
	public List<Setting<?>> settings() {
		return SETTINGS;
	}

	@Override
	public Config configure(final StepOptions o) {
		final PosteriorRequest request = PosteriorRequest.of(o.settings(SETTINGS));
		for (final String problem : request.validate()) {
			final String key = problem.substring(0, problem.indexOf(' '));
			throw o.bad(key, problem.substring(key.length() + 1));
		}
		final String exclude = imageName(o, "exclude"), mask = imageName(o, "mask");
		final SpectralSteps.Loaded<PosteriorModel> loaded = SpectralSteps.load(o, "model", PosteriorModel::load);
		final PosteriorModel model = loaded.model();
		return new Config(model, loaded.folder().dir(), request, exclude, mask, outputNames(TissuePosterior.mapNames(model.parameters(), request)),
			outputNames(TissuePosterior.sampleNames(model.parameters(), request)));
	}

	/** The facade's names, each by the output name it is saved under ("µa_median" as "p_a_median"). */
	private static Map<String, String> outputNames(final List<String> names) {
		final Map<String, String> out = new LinkedHashMap<>();
		for (final String n : names) out.put(SpectralSteps.outputName(n), n);
		return Collections.unmodifiableMap(out);
	}

	private static String imageName(final StepOptions o, final String key) {
		final String name = o.string(key, null);
		if (name != null && name.isBlank()) throw o.bad(key, "must name an earlier image (e.g. \"ood_mask\")");
		return name;
	}

	@Override
	public List<OutputSpec> outputs(final Config c) {
		final List<OutputSpec> out = new ArrayList<>();
		for (final String m : c.maps().keySet()) out.add(OutputSpec.tif(m));
		for (final String s : c.sampleStacks().keySet()) out.add(OutputSpec.tif(s));
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

	@Override
	public StepResult run(final ImagePlus scan, final Config c, final StepContext context) throws Exception {
		final PosteriorModel model = c.model();
		SpectralSteps.spectra(scan, model.observationColumns(), "model " + model.name());
		final ImagePlus maskImage = c.mask() == null ? null : context.image(c.mask());
		final ImagePlus exclude = c.exclude() == null ? null : context.image(c.exclude());
		final TissuePosterior.Result r = TissuePosterior.run(scan, maskImage, exclude, false,
			model.around(work -> context.onDevice(Executors.callable(work))), c.request(), ProgressListener.NONE);
		final Outputs out = r.outputs();
		final StepResult result = new StepResult();
		c.maps().forEach((name, map) -> result.put(name, out.image(map)));
		c.sampleStacks().forEach((name, stack) -> result.put(name, out.image(stack)));
		out.statistics().forEach(result::statistic);
		c.maps().forEach((name, map) -> result.statistic(name + "_in_mask", SpectralSteps.finiteMedian(out.image(map))));
		if (r.counts().estimated() == 0) context.warn("no pixel was estimated: " + r.counts());
		out.warnings().forEach(context::warn);
		return result;
	}
}
