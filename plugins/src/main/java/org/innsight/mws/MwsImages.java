package org.innsight.mws;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;

/**
 * ImageJ images in and out of the Mutex Watershed: affinity hyperstacks (affinity channels as C, z as slices),
 * single-channel images (boundary maps, masks, seeds) and label images with a glasbey-like LUT. Shared by every
 * front end through {@link MwsSegmentation}, so all read and write images the same way.
 */
public final class MwsImages {

	/** A single-channel image's pixels, x fastest, with dims (x, y[, z]). */
	public static final class Pixels {
		public final float[] values;
		public final int[] dims;

		Pixels(final float[] values, final int[] dims) {
			this.values = values;
			this.dims = dims;
		}
	}

	private MwsImages() {}

	/**
	 * Affinities from a hyperstack whose channels are the affinity channels and whose slices are z. A plain stack
	 * (one channel) with as many slices as there are 2D offsets is read as a 2D image with the slices as channels.
	 *
	 * @param offsets (dx, dy[, dz]) per channel
	 */
	public static Affinities affinities(final ImagePlus imp, final int[][] offsets) {
		if (imp.getNFrames() > 1) throw new IllegalArgumentException("image '" + imp.getTitle() + "' has " + imp.getNFrames() + " time points; MWS takes one");
		if (imp.getBitDepth() == 24) throw new IllegalArgumentException("image '" + imp.getTitle() + "' is RGB; affinities must be 8-, 16- or 32-bit");
		int channels = imp.getNChannels(), slices = imp.getNSlices();
		final boolean slicesAreChannels = channels == 1 && offsets.length > 1 && slices == offsets.length && offsets[0].length == 2;
		if (slicesAreChannels) {
			channels = slices;
			slices = 1;
		}
		if (channels != offsets.length)
			throw new IllegalArgumentException("image '" + imp.getTitle() + "' has " + channels + " channels but " + offsets.length +
				" offsets were given; affinities need one channel per offset");
		final int w = imp.getWidth(), h = imp.getHeight(), n = w * h * slices;
		final float[] v = new float[channels * n];
		final ImageStack stack = imp.getStack();
		for (int c = 0; c < channels; c++)
			for (int z = 0; z < slices; z++) {
				final int index = slicesAreChannels ? c + 1 : imp.getStackIndex(c + 1, z + 1, 1);
				copy(stack.getProcessor(index), v, c * n + z * w * h);
			}
		final int[] dims = slices > 1 ? new int[] { w, h, slices } : new int[] { w, h };
		return Affinities.ofXyz(v, dims, offsets);
	}

	/** The pixels of a one-channel image (2D, or 3D with z as slices). */
	public static Pixels pixels(final ImagePlus imp) {
		if (imp.getNChannels() > 1 || imp.getNFrames() > 1)
			throw new IllegalArgumentException("image '" + imp.getTitle() + "' must have one channel and one time point, it has " +
				imp.getNChannels() + " channels and " + imp.getNFrames() + " time points");
		if (imp.getBitDepth() == 24) throw new IllegalArgumentException("image '" + imp.getTitle() + "' is RGB; use an 8-, 16- or 32-bit image");
		final int w = imp.getWidth(), h = imp.getHeight(), slices = imp.getStackSize();
		final float[] v = new float[w * h * slices];
		for (int z = 0; z < slices; z++) copy(imp.getStack().getProcessor(z + 1), v, z * w * h);
		return new Pixels(v, slices > 1 ? new int[] { w, h, slices } : new int[] { w, h });
	}

	/** Foreground (non-zero) pixels of a mask image that must match {@code dims}. */
	public static boolean[] mask(final ImagePlus imp, final int[] dims) {
		final Pixels p = matching(imp, dims, "mask");
		final boolean[] m = new boolean[p.values.length];
		for (int i = 0; i < m.length; i++) m[i] = p.values[i] != 0;
		return m;
	}

	/** Seed labels (whole numbers >= 0, 0 = none) of an image that must match {@code dims}. */
	public static int[] seeds(final ImagePlus imp, final int[] dims) {
		final Pixels p = matching(imp, dims, "seed image");
		final int[] s = new int[p.values.length];
		for (int i = 0; i < s.length; i++) {
			final float v = p.values[i];
			if (!(v >= 0) || v != Math.rint(v) || v > 1 << 24)
				throw new IllegalArgumentException("seed image '" + imp.getTitle() + "' holds " + v + "; seeds must be whole numbers >= 0");
			s[i] = (int) v;
		}
		return s;
	}

	/**
	 * A label image: 16-bit if every label fits, else 32-bit (exact up to 2^24), with the glasbey-like LUT and the
	 * display range 0..max(255, largest label).
	 */
	public static ImagePlus labels(final int[] labels, final int[] dims, final String title, final Calibration calibration) {
		final int w = dims[0], h = dims[1], slices = dims.length > 2 ? dims[2] : 1;
		int max = 0;
		for (final int l : labels) max = Math.max(max, l);
		final ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < slices; z++) {
			final int from = z * w * h;
			if (max <= 65535) {
				final short[] s = new short[w * h];
				for (int i = 0; i < s.length; i++) s[i] = (short) labels[from + i];
				stack.addSlice(new ShortProcessor(w, h, s, null));
			}
			else {
				final float[] f = new float[w * h];
				for (int i = 0; i < f.length; i++) f[i] = labels[from + i];
				stack.addSlice(new FloatProcessor(w, h, f));
			}
		}
		final ImagePlus imp = new ImagePlus(title, stack);
		if (slices > 1) imp.setDimensions(1, slices, 1);
		if (calibration != null) imp.setCalibration(calibration.copy());
		final byte[][] lut = LabelColors.glasbey();
		final LUT colours = new LUT(lut[0], lut[1], lut[2]);
		imp.getProcessor().setLut(colours);
		if (imp.getStackSize() > 1) imp.getStack().setColorModel(colours);
		imp.setDisplayRange(0, Math.max(255, max));
		imp.setProperty("Info", "Mutex Watershed labels: " + max + " segments (0 = background)\n");
		return imp;
	}

	private static Pixels matching(final ImagePlus imp, final int[] dims, final String what) {
		final Pixels p = pixels(imp);
		if (!java.util.Arrays.equals(p.dims, dims))
			throw new IllegalArgumentException(what + " '" + imp.getTitle() + "' is " + java.util.Arrays.toString(p.dims) +
				" (x, y[, z]) but the affinities are " + java.util.Arrays.toString(dims));
		return p;
	}

	private static void copy(final ImageProcessor ip, final float[] to, final int at) {
		final int n = ip.getPixelCount();
		if (ip instanceof FloatProcessor) System.arraycopy(ip.getPixels(), 0, to, at, n);
		else for (int i = 0; i < n; i++) to[at + i] = ip.getf(i);
	}
}
