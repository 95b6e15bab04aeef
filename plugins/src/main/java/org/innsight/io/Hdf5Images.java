package org.innsight.io;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innsight.image.SpectralImage;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.measure.Calibration;

/**
 * HDF5 datasets as ImageJ images. A dataset's axes (numpy order, slowest first) come from its string attribute
 * {@code axes} (letters x, y, c, z, t, e.g. "cyx" or "yxc"); without it they follow OME-Zarr's order: 2-D "yx",
 * 3-D "zyx", 4-D "czyx", 5-D "tczyx". Optional attributes: {@code element_size} (one per axis, numpy order) with
 * {@code unit}, or ilastik's {@code element_size_um}; {@code wavelengths_nm} labels the channels (or the slices of a stack without channels).
 * uint8 and uint16 data become 8/16-bit images, all other numbers 32-bit float.
 */
public final class Hdf5Images {

	/** The dataset InnSight writes images to, and looks for first when none is named. */
	public static final String DEFAULT_DATASET = "/data";

	private Hdf5Images() {}

	/**
	 * The dataset to open when none is named: {@value #DEFAULT_DATASET} if present, else the only dataset of two to
	 * five dimensions; otherwise an IOException listing the datasets.
	 */
	public static String defaultDataset(final Path file) throws IOException {
		final List<String> all = Hdf5Files.datasets(file);
		if (all.contains(DEFAULT_DATASET)) return DEFAULT_DATASET;
		final List<String> images = new ArrayList<>();
		for (final String d : all) {
			final int rank = Hdf5Files.shape(file, d).length;
			if (rank >= 2 && rank <= 5) images.add(d);
		}
		if (images.size() == 1) return images.get(0);
		throw new IOException("HDF5 file " + file + " has " + (images.isEmpty() ? "no image dataset (2 to 5 dimensions)" :
			images.size() + " image datasets") + "; name one of: " + (all.isEmpty() ? "(no datasets)" : String.join(", ", all)));
	}

	public static ImagePlus read(final Path file, final String dataset) throws IOException {
		final NdArray a = Hdf5Files.read(file, dataset);
		final Map<String, Object> attributes = Hdf5Files.attributes(file, dataset);
		final String axes = axes(attributes.get("axes"), a.rank(), file, dataset);
		final int[] shape = a.shape();
		final long[] stride = new long[shape.length];
		for (int d = shape.length - 1, s = 1; d >= 0; s *= shape[d], d--) stride[d] = s;
		final int ix = axes.indexOf('x'), iy = axes.indexOf('y'), ic = axes.indexOf('c'), iz = axes.indexOf('z'), it = axes.indexOf('t');
		final int w = shape[ix], h = shape[iy], nc = size(shape, ic), nz = size(shape, iz), nt = size(shape, it);
		final int bitDepth = a.dtype().equals("uint8") ? 8 : a.dtype().equals("uint16") ? 16 : 32;
		final ImageStack stack = new ImageStack(w, h);
		for (int t = 0; t < nt; t++)
			for (int z = 0; z < nz; z++)
				for (int c = 0; c < nc; c++) {
					final long base = step(stride, it, t) + step(stride, iz, z) + step(stride, ic, c);
					final Object plane = bitDepth == 8 ? new byte[w * h] : bitDepth == 16 ? new short[w * h] : new float[w * h];
					for (int y = 0, i = 0; y < h; y++)
						for (int x = 0; x < w; x++, i++) {
							final double v = a.get((int) (base + y * stride[iy] + x * stride[ix]));
							if (bitDepth == 8) ((byte[]) plane)[i] = (byte) v;
							else if (bitDepth == 16) ((short[]) plane)[i] = (short) v;
							else ((float[]) plane)[i] = (float) v;
						}
					stack.addSlice(null, plane);
				}
		final String name = file.getFileName().toString();
		final ImagePlus imp = new ImagePlus(dataset.equals(DEFAULT_DATASET) ? name : name + ":" + Hdf5Files.absolute(dataset), stack);
		imp.setDimensions(nc, nz, nt);
		if ((nc > 1 ? 1 : 0) + (nz > 1 ? 1 : 0) + (nt > 1 ? 1 : 0) > 1) imp.setOpenAsHyperStack(true);
		calibrate(imp, attributes, axes);
		final double[] nm = numbers(attributes.get("wavelengths_nm"));
		if (nm != null && nm.length == (nc > 1 ? nc : nz)) SpectralImage.label(imp, nm);
		final FileInfo fi = new FileInfo();
		fi.directory = file.toAbsolutePath().getParent() + File.separator;
		fi.fileName = name;
		imp.setFileInfo(fi);
		return imp;
	}

	/**
	 * Writes {@code imp} as one dataset (numpy order t, z, c, y, x without the axes of size 1) with attributes
	 * {@code axes}, {@code element_size}, {@code unit} and, when known, {@code wavelengths_nm}. 8-bit is stored as
	 * int16 and 16-bit as int32 (jhdf writes signed integers only), 32-bit as float32.
	 */
	public static void write(final ImagePlus imp, final Path file, final String dataset, final Collection<Path> inputs) throws IOException {
		if (imp.getBitDepth() == 24) throw new IllegalArgumentException("Image '" + imp.getTitle() + "' is RGB; HDF5 output needs 8-, 16- or 32-bit");
		final int w = imp.getWidth(), h = imp.getHeight(), nc = imp.getNChannels(), nz = imp.getNSlices(), nt = imp.getNFrames();
		final Calibration cal = imp.getCalibration();
		final StringBuilder axes = new StringBuilder();
		final List<Integer> shape = new ArrayList<>();
		final List<Double> sizes = new ArrayList<>();
		if (nt > 1) add(axes, shape, sizes, 't', nt, cal.frameInterval > 0 ? cal.frameInterval : 1);
		if (nz > 1) add(axes, shape, sizes, 'z', nz, cal.pixelDepth);
		if (nc > 1) add(axes, shape, sizes, 'c', nc, 1);
		add(axes, shape, sizes, 'y', h, cal.pixelHeight);
		add(axes, shape, sizes, 'x', w, cal.pixelWidth);
		final int planes = imp.getStackSize(), n = w * h;
		final ImageStack stack = imp.getStack();
		final boolean signed16 = imp.getBitDepth() == 16 && cal.isSigned16Bit();
		final Object flat = imp.getBitDepth() == 8 || signed16 ? new short[planes * n] : imp.getBitDepth() == 16 ? new int[planes * n] : new float[planes * n];
		for (int s = 0; s < planes; s++) {
			final Object p = stack.getPixels(s + 1);
			for (int i = 0; i < n; i++) {
				if (p instanceof byte[] b) ((short[]) flat)[s * n + i] = (short) (b[i] & 0xff);
				else if (p instanceof short[] sh && signed16) ((short[]) flat)[s * n + i] = (short) ((sh[i] & 0xffff) - 32768);
				else if (p instanceof short[] sh) ((int[]) flat)[s * n + i] = sh[i] & 0xffff;
				else ((float[]) flat)[s * n + i] = ((float[]) p)[i];
			}
		}
		final String dtype = flat instanceof short[] ? "int16" : flat instanceof int[] ? "int32" : "float32";
		final String path = Hdf5Files.absolute(dataset);
		try (Hdf5Writer out = Hdf5Files.create(file, inputs)) {
			out.dataset(path, NdArray.of(flat, dtype, shape.stream().mapToInt(Integer::intValue).toArray()));
			out.attribute(path, "axes", axes.toString());
			out.attribute(path, "element_size", sizes.stream().mapToDouble(Double::doubleValue).toArray());
			out.attribute(path, "unit", cal.getUnit());
			final double[] nm = SpectralImage.wavelengthsOf(imp); // of the channels, else of a plain stack's slices
			if (nm != null) out.attribute(path, "wavelengths_nm", nm);
		}
	}

	/** The default axis letters (numpy order) for a dataset of {@code rank} dimensions. */
	public static String defaultAxes(final int rank) {
		return "tczyx".substring(5 - rank);
	}

	private static String axes(final Object attribute, final int rank, final Path file, final String dataset) throws IOException {
		if (rank < 2 || rank > 5)
			throw new IOException("Dataset " + dataset + " in " + file + " has " + rank + " dimensions; an image has 2 to 5");
		if (attribute == null) return defaultAxes(rank);
		final String axes = attribute.toString().trim().toLowerCase(Locale.ROOT);
		boolean ok = axes.length() == rank && axes.indexOf('x') >= 0 && axes.indexOf('y') >= 0;
		for (int i = 0; ok && i < axes.length(); i++)
			ok = "xyczt".indexOf(axes.charAt(i)) >= 0 && axes.indexOf(axes.charAt(i)) == i;
		if (!ok)
			throw new IOException("Dataset " + dataset + " in " + file + " has axes \"" + attribute + "\": expected " + rank +
				" different letters of x, y, c, z, t including x and y");
		return axes;
	}

	private static void calibrate(final ImagePlus imp, final Map<String, Object> attributes, final String axes) {
		double[] sizes = numbers(attributes.get("element_size"));
		String unit = attributes.get("unit") == null ? null : attributes.get("unit").toString();
		if (sizes == null) {
			sizes = numbers(attributes.get("element_size_um"));
			if (sizes != null) unit = "µm";
		}
		if (sizes == null || sizes.length != axes.length()) return;
		final Calibration cal = imp.getCalibration();
		for (int d = 0; d < sizes.length; d++) {
			if (!(sizes[d] > 0) || Double.isInfinite(sizes[d])) continue;
			switch (axes.charAt(d)) {
				case 'x' -> cal.pixelWidth = sizes[d];
				case 'y' -> cal.pixelHeight = sizes[d];
				case 'z' -> cal.pixelDepth = sizes[d];
				case 't' -> cal.frameInterval = sizes[d];
				default -> { }
			}
		}
		if (unit != null && !unit.isBlank()) cal.setUnit(unit);
		imp.setCalibration(cal);
	}

	/** A numeric attribute (scalar or array) as doubles, or null. */
	static double[] numbers(final Object value) {
		if (value == null) return null;
		if (value instanceof Number n) return new double[] { n.doubleValue() };
		if (!value.getClass().isArray()) return null;
		final double[] out = new double[Array.getLength(value)];
		for (int i = 0; i < out.length; i++) {
			final Object v = Array.get(value, i);
			if (!(v instanceof Number n)) return null;
			out[i] = n.doubleValue();
		}
		return out;
	}

	private static int size(final int[] shape, final int d) {
		return d < 0 ? 1 : shape[d];
	}

	private static long step(final long[] stride, final int d, final int position) {
		return d < 0 ? 0 : stride[d] * position;
	}

	private static void add(final StringBuilder axes, final List<Integer> shape, final List<Double> sizes, final char letter,
		final int size, final double elementSize)
	{
		axes.append(letter);
		shape.add(size);
		sizes.add(elementSize);
	}
}
