package org.innsight.image;

import ij.ImagePlus;
import ij.ImageStack;

/** Images made from an input image: their titles and a 32-bit working copy that leaves the input untouched. */
public final class DerivedImages {

	private DerivedImages() {}

	/**
	 * The title of a result derived from {@code input}: the input's title without its file extension, an
	 * underscore and {@code suffix}; e.g. {@code scan.tif} + {@code normalised} = {@code scan_normalised}.
	 */
	public static String title(final ImagePlus input, final String suffix) {
		String base = input.getTitle();
		if (base.toLowerCase(java.util.Locale.ROOT).endsWith(".nii.gz")) base = base.substring(0, base.length() - 7);
		final int dot = base.lastIndexOf('.');
		if (dot > 0 && base.length() - dot <= 5) base = base.substring(0, dot);
		return base + "_" + suffix;
	}

	/**
	 * A 32-bit copy of {@code input} to compute a result in, keeping dimensions, slice labels (wavelengths),
	 * calibration, info and properties; the input is never changed.
	 */
	public static ImagePlus floatCopy(final ImagePlus input) {
		// An ImagePlus without pixels (e.g. what Fiji makes of a title that names no open image) would otherwise
		// fail below with ImageJ's "Stack is empty", which names neither the image nor the problem.
		if (input.getProcessor() == null || input.getWidth() == 0 || input.getHeight() == 0) throw new IllegalArgumentException(
			"image" + (input.getTitle().isEmpty() ? "" : " '" + input.getTitle() + "'") + " has no pixels (is it an open image?)");
		if (input.getBitDepth() == 24) throw new IllegalArgumentException("image '" + input.getTitle() +
			"' is RGB; InnSight needs 8-, 16- or 32-bit images (one channel per wavelength for spectra)");
		final ImageStack in = input.getStack();
		final ImageStack out = new ImageStack(input.getWidth(), input.getHeight());
		for (int i = 1; i <= in.getSize(); i++)
			out.addSlice(in.getSliceLabel(i), in.getProcessor(i).convertToFloatProcessor());
		final ImagePlus copy = new ImagePlus(input.getTitle(), out);
		copy.setDimensions(input.getNChannels(), input.getNSlices(), input.getNFrames());
		if (input.isHyperStack()) copy.setOpenAsHyperStack(true);
		copy.setCalibration(input.getCalibration().copy());
		// Not copyAttributes(): it also copies the image ID, and two open images must never share one.
		final Object info = input.getProperty("Info");
		if (info != null) copy.setProperty("Info", info);
		final String[] props = input.getPropertiesAsArray();
		if (props != null) copy.setProperties(props);
		return copy;
	}
}
