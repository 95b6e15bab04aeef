package org.innsight.fiji;

import org.innsight.image.DerivedImages;
import org.innsight.image.SpectralImage;
import org.innsight.image.SpectralNormalisation;
import org.innsight.image.SpectralNormalisation.Norm;
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
public class SpectralNormaliseCommand implements Command {

	/** The suffix of the result's title. */
	public static final String SUFFIX = "normalised";

	@Parameter(label = "Spectral image", description = "channels (or the slices of a plain stack) are wavelengths")
	private ImagePlus image;

	@Parameter(label = "Norm", choices = { "L2", "L1", "none" },
		description = "L2: unit-length spectra; L1: absolute values sum to 1; none: copy")
	private String norm = "L2";

	@Parameter(required = false)
	private StatusService status;

	@Override
	public void run() {
		final Norm n = Norm.parse(norm);
		final ImagePlus result = DerivedImages.floatCopy(image);
		// a view (x, y, channel[, time]) on the copy's own pixels: normalising it fills the result
		final SpectralImage spectra = SpectralImage.of(result);
		SpectralNormalisation.normalise(spectra.image(), 2, n, StatusProgress.of(status));
		ResultImages.show(result, DerivedImages.title(image, SUFFIX));
	}
}
