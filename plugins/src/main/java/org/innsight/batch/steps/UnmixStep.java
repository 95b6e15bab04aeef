package org.innsight.batch.steps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.innsight.batch.OutputSpec;
import org.innsight.batch.Step;
import org.innsight.batch.StepContext;
import org.innsight.batch.StepOptions;
import org.innsight.batch.StepResult;
import org.innsight.optics.Camera;
import org.innsight.optics.CameraJson;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;
import org.innsight.request.Setting;
import org.innsight.unmixing.Unmixing;
import org.innsight.unmixing.UnmixingRequest;

import ij.ImagePlus;

/**
 * {@code "unmix"}: sO2 and relative total haemoglobin by linear spectral unmixing ({@link Unmixing#run}), the
 * classical baseline to the step {@code posterior}. Options: {@code camera} (required: a built-in camera such as
 * {@code "msi-16band"}, or a camera JSON file relative to the pipeline), the settings of {@link UnmixingRequest} by
 * key ({@code slope}, {@code saturation}, {@code acceptUnits}), {@code exclude} (an earlier image, e.g.
 * "ood_mask": nonzero pixels are skipped) and {@code mask} (an earlier image: nonzero = unmix).
 * <p>
 * Outputs: {@code sO2_unmixed} and {@code tHb_unmixed} (mM cm, relative); pixels not fitted are NaN. Statistics: the
 * pixel counts by reason ({@code pixels}, {@code fitted}, ..., {@code non_positive}, {@code no_haemoglobin}), the
 * reflectance check's ({@code units}, {@code units_outside}, {@code units_negative}; its warning goes into the
 * manifest; a refusal fails the scan unless {@code acceptUnits}), and {@code sO2_unmixed_in_mask}, the median of
 * the fitted pixels' sO2. A camera file's checksum is recorded like a model's: a changed camera recomputes every scan.
 */
public final class UnmixStep implements Step<UnmixStep.Config> {

	/** @param cameraFile the camera JSON, or null for a built-in camera; exclude, mask names of earlier images, or null */
	public record Config(Camera camera, Path cameraFile, UnmixingRequest request, String exclude, String mask) {}

	@Override
	public String name() {
		return "unmix";
	}

	@Override
	public String description() {
		return "Linear spectral unmixing (baseline): sO2 and relative total haemoglobin maps from reflectance, for a given camera.";
	}

	@Override
	public List<Setting<?>> settings() {
		return UnmixingRequest.SETTINGS;
	}

	@Override
	public Config configure(final StepOptions o) {
		final UnmixingRequest request = new UnmixingRequest(o.settings(UnmixingRequest.SETTINGS));
		for (final String problem : request.validate()) {
			final String key = problem.substring(0, problem.indexOf(' '));
			throw o.bad(key, problem.substring(key.length() + 1));
		}
		final String name = o.string("camera", null);
		if (name == null || name.isBlank()) throw o.bad("camera", "is required: a built-in camera (" + String.join(", ", CameraJson.BUILT_IN) +
			") or a camera JSON file, the camera the scans were taken with");
		final Path file = CameraJson.BUILT_IN.contains(name) ? null : o.existingPath("camera");
		final Camera camera;
		try {
			camera = CameraJson.load(file == null ? name : file.toString());
		}
		catch (final IOException | RuntimeException e) {
			throw o.bad("camera", e.getMessage());
		}
		return new Config(camera, file, request, imageName(o, "exclude"), imageName(o, "mask"));
	}

	private static String imageName(final StepOptions o, final String key) {
		final String name = o.string(key, null);
		if (name != null && name.isBlank()) throw o.bad(key, "must name an earlier image (e.g. \"ood_mask\")");
		return name;
	}

	@Override
	public List<OutputSpec> outputs(final Config c) {
		return List.of(OutputSpec.tif(Unmixing.SO2), OutputSpec.tif(Unmixing.THB));
	}

	@Override
	public Map<String, Path> models(final Config c) {
		return c.cameraFile() == null ? Map.of() : Map.of("camera", c.cameraFile());
	}

	@Override
	public List<String> uses(final Config c) {
		final List<String> used = new ArrayList<>();
		if (c.exclude() != null) used.add(c.exclude());
		if (c.mask() != null && !c.mask().equals(c.exclude())) used.add(c.mask());
		return used;
	}

	@Override
	public StepResult run(final ImagePlus scan, final Config c, final StepContext context) {
		SpectralSteps.spectra(scan, c.camera().bands(), "camera " + c.camera().name());
		final ImagePlus maskImage = c.mask() == null ? null : context.image(c.mask());
		final ImagePlus exclude = c.exclude() == null ? null : context.image(c.exclude());
		final Unmixing.Result r = Unmixing.run(scan, maskImage, exclude, false, c.camera(), c.request(), ProgressListener.NONE);
		final Outputs out = r.outputs();
		final StepResult result = new StepResult();
		result.put(Unmixing.SO2, out.image(Unmixing.SO2));
		result.put(Unmixing.THB, out.image(Unmixing.THB));
		out.statistics().forEach(result::statistic);
		result.statistic(Unmixing.SO2 + "_in_mask", SpectralSteps.finiteMedian(out.image(Unmixing.SO2)));
		if (r.counts().fitted() == 0) context.warn("no pixel was fitted: " + r.counts());
		out.warnings().forEach(context::warn);
		return result;
	}
}
