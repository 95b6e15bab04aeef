package org.innsight.fiji;

import org.innsight.image.DerivedImages;
import org.innsight.engine.Device;
import org.innsight.engine.ModelCatalog;
import org.innsight.image.SpectralImage;
import org.innsight.transfer.DomainConditions;
import org.innsight.transfer.DomainTransfer;
import org.innsight.transfer.TransferModel;
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
public class DomainTransferCommand implements Command {

	public static final String SUFFIX = "transferred";
	public static final String TO_TARGET = "source to target", TO_SOURCE = "target to source";

	@Parameter(label = "Spectral image", description = "channels (or the slices of a plain stack) are wavelengths")
	private ImagePlus image;

	@Parameter(label = "Transfer model", description = "a model folder, or the name of a model in InnSight's models folder")
	private String model = "msi-sim2real-16band";

	@Parameter(label = "Direction", choices = { TO_TARGET, TO_SOURCE },
		description = "source to target: e.g. simulation -> real camera; target to source: real camera -> simulation")
	private String direction = TO_SOURCE;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" })
	private String device = "auto";

	@Parameter(required = false)
	private StatusService status;

	@Override
	public void run() {
		final int to = TO_TARGET.equals(direction) ? DomainConditions.TARGET : DomainConditions.SOURCE;
		final ImagePlus result = DerivedImages.floatCopy(image);
		try (TransferModel m = TransferModel.load(ModelCatalog.standard().resolve(model), Device.parse(device))) {
			// a view of the copy's own pixels: transferring it in place fills the result
			final SpectralImage spectra = SpectralImage.of(result);
			DomainTransfer.transferImage(m, spectra, spectra.image(), 1 - to, to, StatusProgress.of(status));
			final double[] nm = m.wavelengthsNm(to);
			if (nm != null) SpectralImage.label(result, nm);
		}
		catch (final java.io.IOException e) {
			throw new IllegalArgumentException("cannot load transfer model '" + model + "': " + e.getMessage(), e);
		}
		ResultImages.show(result, DerivedImages.title(image, SUFFIX));
	}
}
