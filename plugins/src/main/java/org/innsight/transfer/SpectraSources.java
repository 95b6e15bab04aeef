package org.innsight.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.innsight.image.SpectralImage;
import org.innsight.io.ImageFiles;
import org.innsight.io.Table;
import org.innsight.io.TableFiles;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * The spectra of a domain, from what users have: a table (InnSight's simulation tables or their own, band columns
 * chosen by pattern) or spectral images, whose pixels become unpaired samples. Masks pick the pixels: an include
 * mask keeps pixels where it is non-zero, an exclude mask drops them (e.g. the foreign-material mask of the
 * sample data). Pixels with a NaN band are skipped.
 */
public final class SpectraSources {

	private SpectraSources() {}

	/** Whether a file is read as a table (.csv/.tsv/.txt/.h5/.hdf5) rather than an image. */
	public static boolean isTable(final Path file) {
		final String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		return TableFiles.isCsv(file) || (TableFiles.isHdf5(file) && !n.endsWith(".he5"));
	}

	/**
	 * The band columns of a table: {@code pattern} (names or globs, comma-separated) if given, else the header's
	 * {@code observation_columns}, else {@code band_*}.
	 */
	public static List<String> bandColumns(final Table table, final String pattern) {
		if (pattern != null && !pattern.isBlank()) return table.match(pattern);
		final JsonObject h = table.header();
		if (h.has("observation_columns") && h.get("observation_columns").isJsonArray()) {
			final List<String> names = new ArrayList<>();
			for (final var e : h.getAsJsonArray("observation_columns")) names.add(e.getAsString());
			for (final String n : names) table.column(n); // a clear error if the header names a missing column
			return names;
		}
		return table.match("band_*");
	}

	/** The header's {@code wavelengths_nm} if it has one entry per band column, else null. */
	public static double[] wavelengths(final Table table, final int bands) {
		final JsonObject h = table.header();
		if (!h.has("wavelengths_nm") || !h.get("wavelengths_nm").isJsonArray()) return null;
		final JsonArray a = h.getAsJsonArray("wavelengths_nm");
		if (a.size() != bands) return null;
		final double[] nm = new double[bands];
		for (int i = 0; i < bands; i++) nm[i] = a.get(i).getAsDouble();
		return nm;
	}

	public static Spectra fromTable(final Table table, final String pattern) {
		final List<String> cols = bandColumns(table, pattern);
		return new Spectra(table.rowMajor(cols), cols.size(), wavelengths(table, cols.size()), table.source());
	}

	/** Tissue classes from a column of whole numbers >= 0. */
	public static int[] classes(final Table table, final String column) {
		final float[] v = table.column(column);
		final int[] c = new int[v.length];
		for (int i = 0; i < v.length; i++) {
			if (!(v[i] >= 0) || v[i] != Math.rint(v[i]) || v[i] > 10000)
				throw new IllegalArgumentException(table.source() + ": tissue class column '" + column + "' row " + i +
					" holds " + v[i] + "; classes must be whole numbers 0, 1, 2, ...");
			c[i] = (int) v[i];
		}
		return c;
	}

	/**
	 * The pixels of a spectral image as spectra (all frames), keeping those where {@code include} (if given) is
	 * non-zero and {@code exclude} (if given) is zero; masks are x, y images of the same size.
	 */
	public static Spectra fromImage(final SpectralImage image, final RandomAccessibleInterval<? extends RealType<?>> include,
		final RandomAccessibleInterval<? extends RealType<?>> exclude)
	{
		checkMask(image, include, "include");
		checkMask(image, exclude, "exclude");
		final int b = image.channels();
		final RandomAccessibleInterval<FloatType> img = Views.zeroMin(image.image());
		final RandomAccess<FloatType> ra = img.randomAccess();
		final RandomAccess<? extends RealType<?>> in = include == null ? null : Views.zeroMin(include).randomAccess();
		final RandomAccess<? extends RealType<?>> ex = exclude == null ? null : Views.zeroMin(exclude).randomAccess();
		final FloatList out = new FloatList();
		final float[] px = new float[b];
		for (int t = 0; t < image.frames(); t++)
			for (long y = 0; y < image.height(); y++)
				pixels: for (long x = 0; x < image.width(); x++) {
					if (in != null && at(in, x, y) == 0) continue;
					if (ex != null && at(ex, x, y) != 0) continue;
					ra.setPosition(x, 0);
					ra.setPosition(y, 1);
					if (img.numDimensions() > 3) ra.setPosition(t, 3);
					for (int c = 0; c < b; c++) {
						ra.setPosition(c, 2);
						px[c] = ra.get().get();
						if (Float.isNaN(px[c])) continue pixels;
					}
					out.add(px);
				}
		if (out.size() == 0) throw new IllegalArgumentException(image.name() + ": no pixels left after masking");
		return new Spectra(out.toArray(), b, image.hasWavelengths() ? image.wavelengthsNm() : null, image.name());
	}

	/**
	 * Reads one domain: a single table, or one or more images (each with its own include/exclude mask, or none).
	 *
	 * @param includeMasks one per image, or empty
	 * @param excludeMasks one per image, or empty
	 */
	public static Spectra read(final List<Path> files, final List<Path> includeMasks, final List<Path> excludeMasks, final String bandPattern)
		throws IOException
	{
		if (files.isEmpty()) throw new IllegalArgumentException("no input file");
		if (files.size() == 1 && isTable(files.get(0))) {
			if (!includeMasks.isEmpty() || !excludeMasks.isEmpty())
				throw new IllegalArgumentException(files.get(0) + " is a table; masks apply to images only");
			return fromTable(TableFiles.read(files.get(0)), bandPattern);
		}
		for (final Path f : files)
			if (isTable(f)) throw new IllegalArgumentException(f + ": give either one table or image files, not both or several tables");
		checkCount(includeMasks, files, "include");
		checkCount(excludeMasks, files, "exclude");
		final FloatList all = new FloatList();
		double[] nm = null;
		int bands = -1;
		for (int i = 0; i < files.size(); i++) {
			final SpectralImage img = ImageFiles.openSpectral(files.get(i));
			if (bands >= 0 && img.channels() != bands)
				throw new IllegalArgumentException(files.get(i) + " has " + img.channels() + " bands, " + files.get(0) + " has " + bands);
			bands = img.channels();
			if (nm == null && img.hasWavelengths()) nm = img.wavelengthsNm();
			final Spectra s = fromImage(img, includeMasks.isEmpty() ? null : mask(includeMasks.get(i)), excludeMasks.isEmpty() ? null : mask(excludeMasks.get(i)));
			all.add(s.values());
		}
		final String name = files.size() == 1 ? files.get(0).toString() : files.size() + " images (" + files.get(0).getFileName() + ", ...)";
		return new Spectra(all.toArray(), bands, nm, name);
	}

	private static RandomAccessibleInterval<? extends RealType<?>> mask(final Path file) throws IOException {
		return ImageFiles.openImage(file).image();
	}

	private static void checkCount(final List<Path> masks, final List<Path> images, final String kind) {
		if (!masks.isEmpty() && masks.size() != images.size())
			throw new IllegalArgumentException(masks.size() + " " + kind + " mask(s) for " + images.size() + " image(s): give one per image, in order");
	}

	private static void checkMask(final SpectralImage image, final RandomAccessibleInterval<? extends RealType<?>> mask, final String kind) {
		if (mask == null) return;
		long planes = 1;
		for (int d = 2; d < mask.numDimensions(); d++) planes *= mask.dimension(d);
		if (mask.dimension(0) != image.width() || mask.dimension(1) != image.height() || planes != 1)
			throw new IllegalArgumentException("the " + kind + " mask is " + java.util.Arrays.toString(mask.dimensionsAsLongArray()) + ", but image '" +
				image.name() + "' is " + image.width() + " x " + image.height() + "; a mask is one x-y plane of the image's size");
	}

	private static double at(final RandomAccess<? extends RealType<?>> ra, final long x, final long y) {
		ra.setPosition(x, 0);
		ra.setPosition(y, 1);
		for (int d = 2; d < ra.numDimensions(); d++) ra.setPosition(0, d);
		return ra.get().getRealDouble();
	}

	/** A growable float array. */
	static final class FloatList {
		private float[] a = new float[1024];
		private int n;

		void add(final float[] v) {
			if (n + v.length > a.length) a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + v.length));
			System.arraycopy(v, 0, a, n, v.length);
			n += v.length;
		}

		int size() {
			return n;
		}

		float[] toArray() {
			return java.util.Arrays.copyOf(a, n);
		}
	}
}
