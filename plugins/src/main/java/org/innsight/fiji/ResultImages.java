package org.innsight.fiji;

import java.awt.GraphicsEnvironment;

import ij.ImagePlus;
import ij.ImageStack;
import ij.macro.Interpreter;

/**
 * How InnSight commands hand result images to the user and to macros.
 * <p>
 * A command shows its results itself ({@link #show}) under a predictable title ({@link #title}), instead of
 * declaring them as {@code @Parameter(type = ItemIO.OUTPUT)}. Why: Fiji's legacy layer does not pass an
 * {@code ItemIO.OUTPUT} {@link ImagePlus} on to a headless macro, so a macro could never {@code selectImage} it;
 * and in Fiji's GUI an image that is both shown by the command and declared as an output is displayed twice
 * (once by {@code show()}, once by the display post-processor). Showing only, never declaring, gives exactly one
 * window in the GUI and one selectable image in a macro. ImageJ1's batch mode (on for every headless macro)
 * keeps such images off screen; they are listed by {@code WindowManager} and closed with {@code close()}.
 */
public final class ResultImages {

	private ResultImages() {}

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

	/** Gives {@code result} its title and shows it (off screen in batch mode); returns it for chaining. */
	public static ImagePlus show(final ImagePlus result, final String title) {
		result.setTitle(title);
		// A headless JVM outside a macro (a test, `fiji --headless --run`) has no screen to show a window on,
		// and ImagePlus.show() would throw; ImageJ1's batch mode is its way of holding images without windows,
		// so turn it on: the image is then listed by WindowManager like any open image.
		if (GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode()) Interpreter.batchMode = true;
		result.show();
		return result;
	}

	/**
	 * A 32-bit copy of {@code input} to compute a result in, keeping dimensions, slice labels (wavelengths),
	 * calibration, info and properties; the input is never changed.
	 */
	public static ImagePlus floatCopy(final ImagePlus input) {
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
