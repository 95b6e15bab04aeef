package org.innsight.batch.steps;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.innsight.batch.OutputSpec;
import org.innsight.batch.Step;
import org.innsight.batch.StepContext;
import org.innsight.batch.StepOptions;
import org.innsight.batch.StepResult;
import org.innsight.image.SpectralImage;
import org.innsight.ood.OodMaps;
import org.innsight.ood.OodModel;
import org.innsight.ood.OodRequest;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;
import org.innsight.request.Setting;

import ij.ImagePlus;

/**
 * {@code "ood"}: out-of-distribution maps of a spectral scan with an OOD model, through the facade of
 * {@code innsight ood} ({@link OodMaps#run}). Options: {@code model} (required: folder or name in models/, e.g.
 * {@code msi-ood-16band}), {@code spread} (false), {@code acceptUnits} (false: a scan that fails the units check
 * fails; true: it is scored, with a warning). Outputs: {@code ood_score} (32-bit, -WAIC per band, higher = more
 * foreign), {@code ood_mask} (8-bit, 255 = above the model's threshold or a non-finite spectrum), with
 * {@code spread} also {@code ood_spread}. A later {@code posterior} step with {@code "exclude": "ood_mask"} leaves the
 * flagged pixels alone. Statistics: {@code ood_fraction}, {@code flagged}, {@code pixels}, {@code unscorable}
 * (non-finite spectra, flagged), {@code threshold}, and the units check's {@code units}, {@code units_outside},
 * {@code units_negative}.
 */
public final class OodStep implements Step<OodStep.Config> {

	public record Config(OodModel model, Path folder, OodRequest request) implements AutoCloseable {
		@Override
		public void close() {
			model.close();
		}
	}

	@Override
	public String name() {
		return "ood";
	}

	@Override
	public String description() {
		return "Out-of-distribution score and mask (255 = foreign spectrum) of a spectral scan with an OOD model.";
	}

	@Override
	public List<Setting<?>> settings() {
		return OodRequest.SETTINGS;
	}

	@Override
	public Config configure(final StepOptions o) {
		final OodRequest request = new OodRequest(o.settings(OodRequest.SETTINGS));
		final SpectralSteps.Loaded<OodModel> loaded = SpectralSteps.load(o, "model", OodModel::load);
		return new Config(loaded.model(), loaded.folder().dir(), request);
	}

	@Override
	public List<OutputSpec> outputs(final Config c) {
		return OodMaps.imageNames(c.model(), c.request().spread()).stream().map(OutputSpec::tif).toList();
	}

	@Override
	public Map<String, Path> models(final Config c) {
		return Map.of("ood", c.folder());
	}

	@Override
	public StepResult run(final ImagePlus scan, final Config c, final StepContext context) throws Exception {
		final OodModel model = c.model();
		final SpectralImage spectra = SpectralSteps.spectra(scan, model.bands(), "OOD model " + model.name());
		// the score is the network's work throughout (per-pixel bookkeeping beside it is negligible)
		final Outputs r = context.onDevice(() -> OodMaps.run(spectra, model, c.request(), ProgressListener.NONE));
		final StepResult result = StepResult.none();
		r.images().forEach(result::put);
		r.statistics().forEach(result::statistic);
		r.warnings().forEach(context::warn);
		return result;
	}
}
