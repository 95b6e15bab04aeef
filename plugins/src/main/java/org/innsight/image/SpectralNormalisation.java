package org.innsight.image;

import java.util.ArrayList;
import java.util.List;

import org.innsight.progress.ProgressListener;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * Per-pixel normalisation of a spectrum: every pixel's vector of channel values is divided by its L1 norm
 * (sum of absolute values) or its L2 norm (Euclidean length), so spectra of different brightness become
 * comparable by shape. Works in place; a pixel whose norm is 0 is left unchanged (it is all zeros).
 */
public final class SpectralNormalisation {

	private SpectralNormalisation() {}

	/**
	 * Normalises every pixel's spectrum in place.
	 *
	 * @param image the spectral image (any number of spatial axes)
	 * @param channelAxis the axis holding the spectrum (wavelengths)
	 * @param norm which norm to divide by
	 * @param progress receives one unit per pixel (reported about a hundred times)
	 */
	public static <T extends RealType<T>> void normalise(final RandomAccessibleInterval<T> image, final int channelAxis,
		final Normalisation norm, final ProgressListener progress)
	{
		if (channelAxis < 0 || channelAxis >= image.numDimensions()) throw new IllegalArgumentException(
			"channel axis " + channelAxis + " does not exist in a " + image.numDimensions() + "-D image");
		final long pixels = image.size() / image.dimension(channelAxis);
		if (norm == Normalisation.NONE) {
			progress.progress(pixels, pixels, "spectra left as they are");
			return;
		}
		// One cursor per channel, all walking the spatial pixels in the same (flat) order.
		final List<Cursor<T>> channels = new ArrayList<>();
		for (long c = image.min(channelAxis); c <= image.max(channelAxis); c++)
			channels.add(Views.flatIterable(Views.hyperSlice(image, channelAxis, c)).cursor());
		final String message = "normalising spectra (" + norm + ")";
		final long step = Math.max(1, pixels / 100);
		for (long p = 0; p < pixels; p++) {
			double sum = 0;
			for (final Cursor<T> c : channels) {
				final double v = c.next().getRealDouble();
				sum += norm == Normalisation.L1 ? Math.abs(v) : v * v;
			}
			final double length = norm == Normalisation.L1 ? sum : Math.sqrt(sum);
			if (length != 0) {
				for (final Cursor<T> c : channels) {
					final T t = c.get();
					t.setReal(t.getRealDouble() / length);
				}
			}
			if ((p + 1) % step == 0 || p + 1 == pixels) progress.progress(p + 1, pixels, message);
		}
	}
}
