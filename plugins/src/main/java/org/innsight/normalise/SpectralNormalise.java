package org.innsight.normalise;

import java.util.List;

import org.innsight.image.DerivedImages;
import org.innsight.image.SpectralImage;
import org.innsight.image.SpectralNormalisation;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;

import ij.ImagePlus;

/**
 * Spectral Normalise: every pixel's spectrum divided by its L1 or L2 norm, in a new 32-bit image (the input is
 * not changed). The channels of the input, or the slices of a plain stack, are its wavelengths. The one entry
 * point of the Fiji command, the demo and macros.
 */
public final class SpectralNormalise {

	/** The result image's name: Fiji titles it {@code <input>_normalised}. */
	public static final String NORMALISED = "normalised";

	private SpectralNormalise() {}

	/** The image {@value #NORMALISED}: a 32-bit copy of {@code input} (same title, labels, calibration), normalised. */
	public static Outputs run(final ImagePlus input, final SpectralNormaliseRequest request, final ProgressListener progress) {
		final List<String> problems = request.validate();
		if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
		final ImagePlus result = DerivedImages.floatCopy(input);
		// a view (x, y, channel[, time]) on the copy's own pixels: normalising it fills the result
		SpectralNormalisation.normalise(SpectralImage.of(result).image(), 2, request.norm(), progress);
		return new Outputs().image(NORMALISED, result);
	}
}
