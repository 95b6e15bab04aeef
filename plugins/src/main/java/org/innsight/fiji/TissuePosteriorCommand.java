package org.innsight.fiji;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.innsight.engine.Device;
import org.innsight.image.DerivedImages;
import org.innsight.posterior.PosteriorModel;
import org.innsight.posterior.PosteriorRequest;
import org.innsight.posterior.TissuePosterior;
import org.innsight.request.UnitsCheck;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;

/**
 * {@code Plugins > InnSight > Tissue Posterior Estimation}: per-pixel posteriors of tissue parameters (e.g. sO2,
 * blood volume) of a multispectral or photoacoustic image. Shows one 32-bit map per parameter and statistic,
 * titled {@code <image>_<parameter>_<statistic>} (e.g. {@code scan_sO2_median}, {@code scan_sO2_IQR}); with
 * {@code sample_stack}, also {@code <image>_<parameter>_samples}. Macro:
 * {@code run("Tissue Posterior Estimation", "image=[scan.tif] model=msi-tissue-16band samples=100");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Tissue Posterior Estimation",
	description = "Per-pixel posterior of tissue parameters (median, mean, IQR, number of modes) from a spectral image.")
public class TissuePosteriorCommand extends InnSightCommand {

	@Parameter(label = "Spectral image", description = "channels (or the slices of a plain stack) labelled with wavelengths, e.g. 520nm")
	private ImagePlus image;

	@Parameter(label = "Model", description = "name of a model in InnSight's models folder, or the path of a model folder")
	private String model = "msi-tissue-16band";

	@Parameter(label = "Samples per pixel", min = "1", max = "100000")
	private int samples = PosteriorRequest.SAMPLES.defaultValue();

	@Parameter(label = "Random seed")
	private long seed = PosteriorRequest.SEED.defaultValue();

	@Parameter(label = "Statistics", description = "comma-separated: median, mean, IQR, modes, sd, q05, q25, q75, q95")
	private String statistics = PosteriorRequest.STATISTICS.defaultValue();

	// not remembered between runs: a mask belongs to one image
	@Parameter(label = "Mask image", description = "title of an image whose nonzero pixels are estimated, or none", persist = false)
	private String mask = "none";

	@Parameter(label = "Exclusion flags", description = "title of an image whose nonzero pixels are skipped (e.g. out-of-distribution flags), or none",
		persist = false)
	private String exclude = "none";

	@Parameter(label = "Only inside the selection", description = "with an area selection on the image, estimate only inside it")
	private boolean use_selection = true;

	@Parameter(label = "Keep all samples", description = "also show every sample as a stack per parameter", persist = false)
	private boolean sample_stack = PosteriorRequest.KEEP_SAMPLES.defaultValue();

	@Parameter(label = "Saturation level", description = "a band at or above it marks a pixel saturated; auto: 255 (8-bit), 65535 (16-bit), none (32-bit)")
	private String saturation = PosteriorRequest.SATURATION.format(PosteriorRequest.SATURATION.defaultValue());

	@Parameter(label = "Parallel tiles", min = "1", max = "1024", description = "tiles estimated at once (at most the cores there are)")
	private int threads = PosteriorRequest.THREADS.defaultValue();

	@Parameter(label = "Tile size", min = "8", max = "4096", description = "tile width and height in pixels (memory per thread)") private int tile_size = PosteriorRequest.TILE_SIZE.defaultValue();

	// not remembered between runs: accepting one image's units must not let the next wrong image through unnoticed
	@Parameter(label = "Accept the units", description = "run even when the image does not look like the model's training units " +
		"(negative values, most pixels outside its training range): a warning in the Log instead of a refusal", persist = false)
	private boolean accept_units = UnitsCheck.ACCEPT_UNITS.defaultValue();

	@Parameter(label = "Device", description = "auto (first GPU if present, else CPU), cpu, gpu or gpu:N")
	private String device = "auto";

	@Parameter(required = false)
	private StatusService status;

	@Override
	protected void execute() {
		final PosteriorRequest request = new PosteriorRequest(FijiSettings.read(this, PosteriorRequest.SETTINGS)).checked();
		final ImagePlus maskImage = openImage(mask, "mask"), flags = openImage(exclude, "exclusion flags");
		try (PosteriorModel m = PosteriorModel.load(model, Device.parse(device))) {
			final TissuePosterior.Result r = TissuePosterior.run(image, maskImage, flags, use_selection, m, request, StatusProgress.of(status));
			for (final Map.Entry<String, ImagePlus> e : r.outputs().images().entrySet()) ResultImages.show(e.getValue(), DerivedImages.title(image, e.getKey()));
			report(r.outputs());
			IJ.log("Tissue posterior (" + m.name() + ", " + request.samples() + " samples/pixel, " + String.format("%.1f s", r.seconds()) + "): " +
				r.counts());
		}
		catch (final IOException e) {
			throw new UncheckedIOException("cannot load model '" + model + "': " + e.getMessage(), e);
		}
	}

	private static ImagePlus openImage(final String title, final String what) {
		if ("none".equalsIgnoreCase(title.trim())) return null;
		final ImagePlus imp = WindowManager.getImage(title);
		if (imp == null) throw new IllegalArgumentException("no open image titled '" + title + "' for the " + what);
		return imp;
	}
}
