package org.innsight.posterior;

import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.innsight.image.Axes;
import org.innsight.image.Axis;
import org.innsight.image.AxisType;
import org.innsight.image.CalibratedImage;
import org.innsight.image.ImagePlusBridge;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.LutLoader;
import ij.process.ImageProcessor;
import ij.process.LUT;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Posterior maps as ImageJ images and ImageJ masks as posterior inputs, for {@link TissuePosterior}.
 * <p>
 * A map becomes a 32-bit image (the map's own pixels, not a copy) titled {@code <base>_<parameter>_<statistic>},
 * calibrated like the input (pixel size, frame interval), with the value unit of the parameter, and a LUT:
 * values (median, mean, quantiles) in "Fire" over the parameter's range; spreads (IQR, sd) in "Ice" from 0;
 * mode counts in "Grays" over 1..3 (white: three or more modes).
 */
public final class PosteriorImages {

	private PosteriorImages() {}

	/** One parameter's samples as an ImageJ stack titled {@code <base>_<parameter>_samples}, one slice per sample (shares the pixels). */
	public static ImagePlus samples(final PosteriorMaps.SampleStack s, final PosteriorMaps maps, final String base) {
		final List<Axis> axes = new ArrayList<>(List.of(maps.axes().get(0), maps.axes().get(1), Axis.of(AxisType.Z)));
		if (maps.axes().numDimensions() > 2) axes.add(maps.axes().get(2));
		final ImagePlus imp = ImagePlusBridge.toImagePlus(new CalibratedImage<>(s.image(), Axes.of(axes), base + "_" + s.parameter() + "_samples"));
		imp.getCalibration().setValueUnit(s.unit());
		for (int i = 1; i <= imp.getStackSize(); i++) imp.getStack().setSliceLabel("sample " + imp.convertIndexToPosition(i)[1], i);
		imp.setProp("parameter", s.parameter());
		imp.setProp("model", maps.model());
		return imp;
	}

	/** One map as an ImageJ image (shares the map's pixels). */
	public static ImagePlus image(final PosteriorMaps.ParameterMap m, final Axes axes, final String base) {
		final ImagePlus imp = ImagePlusBridge.toImagePlus(new CalibratedImage<>(m.image(), axes, base + "_" + m.label()));
		imp.getCalibration().setValueUnit(m.unit());
		imp.setProp("parameter", m.parameter());
		imp.setProp("statistic", m.statistic().label());
		double lo, hi;
		final String lut;
		switch (m.statistic()) {
			case MODES -> {
				lut = "grays";
				lo = 1;
				hi = 3;
			}
			case IQR, SD -> {
				lut = "ice";
				lo = 0;
				hi = percentile(m, 0.99);
			}
			default -> {
				lut = "fire";
				final double[] r = m.range();
				lo = r != null ? r[0] : percentile(m, 0.01);
				hi = r != null ? r[1] : percentile(m, 0.99);
			}
		}
		if (!(hi > lo)) hi = lo + 1;
		final IndexColorModel icm = LutLoader.getLut(lut);
		imp.setLut(new LUT(icm, lo, hi));
		imp.setDisplayRange(lo, hi);
		return imp;
	}

	/** The p-quantile of a map's finite values (for display ranges); 0 when it has none. */
	private static double percentile(final PosteriorMaps.ParameterMap m, final double p) {
		final float[] v = new float[(int) Math.min(Integer.MAX_VALUE - 8, m.image().size())];
		int n = 0;
		for (final FloatType x : m.image()) if (Float.isFinite(x.get()) && n < v.length) v[n++] = x.get();
		if (n == 0) return 0;
		Arrays.sort(v, 0, n);
		return v[(int) Math.min(n - 1, Math.round(p * (n - 1)))];
	}

	/**
	 * The pixels to estimate from the image's area selection and/or a mask image (nonzero = estimate): x, y, or
	 * x, y, frame for a mask with one plane per frame; null when there is neither (every pixel).
	 */
	public static RandomAccessibleInterval<UnsignedByteType> mask(final ImagePlus image, final ImagePlus maskImage, final boolean useSelection) {
		final Roi roi = useSelection ? image.getRoi() : null;
		final boolean area = roi != null && roi.isArea();
		if (!area && maskImage == null) return null;
		final int w = image.getWidth(), h = image.getHeight();
		if (maskImage != null && (maskImage.getWidth() != w || maskImage.getHeight() != h))
			throw new IllegalArgumentException("mask '" + maskImage.getTitle() + "' is " + maskImage.getWidth() + "x" + maskImage.getHeight() +
				" but image '" + image.getTitle() + "' is " + w + "x" + h);
		final int planes = maskImage == null ? 1 : maskImage.getStackSize();
		final int frames = image.getNFrames();
		if (planes != 1 && planes != frames)
			throw new IllegalArgumentException("mask '" + maskImage.getTitle() + "' has " + planes + " planes; give one, or one per frame (" + frames + ")");
		final ArrayImg<UnsignedByteType, ByteArray> mask = planes == 1 ? ArrayImgs.unsignedBytes(w, h) : ArrayImgs.unsignedBytes(w, h, planes);
		final byte[] bits = mask.update(null).getCurrentStorageArray();
		for (int z = 0; z < planes; z++) {
			// once per plane: a virtual stack reads the plane from its file on every call
			final ImageProcessor plane = maskImage == null ? null : maskImage.getStack().getProcessor(z + 1);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					boolean in = !area || roi.contains(x, y);
					if (plane != null) in &= plane.getf(x, y) != 0;
					bits[(z * h + y) * w + x] = (byte) (in ? 1 : 0);
				}
		}
		return mask;
	}

	/** The saturation level of an image's pixel type: 255 for 8-bit, 65535 for 16-bit, none (infinity) for float. */
	public static double saturationOf(final ImagePlus image) {
		return switch (image.getBitDepth()) {
			case 8 -> 255;
			case 16 -> 65535;
			default -> Double.POSITIVE_INFINITY;
		};
	}
}
