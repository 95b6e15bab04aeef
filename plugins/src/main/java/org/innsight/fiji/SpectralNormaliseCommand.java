package org.innsight.fiji;

import org.innsight.image.DerivedImages;
import org.innsight.normalise.SpectralNormalise;
import org.innsight.normalise.SpectralNormaliseRequest;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * {@code Plugins > InnSight > Spectral Normalise}: divides every pixel's spectrum by its L1 or L2 norm. The
 * result is a new 32-bit image titled {@code <input title without extension>_normalised}; the input is not
 * changed. Macro: {@code run("Spectral Normalise", "image=[scan.tif] norm=L2");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Spectral Normalise",
	description = "Per-pixel normalisation of a spectral image over its channels (none, L1 or L2).")
public class SpectralNormaliseCommand extends InnSightCommand {

	@Parameter(label = "Spectral image", description = "channels (or the slices of a plain stack) are wavelengths")
	private ImagePlus image;

	@Parameter(label = "Norm", choices = { "L2", "L1", "none" },
		description = "L2: unit-length spectra; L1: absolute values sum to 1; none: copy")
	private String norm = SpectralNormaliseRequest.NORM.defaultValue();

	@Parameter(required = false)
	private StatusService status;

	@Override
	protected void execute() {
		final SpectralNormaliseRequest request = new SpectralNormaliseRequest(FijiSettings.read(this, SpectralNormaliseRequest.SETTINGS));
		final String name = SpectralNormalise.NORMALISED;
		ResultImages.show(SpectralNormalise.run(image, request, StatusProgress.of(status)).image(name), DerivedImages.title(image, name));
	}
}
