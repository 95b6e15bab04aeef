package org.innsight.image;

import java.util.Objects;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * An ImgLib2 image together with what each of its dimensions means ({@link Axes}) and a title. This is what the
 * bridge hands to algorithms and takes back from them.
 *
 * @param image the pixels
 * @param axes one axis per dimension of {@code image}
 * @param title a name for messages and for the ImageJ window
 */
public record CalibratedImage<T extends RealType<T>>(RandomAccessibleInterval<T> image, Axes axes, String title) {

	public CalibratedImage {
		Objects.requireNonNull(image, "image");
		Objects.requireNonNull(axes, "axes");
		if (axes.numDimensions() != image.numDimensions())
			throw new IllegalArgumentException("Image '" + title + "' has " + image.numDimensions() + " dimensions but " +
				axes.numDimensions() + " axes (" + axes.letters() + ")");
		title = title == null ? "" : title;
	}

	/** The size along an axis type; 1 when the image has no such axis. */
	public long size(final AxisType type) {
		final int d = axes.indexOf(type);
		return d < 0 ? 1 : image.dimension(d);
	}
}
