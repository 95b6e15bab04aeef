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
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;
import org.innsight.request.Setting;
import org.innsight.transfer.DomainTransfer;
import org.innsight.transfer.TransferModel;
import org.innsight.transfer.TransferRequest;

import ij.ImagePlus;

/**
 * {@code "transfer"}: every pixel's spectrum moved to the other domain of a transfer model (simulated -> real or
 * back), through the entry point of {@code innsight transfer} ({@link DomainTransfer#run}). Options:
 * {@code model} (required: folder or name in models/, e.g. {@code msi-sim2real-16band}) and the settings of
 * {@link TransferRequest} a scan can use: {@code to} ("target", default, or "source"; also "real" / "sim"): the scan
 * is taken to be from the other domain; {@code acceptUnits} (false: a scan that fails the units check fails). Output {@code transferred}: 32-bit, same shape, channels labelled with
 * wavelengths (the destination's, else the scan's), L2-normalised spectra; pixels that cannot be transferred (a NaN
 * band, all zero) are NaN. Statistics: {@code pixels}, {@code transferred}, {@code not_transferred} and the units
 * check's {@code units}, {@code units_outside}, {@code units_negative}.
 */
public final class TransferStep implements Step<TransferStep.Config> {

	/** The settings a pipeline offers: all but the band columns of a table (a scan's bands are its channels). */
	private static final List<Setting<?>> SETTINGS = List.of(TransferRequest.TO, TransferRequest.ACCEPT_UNITS);

	public record Config(TransferModel model, Path folder, TransferRequest request) implements AutoCloseable {
		@Override
		public void close() {
			model.close();
		}
	}

	@Override
	public String name() {
		return "transfer";
	}

	@Override
	public String description() {
		return "Move every pixel's spectrum to the other domain of a transfer model (e.g. simulated -> real camera).";
	}

	@Override
	public List<Setting<?>> settings() {
		return SETTINGS;
	}

	@Override
	public Config configure(final StepOptions o) {
		final TransferRequest request = new TransferRequest(o.settings(SETTINGS));
		try {
			request.to();
		}
		catch (final IllegalArgumentException e) {
			throw o.bad("to", e.getMessage());
		}
		final SpectralSteps.Loaded<TransferModel> loaded = SpectralSteps.load(o, "model", TransferModel::load);
		final TransferModel model = loaded.model();
		if (model.classColumn() != null || model.conditions().classes() > 0) {
			model.close();
			throw o.bad("model", "\"" + loaded.folder().dir() + "\" is conditioned on tissue classes ('" + model.classColumn() +
				"'), which the pixels of a scan do not carry; use a model without classes");
		}
		return new Config(model, loaded.folder().dir(), request);
	}

	@Override
	public List<OutputSpec> outputs(final Config c) {
		return List.of(OutputSpec.tif(DomainTransfer.TRANSFERRED));
	}

	@Override
	public Map<String, Path> models(final Config c) {
		return Map.of("transfer", c.folder());
	}

	@Override
	public StepResult run(final ImagePlus scan, final Config c, final StepContext context) throws Exception {
		final TransferModel model = c.model();
		final SpectralImage spectra = SpectralSteps.spectra(scan, model.bands(), "transfer model " + model.card().name);
		final Outputs out = context.onDevice(() -> DomainTransfer.run(spectra, model, c.request(), ProgressListener.NONE));
		final StepResult result = StepResult.image(DomainTransfer.TRANSFERRED, out.image(DomainTransfer.TRANSFERRED));
		out.statistics().forEach(result::statistic);
		out.warnings().forEach(context::warn);
		return result;
	}
}
