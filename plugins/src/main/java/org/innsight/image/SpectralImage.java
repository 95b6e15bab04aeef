package org.innsight.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.converter.readwrite.RealFloatSamplerConverter;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * A multispectral image: float pixels with dimensions x, y, channel and optionally frame, and the wavelength (nm) of
 * every channel. Algorithms take this; the wavelengths are checked against what a model expects with
 * {@link #checkWavelengths}.
 */
public final class SpectralImage {

	private final String name;
	private final RandomAccessibleInterval<FloatType> image;
	private final Axes axes;
	private final double[] wavelengthsNm;
	private final int bitDepth;

	/**
	 * @param name for messages, e.g. the file name or image title
	 * @param image dimensions x, y, channel[, frame], zero-based
	 * @param axes calibration of those dimensions (types x, y, c[, t]); null for uncalibrated
	 * @param wavelengthsNm one per channel, or null/empty when unknown
	 */
	public SpectralImage(final String name, final RandomAccessibleInterval<FloatType> image, final Axes axes,
		final double[] wavelengthsNm)
	{
		this(name, image, axes, wavelengthsNm, 32);
	}

	/**
	 * As {@link #SpectralImage(String, RandomAccessibleInterval, Axes, double[])}, for pixels read from an image of
	 * {@code bitDepth} bits (8 or 16: unsigned integers, 24: RGB, 32: float), which {@link #bitDepth()} reports.
	 */
	public SpectralImage(final String name, final RandomAccessibleInterval<FloatType> image, final Axes axes,
		final double[] wavelengthsNm, final int bitDepth)
	{
		this.bitDepth = bitDepth;
		this.name = name == null ? "" : name;
		this.image = Objects.requireNonNull(image, "image");
		final int n = image.numDimensions();
		if (n != 3 && n != 4)
			throw new IllegalArgumentException("Spectral image '" + name + "' must have dimensions x, y, channel[, frame], not " + n);
		this.axes = axes != null ? axes : Axes.of(n == 3 ? "xyc" : "xyct");
		if (!this.axes.letters().equals(n == 3 ? "xyc" : "xyct"))
			throw new IllegalArgumentException("Spectral image '" + name + "' needs axes xyc or xyct, not " + this.axes.letters());
		this.wavelengthsNm = wavelengthsNm == null ? new double[0] : wavelengthsNm.clone();
		if (this.wavelengthsNm.length != 0 && this.wavelengthsNm.length != channels())
			throw new IllegalArgumentException("Spectral image '" + name + "' has " + channels() + " channels but " +
				this.wavelengthsNm.length + " wavelengths [" + Wavelengths.format(this.wavelengthsNm) + "] nm");
	}

	/**
	 * A spectral view of an ImagePlus (zero-copy for 32-bit; 8/16-bit pixels are seen through a read-write float
	 * conversion). The spectral axis is the channel axis, or the z axis of a plain stack without channels (ImageJ
	 * opens a plain multi-page file as z-slices). Wavelengths come from {@link #wavelengthsOf}.
	 * <p>
	 * A virtual stack is read lazily ({@link VirtualStackImage}): a plane when a tile first needs it, keeping the
	 * planes of two frames (a frame's planes are one spectrum; workers on neighbouring tiles may straddle two
	 * frames), so a long time series is never read whole. Writes into such a view do not reach the files.
	 */
	public static SpectralImage of(final ImagePlus imp) {
		final CalibratedImage<?> wrapped = imp.getStack().isVirtual()
			? VirtualStackImage.wrap(imp, 2 * imp.getNChannels() * imp.getNSlices()) : ImagePlusBridge.wrap(imp);
		final Axes axes = wrapped.axes();
		final AxisType spectral = spectralAxis(imp);
		RandomAccessibleInterval<FloatType> floats = toFloat(wrapped);
		final List<Axis> list = new ArrayList<>(List.of(axes.get(0), axes.get(1)));
		if (spectral == null) {
			floats = Views.moveAxis(Views.addDimension(floats, 0, 0), floats.numDimensions(), 2);
			list.add(Axis.of(AxisType.CHANNEL));
		}
		else list.add(Axis.of(AxisType.CHANNEL));
		if (axes.has(AxisType.TIME)) list.add(axes.axis(AxisType.TIME));
		final double[] nm;
		try {
			nm = wavelengthsOf(imp);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return new SpectralImage(imp.getTitle(), floats, Axes.of(list), nm, imp.getBitDepth());
	}

	/**
	 * The wavelengths of {@code imp}: from the labels of the planes along its spectral axis, else its
	 * "wavelengths" property, else the JSON sidecar beside the file it was opened from; null when none says.
	 */
	public static double[] wavelengthsOf(final ImagePlus imp) throws IOException {
		final AxisType spectral = labelledAxis(imp);
		final int n = spectral == null ? 1 : spectral == AxisType.CHANNEL ? imp.getNChannels() : imp.getNSlices();
		final List<String> labels = new ArrayList<>();
		final ImageStack stack = imp.getStack();
		for (int i = 1; i <= n; i++) {
			final int index = spectral == AxisType.Z ? imp.getStackIndex(1, i, 1) : imp.getStackIndex(i, 1, 1);
			labels.add(stack.getSliceLabel(index));
		}
		if (n == 1 && labels.get(0) == null) labels.set(0, imp.getProp("Label"));
		double[] nm = Wavelengths.fromLabels(labels);
		if (nm != null) return nm;
		String property = imp.getProp(Wavelengths.PROPERTY);
		if (property == null && imp.getProperty(Wavelengths.PROPERTY) != null) property = imp.getProperty(Wavelengths.PROPERTY).toString();
		if (property != null && !property.isBlank()) return Wavelengths.parseList(property);
		final FileInfo fi = imp.getOriginalFileInfo();
		if (fi != null && fi.directory != null && fi.fileName != null && !fi.fileName.isEmpty())
			return Wavelengths.fromSidecar(Path.of(fi.directory, fi.fileName));
		return null;
	}

	/** Labels the channels of {@code imp} ("520nm", on every z/t position) and sets its "wavelengths" property. */
	public static void label(final ImagePlus imp, final double[] nm) {
		final AxisType spectral = labelledAxis(imp);
		final int n = spectral == AxisType.Z ? imp.getNSlices() : imp.getNChannels();
		if (nm.length != n)
			throw new IllegalArgumentException("Image '" + imp.getTitle() + "' has " + n + " channels, cannot label them with " +
				nm.length + " wavelengths [" + Wavelengths.format(nm) + "] nm");
		final ImageStack stack = imp.getStack();
		for (int i = 1; i <= stack.getSize(); i++) {
			final int[] czt = imp.convertIndexToPosition(i);
			stack.setSliceLabel(Wavelengths.label(nm[(spectral == AxisType.Z ? czt[1] : czt[0]) - 1]), i);
		}
		if (stack.getSize() == 1) imp.setProp("Label", Wavelengths.label(nm[0]));
		imp.setProp(Wavelengths.PROPERTY, Wavelengths.format(nm));
	}

	/** An ImagePlus with channels labelled by wavelength (shares the pixels where {@link ImagePlusBridge} can). */
	public ImagePlus toImagePlus() {
		final ImagePlus imp = ImagePlusBridge.toImagePlus(new CalibratedImage<>(image, axes, name));
		if (hasWavelengths()) label(imp, wavelengthsNm);
		return imp;
	}

	public String name() {
		return name;
	}

	/** The pixels: x, y, channel[, frame]. */
	public RandomAccessibleInterval<FloatType> image() {
		return image;
	}

	public Axes axes() {
		return axes;
	}

	public long width() {
		return image.dimension(0);
	}

	public long height() {
		return image.dimension(1);
	}

	public int channels() {
		return (int) image.dimension(2);
	}

	public int frames() {
		return image.numDimensions() > 3 ? (int) image.dimension(3) : 1;
	}

	/**
	 * The pixel type the values were read as: 8 or 16 (unsigned integers: raw counts, not reflectance), 24 (RGB),
	 * 32 (float, and images made here).
	 */
	public int bitDepth() {
		return bitDepth;
	}

	public boolean hasWavelengths() {
		return wavelengthsNm.length > 0;
	}

	/** The wavelength of each channel in nm; empty when unknown. */
	public double[] wavelengthsNm() {
		return wavelengthsNm.clone();
	}

	/** This image with other wavelengths (same pixels). */
	public SpectralImage withWavelengths(final double[] nm) {
		return new SpectralImage(name, image, axes, nm, bitDepth);
	}

	/** {@link #checkWavelengths(String, double[], double)} with a tolerance of 0.5 nm. */
	public void checkWavelengths(final String modelName, final double[] expectedNm) {
		checkWavelengths(modelName, expectedNm, Wavelengths.DEFAULT_TOLERANCE_NM);
	}

	/**
	 * Throws an {@link IllegalArgumentException} naming both lists unless this image's wavelengths equal
	 * {@code expectedNm} channel by channel within {@code toleranceNm}.
	 */
	public void checkWavelengths(final String modelName, final double[] expectedNm, final double toleranceNm) {
		Wavelengths.check(name, wavelengthsNm, modelName, expectedNm, toleranceNm);
	}

	/** The axis holding the spectrum: channels, else the z of a plain stack, else none (one channel). */
	private static AxisType spectralAxis(final ImagePlus imp) {
		final int nc = imp.getNChannels(), nz = imp.getNSlices();
		if (nc > 1 && nz > 1)
			throw new IllegalArgumentException("Image '" + imp.getTitle() + "' has both " + nc + " channels and " + nz +
				" z-slices; a spectral image has x, y, channel and optionally time");
		return labelledAxis(imp);
	}

	/** The axis whose planes carry wavelength labels: channels, else z (a plain stack), else none. */
	private static AxisType labelledAxis(final ImagePlus imp) {
		return imp.getNChannels() > 1 ? AxisType.CHANNEL : imp.getNSlices() > 1 ? AxisType.Z : null;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static RandomAccessibleInterval<FloatType> toFloat(final CalibratedImage<?> wrapped) {
		final RandomAccessibleInterval<?> rai = wrapped.image();
		if (rai.getType() instanceof FloatType) return (RandomAccessibleInterval<FloatType>) rai;
		return Converters.convert((RandomAccessibleInterval) rai, new RealFloatSamplerConverter());
	}

}
