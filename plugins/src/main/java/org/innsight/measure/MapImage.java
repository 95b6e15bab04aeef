package org.innsight.measure;

import java.util.Locale;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;

/**
 * One map to measure, as an array: its pixels (x fastest, then y, z and time), its grid and calibration, and the
 * name that says what it is ({@code sO2_median}, {@code sO2_samples}, {@code ood_mask}, {@code labels}, ...; see
 * {@link MapKind}). For a sample stack ({@code <parameter>_samples}) the z axis holds the samples of each pixel.
 *
 * @param name what the map is, without the image's name ({@code sO2_median}, not {@code scan_sO2_median})
 * @param values width x height x depth x frames values
 * @param spacing pixel width, height and depth in {@code unit}
 * @param unit the length unit of {@code spacing} ("pixel" or empty when uncalibrated)
 * @param valueUnit the unit of the values ("" or "1" when they have none)
 * @param bitDepth 8, 16 or 32: how the map was stored (label maps: 8-bit are DALSA classes, wider are segments)
 * @param source where it came from, for messages (a file or an image title)
 */
public record MapImage(String name, float[] values, int width, int height, int depth, int frames, double[] spacing, String unit, String valueUnit,
	int bitDepth, String source)
{

	public MapImage {
		if ((long) width * height * depth * frames != values.length)
			throw new IllegalArgumentException(source + ": " + values.length + " values for " + width + "x" + height + "x" + depth + "x" + frames);
		unit = unit == null ? "" : unit;
		valueUnit = valueUnit == null ? "" : valueUnit;
	}

	/** An uncalibrated map (pixel units), for tests and generated maps. */
	public static MapImage of(final String name, final float[] values, final int width, final int height, final int depth, final int frames) {
		return new MapImage(name, values, width, height, depth, frames, new double[] { 1, 1, 1 }, "pixel", "", 32, name);
	}

	/**
	 * The pixels of an ImageJ image (copied into one array; 8- and 16-bit as their stored values, ImageJ's
	 * calibration function not applied) with its calibration and value unit. Channels are refused: a map has one.
	 */
	public static MapImage of(final String name, final ImagePlus imp, final String source) {
		if (imp.getNChannels() > 1)
			throw new IllegalArgumentException(source + " has " + imp.getNChannels() + " channels; a map has one (split the channels and measure each)");
		if (imp.getBitDepth() == 24) throw new IllegalArgumentException(source + " is an RGB image; a map holds numbers (8-, 16- or 32-bit)");
		final int w = imp.getWidth(), h = imp.getHeight(), depth = imp.getNSlices(), frames = imp.getNFrames();
		final ImageStack stack = imp.getStack();
		final int plane = w * h;
		if ((long) plane * depth * frames > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException(source + " has " + (long) plane * depth * frames + " pixels; at most 2^31 can be measured at once");
		final float[] values = new float[plane * depth * frames];
		for (int i = 0; i < depth * frames; i++) { // ImageJ's plane order with one channel: z fastest, then time
			final Object pixels = stack.getProcessor(i + 1).getPixels();
			final int off = i * plane;
			if (pixels instanceof float[] f) System.arraycopy(f, 0, values, off, plane);
			else if (pixels instanceof short[] s) for (int k = 0; k < plane; k++) values[off + k] = s[k] & 0xffff;
			else if (pixels instanceof byte[] b) for (int k = 0; k < plane; k++) values[off + k] = b[k] & 0xff;
			else throw new IllegalArgumentException(source + ": plane " + (i + 1) + " has no pixels");
		}
		final Calibration c = imp.getCalibration();
		final double[] spacing = { positive(c.pixelWidth), positive(c.pixelHeight), positive(c.pixelDepth) };
		return new MapImage(name, values, w, h, depth, frames, spacing, c.getUnit(), c.getValueUnit(), imp.getBitDepth(), source);
	}

	/** Values in one frame: width x height x depth. */
	public int frameSize() {
		return width * height * depth;
	}

	/** The value at {@code index} (x + width (y + height z)) of frame {@code frame} (0-based). */
	public float at(final int frame, final int index) {
		return values[frame * frameSize() + index];
	}

	/** Whether the length unit is a real one (not pixels). */
	public boolean calibrated() {
		final String u = unit.trim().toLowerCase(Locale.ROOT);
		return !u.isEmpty() && !u.equals("pixel") && !u.equals("pixels") && !u.equals("px");
	}

	/** The unit of the values for column headings: empty when they have none ("1", "pixel"). */
	public String valueUnitOrEmpty() {
		final String u = valueUnit.trim();
		return u.equals("1") || u.equalsIgnoreCase("gray value") || u.equalsIgnoreCase("pixel") ? "" : u;
	}

	/** The same grid (width, height, depth), or a message naming both maps. */
	void requireGridOf(final MapImage other, final boolean sameDepth) {
		if (width != other.width || height != other.height || sameDepth && depth != other.depth)
			throw new IllegalArgumentException(source + " is " + size() + " but " + other.source + " is " + other.size() + "; maps of one image " +
				"have one grid");
		if (frames != other.frames)
			throw new IllegalArgumentException(source + " has " + frames + " frames but " + other.source + " has " + other.frames);
	}

	String size() {
		return width + "x" + height + (depth > 1 ? "x" + depth : "") + (frames > 1 ? " (" + frames + " frames)" : "");
	}

	private static double positive(final double v) {
		return v > 0 && Double.isFinite(v) ? v : 1;
	}
}
