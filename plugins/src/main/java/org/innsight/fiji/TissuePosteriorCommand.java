package org.innsight.fiji;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.innsight.engine.Device;
import org.innsight.image.DerivedImages;
import org.innsight.posterior.PosteriorModel;
import org.innsight.posterior.PosteriorRequest;
import org.innsight.posterior.Statistic;
import org.innsight.posterior.TissuePosterior;
import org.innsight.request.UnitsCheck;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;

/**
 * {@code Plugins > InnSight > Tissue Posterior Estimation}: per-pixel posteriors of tissue parameters (e.g. sO2,
 * blood volume) of a multispectral or photoacoustic image. Shows one 32-bit map per parameter and statistic,
 * titled {@code <image>_<parameter>_<statistic>} (e.g. {@code scan_sO2_median}, {@code scan_sO2_IQR}); with
 * {@code sample_stack}, also {@code <image>_<parameter>_samples}. Macro:
 * {@code run("Tissue Posterior Estimation", "image=[scan.tif] model=msi-tissue-16band samples=100");}
 * <p>
 * The dialog offers the installed posterior models, the open images (for the mask and the exclusion flags) and
 * the devices found as drop-downs, and one check box per statistic. Macros written for the earlier text fields
 * still work: {@code statistics=[median,IQR]} (a hidden key, not recorded) wins over the check boxes, and any
 * model path, image title or device word is taken as before.
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Tissue Posterior Estimation",
	description = "Per-pixel posterior of tissue parameters (median, mean, IQR, number of modes) from a spectral image.")
public class TissuePosteriorCommand extends InnSightCommand {

	static final String ABOUT = Dialogs.about("Estimates, for every pixel of a spectral image, the posterior distribution of the model's tissue " +
		"parameters (e.g. sO2, blood volume) with a conditional INN, and shows one map per parameter and statistic " +
		"(<i>image</i>_sO2_median, ...), with units and a colour scale. Pixels outside the mask, flagged by the exclusion image " +
		"or saturated are left out (NaN).", "posterior");

	@Parameter(visibility = ItemVisibility.MESSAGE, required = false, persist = false)
	private String about = ABOUT;

	@Parameter(label = "Spectral image", description = "channels (or the slices of a plain stack) labelled with wavelengths, e.g. 520nm", style = DialogFields.SPECTRAL)
	private ImagePlus image;

	@Parameter(label = "Model", description = "name of a model in InnSight's models folder, or the path of a model folder",
		style = DialogFields.MODEL + "posterior-cinn")
	private String model = "msi-tissue-16band";

	// not remembered between runs: a folder picked once should not silently replace the model chosen next time
	@Parameter(label = "Model folder", description = "the path of a model folder elsewhere (overrides Model); empty: use Model", required = false, persist = false,
		style = DialogFields.FOLDER)
	private String model_folder = "";

	@Parameter(label = "Samples per pixel", min = "1", max = "100000")
	private int samples = PosteriorRequest.SAMPLES.defaultValue();

	@Parameter(label = "Random seed")
	private long seed = PosteriorRequest.SEED.defaultValue();

	/**
	 * The statistics as macros wrote them before the check boxes ({@code statistics=[median,IQR]}): not shown,
	 * not recorded, not remembered; given (anything but the default), it wins over the check boxes.
	 */
	@Parameter(visibility = ItemVisibility.INVISIBLE, required = false, persist = false,
		description = "comma-separated: median, mean, IQR, modes, sd, q05, q25, q75, q95 (older macros; wins over the check boxes)")
	private String statistics = PosteriorRequest.STATISTICS.defaultValue();

	@Parameter(label = "Median", description = "statistic: the posterior median (in the parameter's unit)")
	private boolean median = defaultStatistic(Statistic.MEDIAN);

	@Parameter(label = "Mean", description = "statistic: the posterior mean")
	private boolean mean = defaultStatistic(Statistic.MEAN);

	@Parameter(label = "IQR", description = "statistic: interquartile range (q75 - q25), a spread")
	private boolean iqr = defaultStatistic(Statistic.IQR);

	@Parameter(label = "Modes", description = "statistic: number of modes of the posterior (1 = unimodal)")
	private boolean modes = defaultStatistic(Statistic.MODES);

	@Parameter(label = "SD", description = "statistic: standard deviation")
	private boolean sd = defaultStatistic(Statistic.SD);

	@Parameter(label = "q05", description = "statistic: 5% quantile") private boolean q05 = defaultStatistic(Statistic.Q05);

	@Parameter(label = "q25", description = "statistic: 25% quantile") private boolean q25 = defaultStatistic(Statistic.Q25);

	@Parameter(label = "q75", description = "statistic: 75% quantile") private boolean q75 = defaultStatistic(Statistic.Q75);

	@Parameter(label = "q95", description = "statistic: 95% quantile") private boolean q95 = defaultStatistic(Statistic.Q95);

	// not remembered between runs: a mask belongs to one image
	@Parameter(label = "Mask image", description = "an open image whose nonzero pixels are estimated, or none", persist = false, style = DialogFields.IMAGE)
	private String mask = Dialogs.NONE;

	@Parameter(label = "Exclusion flags", description = "an open image whose nonzero pixels are skipped (e.g. out-of-distribution flags), or none",
		persist = false, style = DialogFields.IMAGE)
	private String exclude = Dialogs.NONE;

	@Parameter(label = "Only inside the selection", description = "with an area selection on the image, estimate only inside it")
	private boolean use_selection = true;

	@Parameter(label = "Keep all samples", description = "also show every sample as a stack per parameter", persist = false)
	private boolean sample_stack = PosteriorRequest.KEEP_SAMPLES.defaultValue();

	@Parameter(label = "Saturation level", description = "a band at or above it marks a pixel saturated; auto: 255 (8-bit), 65535 (16-bit), none (32-bit)",
		style = DialogFields.AUTO_NUMBER)
	private String saturation = PosteriorRequest.SATURATION.format(PosteriorRequest.SATURATION.defaultValue());

	@Parameter(label = "Parallel tiles", min = "1", max = "1024", description = "tiles estimated at once (at most the cores there are)")
	private int threads = PosteriorRequest.THREADS.defaultValue();

	@Parameter(label = "Tile size", min = "8", max = "4096", description = "tile width and height in pixels (memory per thread)") private int tile_size = PosteriorRequest.TILE_SIZE.defaultValue();

	// not remembered between runs: accepting one image's units must not let the next wrong image through unnoticed
	@Parameter(label = "Accept the units", description = "run even when the image does not look like the model's training units " +
		"(negative values, most pixels outside its training range): a warning in the Log instead of a refusal", persist = false)
	private boolean accept_units = UnitsCheck.ACCEPT_UNITS.defaultValue();

	@Parameter(label = "Device", description = "auto (first GPU if present, else CPU), cpu, gpu or gpu:N", style = DialogFields.DEVICE)
	private String device = "auto";

	@Parameter(required = false)
	private StatusService status;

	private static boolean defaultStatistic(final Statistic s) {
		return PosteriorRequest.defaults().statistics().contains(s);
	}

	/** The statistics asked for: the older macro key when a macro gave it, else the check boxes ticked, in their order. */
	String chosenStatistics() {
		if (!PosteriorRequest.STATISTICS.defaultValue().equals(statistics)) return statistics;
		final boolean[] ticked = { median, mean, iqr, modes, sd, q05, q25, q75, q95 };
		final List<String> names = new ArrayList<>();
		for (int i = 0; i < ticked.length; i++)
			if (ticked[i]) names.add(Statistic.values()[i].label());
		if (names.isEmpty()) throw new IllegalArgumentException("no statistic is ticked: tick at least one of median, mean, IQR, modes, sd, q05, q25, q75, q95");
		return String.join(",", names);
	}

	/** The request of the fields, checked; the statistics as {@link #chosenStatistics()} says. */
	private PosteriorRequest request() {
		final String typed = statistics;
		statistics = chosenStatistics();
		try {
			return new PosteriorRequest(FijiSettings.read(this, PosteriorRequest.SETTINGS)).checked();
		}
		finally {
			statistics = typed;
		}
	}

	@Override
	protected void check() {
		Dialogs.spectral(image, "image");
		request();
		Dialogs.image(mask, "mask");
		Dialogs.image(exclude, "exclude");
		Device.parse(device);
	}

	@Override
	protected void execute() {
		final PosteriorRequest request = request();
		final ImagePlus maskImage = Dialogs.image(mask, "mask"), flags = Dialogs.image(exclude, "exclude");
		final String model = Dialogs.model(this.model, model_folder);
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
}
