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
import org.innsight.transfer.DomainConditions;
import org.innsight.transfer.DomainTransfer;
import org.innsight.transfer.TransferModel;

import ij.ImagePlus;

/**
 * {@code "transfer"}: every pixel's spectrum moved to the other domain of a transfer model (simulated -> real or
 * back), through the facade of {@code innsight transfer} ({@link DomainTransfer#transferImage}). Options:
 * {@code model} (required: folder or name in models/, e.g. {@code msi-sim2real-16band}), {@code to} ("target",
 * default, or "source"; also "real" / "sim"): the scan is taken to be from the other domain. Output
 * {@code transferred}: 32-bit, same shape, channels labelled with wavelengths (the destination's, else the scan's),
 * L2-normalised spectra; pixels that cannot be transferred (a NaN band, all zero) are NaN. Statistics:
 * {@code pixels}, {@code transferred}, {@code not_transferred}.
 */
public final class TransferStep implements Step<TransferStep.Config> {

	/** @param from, to domain indices ({@link DomainConditions#SOURCE}, {@link DomainConditions#TARGET}) */
	public record Config(TransferModel model, Path folder, int from, int to) implements AutoCloseable {
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
	public Config configure(final StepOptions o) {
		final int to;
		try {
			to = DomainTransfer.domain(o.string("to", "target"));
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
		return new Config(model, loaded.folder().dir(), 1 - to, to);
	}

	@Override
	public List<OutputSpec> outputs(final Config c) {
		return List.of(OutputSpec.tif("transferred"));
	}

	@Override
	public Map<String, Path> models(final Config c) {
		return Map.of("transfer", c.folder());
	}

	@Override
	public StepResult run(final ImagePlus scan, final Config c, final StepContext context) throws Exception {
		final TransferModel model = c.model();
		final SpectralImage spectra = SpectralSteps.spectra(scan, model.bands(), "transfer model " + model.card().name);
		final SpectralImage moved = context.onDevice(() -> DomainTransfer.transferImage(model, spectra, c.from(), c.to(), ProgressListener.NONE));
		final ImagePlus out = moved.toImagePlus();
		final long pixels = (long) out.getWidth() * out.getHeight() * out.getNFrames();
		final long transferred = finiteSpectra(out);
		return StepResult.image("transferred", out).statistic("pixels", pixels).statistic("transferred", transferred)
			.statistic("not_transferred", pixels - transferred);
	}

	/** Pixels (per frame) whose every band is finite: each spectrum is transferred whole or becomes NaN. */
	private static long finiteSpectra(final ImagePlus imp) {
		final int n = imp.getWidth() * imp.getHeight();
		long count = 0;
		for (int t = 1; t <= imp.getNFrames(); t++) {
			final boolean[] bad = new boolean[n];
			for (int ch = 1; ch <= imp.getNChannels() * imp.getNSlices(); ch++) {
				final float[] px = (float[]) imp.getStack().getPixels((t - 1) * imp.getNChannels() * imp.getNSlices() + ch);
				for (int i = 0; i < n; i++) bad[i] |= !Float.isFinite(px[i]);
			}
			for (final boolean b : bad) if (!b) count++;
		}
		return count;
	}
}
