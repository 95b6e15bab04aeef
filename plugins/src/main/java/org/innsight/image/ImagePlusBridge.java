package org.innsight.image;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;
import net.imglib2.view.Views;

/**
 * Zero-copy views between ImageJ1 {@link ImagePlus} and ImgLib2, both ways, keeping calibration and axis order.
 * <p>
 * ImagePlus to ImgLib2: 8-bit becomes {@link UnsignedByteType}, 16-bit {@link UnsignedShortType}, 32-bit
 * {@link FloatType}; a single plane is an {@link ArrayImg} over the processor's pixel array, a stack a
 * {@link PlanarImg} over the stack's own plane arrays, with dimensions x, y, then channel, z and time where those
 * have more than one position (ImageJ's own c-z-t plane order). Writes through either side show in the other.
 * Virtual stacks are read into memory once (their planes are not arrays ImageJ keeps); {@link VirtualStackImage}
 * reads them plane by plane when needed instead (as {@link SpectralImage#of} does). Pixel values are the
 * stored ones: ImageJ's signed 16-bit calibration (value = stored - 32768) is not applied.
 * <p>
 * ImgLib2 to ImagePlus: zero-copy when the image is a {@link PlanarImg}, or a single-plane {@link ArrayImg}, of
 * UnsignedByteType, UnsignedShortType or FloatType with x and y as its first two dimensions; any other image is
 * copied (unsigned byte/short stay 8/16-bit, every other real type becomes 32-bit float).
 */
public final class ImagePlusBridge {

	/** ImageJ's order of the axes beyond x and y. */
	private static final AxisType[] IMAGEJ_ORDER = { AxisType.X, AxisType.Y, AxisType.CHANNEL, AxisType.Z, AxisType.TIME };

	private ImagePlusBridge() {}

	/**
	 * A view of the pixels of {@code imp}; the pixel type follows the bit depth (8: UnsignedByteType, 16:
	 * UnsignedShortType, 32: FloatType); RGB images are refused.
	 */
	@SuppressWarnings("unchecked")
	public static <T extends NativeType<T> & RealType<T>> CalibratedImage<T> wrap(final ImagePlus imp) {
		final Axes axes = axesOf(imp);
		final long[] dims = new long[axes.numDimensions()];
		for (int d = 0; d < dims.length; d++)
			dims[d] = sizeOf(imp, axes.get(d).type());
		final List<Object> planes = planes(imp);
		final boolean single = planes.size() == 1;
		final Img<?> img;
		switch (imp.getBitDepth()) {
			case 8 -> img = single ? ArrayImgs.unsignedBytes((byte[]) planes.get(0), dims) : planarBytes(planes, dims);
			case 16 -> img = single ? ArrayImgs.unsignedShorts((short[]) planes.get(0), dims) : planarShorts(planes, dims);
			case 32 -> img = single ? ArrayImgs.floats((float[]) planes.get(0), dims) : planarFloats(planes, dims);
			default -> throw rgb(imp);
		}
		return new CalibratedImage<>((Img<T>) img, axes, imp.getTitle());
	}

	/** The error for an RGB image, which InnSight does not read as spectra. */
	static IllegalArgumentException rgb(final ImagePlus imp) {
		return new IllegalArgumentException("Image '" + imp.getTitle() + "' is RGB; InnSight needs 8-, 16- or " +
			"32-bit grayscale (Image > Color > RGB to Stack splits the colours into channels)");
	}

	/** The axes of {@code imp} as {@link #wrap} orders them: x, y, then c, z, t where their size exceeds 1. */
	public static Axes axesOf(final ImagePlus imp) {
		final Calibration cal = imp.getCalibration();
		final List<Axis> axes = new ArrayList<>();
		axes.add(new Axis(AxisType.X, positive(cal.pixelWidth), -cal.xOrigin * positive(cal.pixelWidth), cal.getXUnit()));
		axes.add(new Axis(AxisType.Y, positive(cal.pixelHeight), -cal.yOrigin * positive(cal.pixelHeight), cal.getYUnit()));
		if (imp.getNChannels() > 1) axes.add(Axis.of(AxisType.CHANNEL));
		if (imp.getNSlices() > 1)
			axes.add(new Axis(AxisType.Z, positive(cal.pixelDepth), -cal.zOrigin * positive(cal.pixelDepth), cal.getZUnit()));
		if (imp.getNFrames() > 1) axes.add(timeAxis(cal));
		return Axes.of(axes);
	}

	/**
	 * An ImagePlus showing the pixels of {@code image} (zero-copy where the class comment says so), with its
	 * calibration and a c-z-t hyperstack layout.
	 */
	public static ImagePlus toImagePlus(final CalibratedImage<?> image) {
		return toImagePlusTyped(image);
	}

	private static <T extends RealType<T>> ImagePlus toImagePlusTyped(final CalibratedImage<T> image) {
		final Axes axes = image.axes();
		axes.axis(AxisType.X);
		axes.axis(AxisType.Y);
		final long w = image.size(AxisType.X), h = image.size(AxisType.Y);
		if (w * h > Integer.MAX_VALUE)
			throw new IllegalArgumentException("Image '" + image.title() + "' has planes of " + w + "x" + h +
				" pixels; ImageJ allows at most 2^31-1 pixels per plane");
		final int nc = toInt(image.size(AxisType.CHANNEL)), nz = toInt(image.size(AxisType.Z)), nt = toInt(image.size(AxisType.TIME));
		final int bitDepth = bitDepthFor(image.image().getType());
		Object[] planes = sharedPlanes(image, nc, nz, nt);
		if (planes == null) planes = copyPlanes(image, bitDepth, nc, nz, nt);
		final ImageStack stack = new ImageStack((int) w, (int) h);
		for (final Object plane : planes)
			stack.addSlice(null, plane);
		final ImagePlus imp = new ImagePlus(image.title(), stack);
		imp.setDimensions(nc, nz, nt);
		if ((nc > 1 ? 1 : 0) + (nz > 1 ? 1 : 0) + (nt > 1 ? 1 : 0) > 1) imp.setOpenAsHyperStack(true);
		applyCalibration(axes, imp);
		return imp;
	}

	/** Writes the calibration of the x, y, z and time axes in {@code axes} into {@code imp}. */
	public static void applyCalibration(final Axes axes, final ImagePlus imp) {
		final Calibration cal = imp.getCalibration();
		if (axes.has(AxisType.X)) {
			final Axis x = axes.axis(AxisType.X);
			cal.pixelWidth = x.scale();
			cal.xOrigin = -x.origin() / x.scale();
			cal.setXUnit(x.unit());
		}
		if (axes.has(AxisType.Y)) {
			final Axis y = axes.axis(AxisType.Y);
			cal.pixelHeight = y.scale();
			cal.yOrigin = -y.origin() / y.scale();
			cal.setYUnit(y.unit());
		}
		if (axes.has(AxisType.Z)) {
			final Axis z = axes.axis(AxisType.Z);
			cal.pixelDepth = z.scale();
			cal.zOrigin = -z.origin() / z.scale();
			cal.setZUnit(z.unit());
		}
		if (axes.has(AxisType.TIME)) {
			final Axis t = axes.axis(AxisType.TIME);
			if (!t.unit().equals(UNCALIBRATED_TIME)) {
				cal.frameInterval = t.scale();
				cal.setTimeUnit(t.unit());
			}
		}
		imp.setCalibration(cal);
	}

	/** Unit of a time axis whose ImageJ frame interval is unset (0). */
	static final String UNCALIBRATED_TIME = "frame";

	private static Axis timeAxis(final Calibration cal) {
		return cal.frameInterval > 0 && Double.isFinite(cal.frameInterval)
			? new Axis(AxisType.TIME, cal.frameInterval, 0, cal.getTimeUnit())
			: new Axis(AxisType.TIME, 1, 0, UNCALIBRATED_TIME);
	}

	private static double positive(final double scale) {
		return scale > 0 && Double.isFinite(scale) ? scale : 1;
	}

	static long sizeOf(final ImagePlus imp, final AxisType type) {
		return switch (type) {
			case X -> imp.getWidth();
			case Y -> imp.getHeight();
			case CHANNEL -> imp.getNChannels();
			case Z -> imp.getNSlices();
			case TIME -> imp.getNFrames();
		};
	}

	/** The plane arrays in ImageJ's stack order; the same arrays ImageJ holds unless the stack is virtual. */
	private static List<Object> planes(final ImagePlus imp) {
		final List<Object> planes = new ArrayList<>();
		if (imp.getStackSize() == 1) {
			planes.add(imp.getProcessor().getPixels());
			return planes;
		}
		final ImageStack stack = imp.getStack();
		for (int i = 1; i <= stack.getSize(); i++) {
			final Object pixels = stack.isVirtual() ? stack.getProcessor(i).getPixels() : stack.getPixels(i);
			if (pixels == null) throw new IllegalArgumentException("Image '" + imp.getTitle() + "' has no pixels in plane " + i);
			planes.add(pixels);
		}
		return planes;
	}

	private static PlanarImg<UnsignedByteType, ByteArray> planarBytes(final List<Object> planes, final long[] dims) {
		final List<ByteArray> list = new ArrayList<>();
		for (final Object p : planes)
			list.add(new ByteArray((byte[]) p));
		final PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(list, dims, new Fraction());
		img.setLinkedType(new UnsignedByteType(img));
		return img;
	}

	private static PlanarImg<UnsignedShortType, ShortArray> planarShorts(final List<Object> planes, final long[] dims) {
		final List<ShortArray> list = new ArrayList<>();
		for (final Object p : planes)
			list.add(new ShortArray((short[]) p));
		final PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(list, dims, new Fraction());
		img.setLinkedType(new UnsignedShortType(img));
		return img;
	}

	private static PlanarImg<FloatType, FloatArray> planarFloats(final List<Object> planes, final long[] dims) {
		final List<FloatArray> list = new ArrayList<>();
		for (final Object p : planes)
			list.add(new FloatArray((float[]) p));
		final PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(list, dims, new Fraction());
		img.setLinkedType(new FloatType(img));
		return img;
	}

	private static int bitDepthFor(final RealType<?> type) {
		if (type instanceof UnsignedByteType) return 8;
		if (type instanceof UnsignedShortType) return 16;
		return 32;
	}

	private static boolean storageMatches(final RealType<?> type, final Object storage) {
		return type instanceof UnsignedByteType && storage instanceof byte[] ||
			type instanceof UnsignedShortType && storage instanceof short[] ||
			type instanceof FloatType && storage instanceof float[];
	}

	/** The planes of {@code image} in ImageJ order when they can be shared, else null. */
	private static Object[] sharedPlanes(final CalibratedImage<?> image, final int nc, final int nz, final int nt) {
		final Axes axes = image.axes();
		if (axes.indexOf(AxisType.X) != 0 || axes.indexOf(AxisType.Y) != 1) return null;
		final RandomAccessibleInterval<?> rai = image.image();
		final RealType<?> type = image.image().getType();
		if (rai instanceof ArrayImg<?, ?> array && nc * nz * nt == 1) {
			final Object storage = ((ArrayDataAccess<?>) array.update(null)).getCurrentStorageArray();
			return storageMatches(type, storage) ? new Object[] { storage } : null;
		}
		if (!(rai instanceof PlanarImg<?, ?> planar)) return null;
		// Plane index in the PlanarImg: dimensions 2.. with the first of them fastest.
		final long[] stride = new long[axes.numDimensions()];
		long s = 1;
		for (int d = 2; d < stride.length; d++) {
			stride[d] = s;
			s *= rai.dimension(d);
		}
		final Object[] planes = new Object[nc * nz * nt];
		int i = 0;
		for (int t = 0; t < nt; t++)
			for (int z = 0; z < nz; z++)
				for (int c = 0; c < nc; c++) {
					final long index = offset(axes, stride, AxisType.CHANNEL, c) + offset(axes, stride, AxisType.Z, z) +
						offset(axes, stride, AxisType.TIME, t);
					final Object storage = ((ArrayDataAccess<?>) planar.getPlane((int) index)).getCurrentStorageArray();
					if (!storageMatches(type, storage)) return null;
					planes[i++] = storage;
				}
		return planes;
	}

	private static long offset(final Axes axes, final long[] stride, final AxisType type, final int position) {
		final int d = axes.indexOf(type);
		return d < 0 ? 0 : stride[d] * position;
	}

	/** New plane arrays holding the pixels of {@code image} in ImageJ's c-z-t order. */
	private static <T extends RealType<T>> Object[] copyPlanes(final CalibratedImage<T> image, final int bitDepth,
		final int nc, final int nz, final int nt)
	{
		final RandomAccessibleInterval<T> xyczt = toXYCZT(image);
		final int size = (int) (xyczt.dimension(0) * xyczt.dimension(1));
		final Object[] planes = new Object[nc * nz * nt];
		int i = 0;
		for (int t = 0; t < nt; t++)
			for (int z = 0; z < nz; z++)
				for (int c = 0; c < nc; c++) {
					final RandomAccessibleInterval<T> plane =
						Views.hyperSlice(Views.hyperSlice(Views.hyperSlice(xyczt, 4, t), 3, z), 2, c);
					final Cursor<T> cursor = Views.flatIterable(plane).cursor();
					switch (bitDepth) {
						case 8 -> {
							final byte[] a = new byte[size];
							for (int k = 0; k < size; k++) a[k] = (byte) cursor.next().getRealDouble();
							planes[i++] = a;
						}
						case 16 -> {
							final short[] a = new short[size];
							for (int k = 0; k < size; k++) a[k] = (short) cursor.next().getRealDouble();
							planes[i++] = a;
						}
						default -> {
							final float[] a = new float[size];
							for (int k = 0; k < size; k++) a[k] = cursor.next().getRealFloat();
							planes[i++] = a;
						}
					}
				}
		return planes;
	}

	/** A 5-D view of {@code image} with dimensions x, y, c, z, t (absent axes have size 1), zero-based. */
	static <T> RandomAccessibleInterval<T> toXYCZT(final CalibratedImage<? extends RealType<?>> image) {
		@SuppressWarnings("unchecked")
		RandomAccessibleInterval<T> v = Views.zeroMin((RandomAccessibleInterval<T>) image.image());
		final int[] kind = new int[5]; // kind[d] = position of dimension d in IMAGEJ_ORDER
		final Axes axes = image.axes();
		for (int d = 0; d < axes.numDimensions(); d++)
			kind[d] = indexInImageJOrder(axes.get(d).type());
		int n = axes.numDimensions();
		for (final AxisType missing : IMAGEJ_ORDER)
			if (!axes.has(missing)) {
				v = Views.addDimension(v, 0, 0);
				kind[n++] = indexInImageJOrder(missing);
			}
		for (int p = 0; p < 5; p++) {
			int q = p;
			while (kind[q] != p) q++;
			if (q != p) {
				v = Views.permute(v, p, q);
				final int k = kind[p];
				kind[p] = kind[q];
				kind[q] = k;
			}
		}
		return v;
	}

	private static int indexInImageJOrder(final AxisType type) {
		for (int i = 0; i < IMAGEJ_ORDER.length; i++)
			if (IMAGEJ_ORDER[i] == type) return i;
		throw new AssertionError(type);
	}

	private static int toInt(final long size) {
		if (size > Integer.MAX_VALUE) throw new IllegalArgumentException("Axis too long for ImageJ: " + size);
		return (int) size;
	}
}
