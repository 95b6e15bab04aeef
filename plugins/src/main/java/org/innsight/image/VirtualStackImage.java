package org.innsight.image;

import java.io.IOException;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.type.numeric.real.FloatType;

/**
 * An ImageJ virtual stack (File > Import > Image Sequence with "Use virtual stack", a TIFF opened as a virtual stack,
 * {@code FolderOpener} or {@code FileInfoVirtualStack} from a script) as a lazy ImgLib2 float image: a plane is read
 * from the stack, that is from disk, only when a pixel of it is first needed, and only the last {@code cachedPlanes}
 * planes read are kept ({@link CachedCells}). {@link ImagePlusBridge#wrap} reads every plane first instead, which a
 * virtual stack was opened to avoid. Values are the stored ones, as {@code wrap} sees them (8/16-bit unsigned, or
 * float); dimensions and calibration are those of {@link ImagePlusBridge#axesOf}.
 * <p>
 * A virtual stack reads whole planes, so a plane is the unit: a tile of a spectral image needs every plane of its
 * frame (one per channel), and memory is bounded by the cached planes, not by the stack's length.
 */
public final class VirtualStackImage {

	private VirtualStackImage() {}

	/**
	 * A lazy view of {@code imp}'s stack (virtual or not; meant for virtual ones). RGB is refused, as by
	 * {@link ImagePlusBridge#wrap}.
	 */
	public static CalibratedImage<FloatType> wrap(final ImagePlus imp, final int cachedPlanes) {
		if (imp.getBitDepth() == 24) throw ImagePlusBridge.rgb(imp);
		final Axes axes = ImagePlusBridge.axesOf(imp);
		final long[] dims = new long[axes.numDimensions()];
		final int[] cell = new int[dims.length];
		for (int d = 0; d < dims.length; d++) {
			dims[d] = ImagePlusBridge.sizeOf(imp, axes.get(d).type());
			cell[d] = d < 2 ? (int) dims[d] : 1;
		}
		// cells hold whole x-y planes, so a cell's index is its plane's place in ImageJ's c-z-t order, less one
		final ImageStack stack = imp.getStack();
		final CachedCells.Reader reader = (index, min, size) -> plane(imp, stack, (int) index + 1);
		return new CalibratedImage<>(CachedCells.image(new CellGrid(dims, cell), cachedPlanes, reader), axes, imp.getTitle());
	}

	private static float[] plane(final ImagePlus imp, final ImageStack stack, final int n) throws IOException {
		final ImageProcessor ip;
		synchronized (stack) { // ImageJ's virtual stacks are not made to read two planes at once
			ip = stack.getProcessor(n);
		}
		if (ip == null || ip.getWidth() != imp.getWidth() || ip.getHeight() != imp.getHeight())
			throw new IOException("Image '" + imp.getTitle() + "': plane " + n + " of its virtual stack (" + stack.getSliceLabel(n) + ") " +
				(ip == null ? "could not be read" : "is " + ip.getWidth() + "x" + ip.getHeight() + ", not " + imp.getWidth() + "x" + imp.getHeight()));
		final float[] values = new float[ip.getPixelCount()];
		for (int i = 0; i < values.length; i++) values[i] = ip.getf(i);
		return values;
	}
}
