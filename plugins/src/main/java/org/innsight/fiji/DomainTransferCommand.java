package org.innsight.fiji;

import java.util.Map;

import org.innsight.engine.Device;
import org.innsight.image.DerivedImages;
import org.innsight.request.Outputs;
import org.innsight.request.UnitsCheck;
import org.innsight.transfer.DomainTransfer;
import org.innsight.transfer.TransferModel;
import org.innsight.transfer.TransferRequest;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * {@code Plugins > InnSight > Domain Transfer}: moves every pixel's spectrum from one domain of a transfer model
 * to the other (e.g. a real camera's image into the simulation domain, so simulation-trained models apply). The
 * result is a new 32-bit image titled {@code <input title without extension>_transferred} with L2-normalised
 * spectra and the destination's wavelengths. Macro:
 * {@code run("Domain Transfer", "image=[scan.tif] model=msi-sim2real-16band direction=[target to source] device=cpu");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Domain Transfer",
	description = "Unsupervised domain transfer of spectra with a conditional INN (x' = f^-1(f(x; c_from); c_to)).")
public class DomainTransferCommand extends InnSightCommand {

	/** The directions as macros name them; each stands for a value of {@link TransferRequest#TO}. */
	public static final String TO_TARGET = "source to target", TO_SOURCE = "target to source";
	private static final Map<String, String> DESTINATION = Map.of(TO_TARGET, "target", TO_SOURCE, "source");

	static final String ABOUT = Dialogs.about("Moves every pixel's spectrum from one domain of a transfer model to the other, e.g. a real " +
		"camera's image into the simulation domain so that simulation-trained models apply. The result is a 32-bit image " +
		"(<i>image</i>_transferred) with L2-normalised spectra and the destination's wavelengths.", "transfer");

	@Parameter(visibility = ItemVisibility.MESSAGE, required = false, persist = false)
	private String about = ABOUT;

	@Parameter(label = "Spectral image", description = "channels (or the slices of a plain stack) are wavelengths", style = DialogFields.SPECTRAL)
	private ImagePlus image;

	@Parameter(label = "Transfer model", description = "a model folder, or the name of a model in InnSight's models folder",
		style = DialogFields.MODEL + "transfer-cinn")
	private String model = "msi-sim2real-16band";

	@Parameter(label = "Model folder", description = "a transfer model folder elsewhere (overrides Transfer model); empty: use Transfer model",
		required = false, persist = false, style = DialogFields.FOLDER)
	private String model_folder = "";

	/** {@link TransferRequest#TO} in the words of a direction; the default is the request's. */
	@Parameter(label = "Direction", choices = { TO_TARGET, TO_SOURCE },
		description = "source to target: e.g. simulation -> real camera; target to source: real camera -> simulation")
	private String direction = direction(TransferRequest.TO.defaultValue());

	@Parameter(label = "Device", description = "auto (first GPU if present, else CPU), cpu, gpu or gpu:N", style = DialogFields.DEVICE)
	private String device = "auto";

	// not remembered between runs: accepting one image's units must not let the next wrong image through unnoticed
	@Parameter(label = "Accept the units", description = "run even when the image does not look like the model's training units " +
		"(negative values, most pixels outside its training range): a warning in the Log instead of a refusal", persist = false)
	private boolean accept_units = UnitsCheck.ACCEPT_UNITS.defaultValue();

	@Parameter(required = false)
	private StatusService status;

	/** The direction whose destination is {@code to} ("target" or "source"). */
	public static String direction(final String to) {
		for (final Map.Entry<String, String> e : DESTINATION.entrySet())
			if (e.getValue().equals(to)) return e.getKey();
		throw new IllegalArgumentException("no direction leads to '" + to + "'");
	}

	/** The request of the fields (the direction's destination in it); an error listing its problems. */
	private TransferRequest request() {
		final String to = DESTINATION.get(direction);
		if (to == null) throw new IllegalArgumentException("direction must be '" + TO_TARGET + "' or '" + TO_SOURCE + "', got '" + direction + "'");
		return new TransferRequest(FijiSettings.read(this, TransferRequest.SETTINGS)).with(TransferRequest.TO, to).check();
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
		final TransferRequest request = request();
		final Outputs out;
		try (TransferModel m = TransferModel.load(model, Device.parse(device))) {
			out = DomainTransfer.run(image, m, request, StatusProgress.of(status));
		}
		catch (final java.io.IOException e) {
			throw new IllegalArgumentException("cannot load transfer model '" + model + "': " + e.getMessage(), e);
		}
		for (final Map.Entry<String, ImagePlus> e : out.images().entrySet()) ResultImages.show(e.getValue(), DerivedImages.title(image, e.getKey()));
		report(out);
	}
}
