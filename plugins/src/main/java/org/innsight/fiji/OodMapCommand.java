package org.innsight.fiji;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import org.innsight.engine.Device;
import org.innsight.image.DerivedImages;
import org.innsight.image.SpectralImage;
import org.innsight.ood.OodMaps;
import org.innsight.ood.OodModel;
import org.innsight.ood.OodRequest;
import org.innsight.request.Outputs;
import org.innsight.request.UnitsCheck;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;

/**
 * {@code Plugins > InnSight > Out-of-Distribution Map}: where a spectral image's pixels are unlike anything the
 * OOD model was trained on. Shows {@code <title>_ood_score} (32-bit, -WAIC per band: higher = more out of
 * distribution), {@code <title>_ood_mask} (8-bit, 255 = above the model's threshold or outside its intensity bounds) and, with {@code spread},
 * {@code <title>_ood_spread} (standard deviation of the members' log-likelihoods). Macro:
 * {@code run("Out-of-Distribution Map", "image=[scan.tif] model=msi-ood-16band");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Out-of-Distribution Map",
	description = "OOD score map and mask of a spectral image from the WAIC of an INN ensemble.")
public class OodMapCommand extends InnSightCommand {

	static final String ABOUT = Dialogs.about("Marks the pixels of a spectral image that are unlike anything the OOD model was trained on: " +
		"a score map (-WAIC per band of an ensemble of INN density models; higher = more out of distribution) and a mask of the " +
		"pixels above the model's threshold or, where the model has an intensity score, too dark or too bright (255), to " +
		"exclude from a tissue posterior.", "ood");

	@Parameter(visibility = ItemVisibility.MESSAGE, required = false, persist = false)
	private String about = ABOUT;

	@Parameter(label = "Spectral image", description = "raw camera values; channels labelled with wavelengths (e.g. 520nm)", style = DialogFields.SPECTRAL)
	private ImagePlus image;

	@Parameter(label = "OOD model", description = "model folder, or the name of a model in InnSight's models folder",
		style = DialogFields.MODEL + "ood-waic-ensemble")
	private String model = "msi-ood-16band";

	@Parameter(label = "Model folder", description = "an OOD model folder elsewhere (overrides OOD model); empty: use OOD model",
		required = false, persist = false, style = DialogFields.FOLDER)
	private String model_folder = "";

	@Parameter(label = "Device", description = "auto (first GPU if present, else CPU), cpu, gpu or gpu:N", style = DialogFields.DEVICE)
	private String device = "auto";

	@Parameter(label = "Log-likelihood spread map", description = "also show the spread of log p over the ensemble's members")
	private boolean spread = OodRequest.SPREAD.defaultValue();

	// not remembered between runs: accepting one image's units must not let the next wrong image through unnoticed
	@Parameter(label = "Accept the units", description = "run even when the image does not look like the model's training units " +
		"(negative values, most pixels outside its training range): a warning in the Log instead of a refusal", persist = false)
	private boolean accept_units = UnitsCheck.ACCEPT_UNITS.defaultValue();

	@Parameter(required = false)
	private StatusService status;

	/** The request of the fields; an error listing its problems. */
	private OodRequest request() {
		return new OodRequest(FijiSettings.read(this, OodRequest.SETTINGS)).checked();
	}

	@Override
	protected void check() {
		Dialogs.spectral(image, "image");
		request();
		Device.parse(device);
	}

	@Override
	protected void execute() {
		final String model = Dialogs.model(this.model, model_folder);
		final OodRequest request = request();
		final Outputs r;
		try (OodModel m = OodModel.load(model, Device.parse(device))) {
			r = OodMaps.run(SpectralImage.of(image), m, request, StatusProgress.of(status));
		}
		catch (final IOException e) {
			throw new IllegalArgumentException("OOD model " + model + ": " + e.getMessage(), e);
		}
		for (final Map.Entry<String, ImagePlus> e : r.images().entrySet())
			ResultImages.show(e.getValue(), DerivedImages.title(image, e.getKey()));
		report(r);
		final Map<String, Object> s = r.statistics();
		IJ.log(String.format(Locale.ROOT, "%s: %d of %d pixels (%.2f%%) out of distribution (model %s, threshold %.4f)", image.getTitle(),
			s.get(OodMaps.FLAGGED), s.get(OodMaps.PIXELS), 100 * (double) s.get(OodMaps.FRACTION), model, s.get(OodMaps.THRESHOLD)));
	}
}
