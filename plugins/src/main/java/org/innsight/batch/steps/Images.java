package org.innsight.batch.steps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;

/** Small helpers the plain steps share: pixel values across planes, shape words, derived images. */
final class Images {

	private Images() {}

	/** Every finite pixel value of every plane, sorted ascending; NaN and infinities left out. */
	static float[] finiteSorted(final ImagePlus imp) {
		final ImageStack stack = imp.getStack();
		final int n = imp.getWidth() * imp.getHeight();
		final float[] values = new float[(int) Math.min(Integer.MAX_VALUE - 8, (long) n * stack.getSize())];
		int count = 0;
		for (int z = 1; z <= stack.getSize(); z++) {
			final var ip = stack.getProcessor(z);
			for (int i = 0; i < n; i++) {
				final float v = ip.getf(i);
				if (Float.isFinite(v)) values[count++] = v;
			}
		}
		final float[] finite = count == values.length ? values : Arrays.copyOf(values, count);
		Arrays.sort(finite);
		return finite;
	}

	/** The value at fraction {@code p} in [0, 1] of sorted values, interpolated linearly between neighbours. */
	static double percentile(final float[] sorted, final double p) {
		if (sorted.length == 0) return Double.NaN;
		final double pos = p * (sorted.length - 1);
		final int lo = (int) Math.floor(pos);
		final int hi = Math.min(sorted.length - 1, lo + 1);
		return sorted[lo] + (pos - lo) * ((double) sorted[hi] - sorted[lo]);
	}

	/** Number of pixels over all planes. */
	static long pixels(final ImagePlus imp) {
		return (long) imp.getWidth() * imp.getHeight() * imp.getStackSize();
	}

	/** 2 for one plane, 3 for a stack, 4 or 5 for hyperstacks: x, y plus every channel/slice/frame axis longer than 1. */
	static int dimensions(final ImagePlus imp) {
		int d = 2;
		for (final int n : new int[] { imp.getNChannels(), imp.getNSlices(), imp.getNFrames() })
			if (n > 1) d++;
		return d;
	}

	/** Spectral bands: the channels if there are several, else the planes of a plain stack. */
	static int bands(final ImagePlus imp) {
		return imp.getNChannels() > 1 ? imp.getNChannels() : imp.getStackSize();
	}

	/** The shape in words, e.g. {@code 64 x 48, c=16} or {@code 64 x 48, c=4, z=3}. */
	static String shape(final ImagePlus imp) {
		final List<String> axes = new ArrayList<>();
		if (imp.getNChannels() > 1) axes.add("c=" + imp.getNChannels());
		if (imp.getNSlices() > 1) axes.add("z=" + imp.getNSlices());
		if (imp.getNFrames() > 1) axes.add("t=" + imp.getNFrames());
		return imp.getWidth() + " x " + imp.getHeight() + (axes.isEmpty() ? "" : ", " + String.join(", ", axes));
	}

	/**
	 * A new image with {@code stack} and everything else of {@code source} that describes the data:
	 * calibration, properties and, when the plane count is the same, slice labels (wavelengths) and hyperstack axes.
	 */
	static ImagePlus derive(final ImagePlus source, final ImageStack stack) {
		final ImageStack from = source.getStack();
		if (stack.getSize() == from.getSize())
			for (int z = 1; z <= stack.getSize(); z++)
				if (stack.getSliceLabel(z) == null) stack.setSliceLabel(from.getSliceLabel(z), z);
		final ImagePlus out = new ImagePlus(source.getTitle(), stack);
		out.setCalibration(source.getCalibration().copy());
		if (stack.getSize() == source.getStackSize()) {
			out.setDimensions(source.getNChannels(), source.getNSlices(), source.getNFrames());
			if (source.isHyperStack()) out.setOpenAsHyperStack(true);
		}
		final String info = source.getInfoProperty();
		if (info != null) out.setProperty("Info", info);
		final String[] props = source.getPropertiesAsArray();
		if (props != null) out.setProperties(props);
		return out;
	}
}
