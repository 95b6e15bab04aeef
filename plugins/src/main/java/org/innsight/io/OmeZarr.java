package org.innsight.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.innsight.image.CachedCells;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.img.cell.LazyCellImg;
import net.imglib2.type.numeric.real.FloatType;

/**
 * OME-Zarr (NGFF 0.4) images of one scale level, and lazy ImgLib2 views of Zarr arrays.
 * <p>
 * An image is a folder with {@code .zgroup}, {@code .zattrs} holding {@code multiscales} (one dataset, path
 * {@code "0"}, axes and a scale transformation) and the Zarr array {@code 0}. ImgLib2 dimension order is the
 * reverse of Zarr's (x fastest), so an image x, y, c, t is stored with NGFF axes t, c, y, x; a chunk's C-order
 * values are then an ImgLib2 cell's values as they are.
 */
public final class OmeZarr {

	private OmeZarr() {}

	/** An opened image: its array and its axis letters in ImgLib2 order (e.g. "xyc"), and extra attributes. */
	public record Image(ZarrArray array, String letters, double[] scale, JsonObject attributes) {

		/** Dimensions in ImgLib2 order. */
		public long[] dimensions() {
			return reversed(array.shape());
		}

		/** The whole array as a lazy float image in ImgLib2 order; see {@link OmeZarr#lazy}. */
		public LazyCellImg<FloatType, FloatArray> lazy(final int cachedChunks) {
			return OmeZarr.lazy(array, cachedChunks);
		}
	}

	/**
	 * Creates an OME-Zarr image folder for an image of ImgLib2 dimensions {@code dims} with axis letters
	 * {@code letters} (x, y, c, z, t; ImgLib2 order) and chunks {@code chunk} (ImgLib2 order). {@code extra}
	 * properties (e.g. {@code wavelengths_nm}) are written to {@code .zattrs} beside {@code multiscales}.
	 */
	public static ZarrArray create(final Path folder, final String name, final long[] dims, final String letters, final int[] chunk,
		final double[] scale, final ZarrArray.DataType type, final int zlibLevel, final Map<String, JsonElement> extra) throws IOException
	{
		if (letters.length() != dims.length || chunk.length != dims.length)
			throw new IllegalArgumentException("OME-Zarr " + folder + ": axes '" + letters + "', dimensions " + Arrays.toString(dims) +
				" and chunks " + Arrays.toString(chunk) + " must have the same length");
		Files.createDirectories(folder);
		ZarrArray.writeAtomically(folder.resolve(".zgroup"), "{\"zarr_format\":2}".getBytes(StandardCharsets.UTF_8));
		final JsonArray axes = new JsonArray();
		final JsonArray scales = new JsonArray();
		for (int d = dims.length - 1; d >= 0; d--) {
			final char l = letters.charAt(d);
			final JsonObject a = new JsonObject();
			a.addProperty("name", String.valueOf(l));
			a.addProperty("type", l == 'c' ? "channel" : l == 't' ? "time" : "space");
			axes.add(a);
			scales.add(scale == null ? 1.0 : scale[d]);
		}
		final JsonObject transform = new JsonObject();
		transform.addProperty("type", "scale");
		transform.add("scale", scales);
		final JsonArray transforms = new JsonArray();
		transforms.add(transform);
		final JsonObject dataset = new JsonObject();
		dataset.addProperty("path", "0");
		dataset.add("coordinateTransformations", transforms);
		final JsonArray datasets = new JsonArray();
		datasets.add(dataset);
		final JsonObject ms = new JsonObject();
		ms.addProperty("version", "0.4");
		ms.addProperty("name", name);
		ms.add("axes", axes);
		ms.add("datasets", datasets);
		final JsonArray multiscales = new JsonArray();
		multiscales.add(ms);
		final JsonObject attrs = new JsonObject();
		attrs.add("multiscales", multiscales);
		if (extra != null) extra.forEach(attrs::add);
		ZarrArray.writeAtomically(folder.resolve(".zattrs"), attrs.toString().getBytes(StandardCharsets.UTF_8));
		// NaN marks chunks never written in float images; integer types hold no NaN (Zarr's fill_value would be invalid)
		final boolean floats = type == ZarrArray.DataType.FLOAT32 || type == ZarrArray.DataType.FLOAT64;
		return ZarrArray.create(folder.resolve("0"), reversed(dims), reversed(chunk), type, zlibLevel, floats ? Double.NaN : 0);
	}

	/**
	 * Opens an OME-Zarr image (its first multiscales entry's first, full-resolution dataset) or a plain Zarr array
	 * (whose dimensions, reversed, are taken as x, y, c[, t]). A folder that is neither is an error naming it.
	 */
	public static Image open(final Path folder) throws IOException {
		if (Files.isRegularFile(folder.resolve(ZarrArray.METADATA))) {
			final ZarrArray a = ZarrArray.open(folder);
			final int n = a.shape().length;
			return new Image(a, "xyct".substring(0, Math.min(4, n)) + "?".repeat(Math.max(0, n - 4)), null, new JsonObject());
		}
		final Path attrsFile = folder.resolve(".zattrs");
		if (!Files.isRegularFile(attrsFile))
			throw new IOException(folder + " is not an OME-Zarr image or Zarr array: it has neither .zattrs nor .zarray");
		final JsonObject attrs;
		try {
			attrs = JsonFiles.read(attrsFile).getAsJsonObject();
		}
		catch (final RuntimeException e) {
			throw new IOException(attrsFile + " is not a JSON object: " + e.getMessage(), e);
		}
		final JsonObject ms;
		final String path;
		final StringBuilder letters = new StringBuilder();
		double[] scale = null;
		try {
			final JsonArray list = attrs.getAsJsonArray("multiscales");
			if (list == null || list.isEmpty()) throw new IOException(attrsFile + " has no 'multiscales' (not an OME-Zarr image)");
			ms = list.get(0).getAsJsonObject();
			final JsonObject dataset = ms.getAsJsonArray("datasets").get(0).getAsJsonObject();
			path = dataset.get("path").getAsString();
			final JsonArray axes = ms.getAsJsonArray("axes");
			for (int d = axes.size() - 1; d >= 0; d--) {
				final JsonElement a = axes.get(d);
				letters.append((a.isJsonObject() ? a.getAsJsonObject().get("name").getAsString() : a.getAsString()).charAt(0));
			}
			final JsonArray transforms = dataset.getAsJsonArray("coordinateTransformations");
			if (transforms != null) for (final JsonElement t : transforms)
				if (t.getAsJsonObject().get("type").getAsString().equals("scale")) {
					final JsonArray s = t.getAsJsonObject().getAsJsonArray("scale");
					scale = new double[s.size()];
					for (int d = 0; d < s.size(); d++) scale[s.size() - 1 - d] = s.get(d).getAsDouble();
				}
		}
		catch (final RuntimeException e) {
			throw new IOException(attrsFile + ": 'multiscales' lacks datasets[0].path or axes (NGFF 0.4): " + e.getMessage(), e);
		}
		final ZarrArray array = ZarrArray.open(folder.resolve(path));
		if (array.shape().length != letters.length())
			throw new IOException("OME-Zarr " + folder + " names " + letters.length() + " axes but its array " + path + " has " +
				array.shape().length + " dimensions");
		return new Image(array, letters.toString().toLowerCase(), scale, attrs);
	}

	/**
	 * The array as a lazy ImgLib2 float image (dimensions reversed, x fastest), one cell per Zarr chunk, read when a
	 * pixel of it is first needed. The last {@code cachedChunks} chunks read are kept (least recently used dropped),
	 * so memory stays bounded by that many chunks. A chunk that cannot be read raises an {@link UncheckedIOException}
	 * naming the array and the chunk file.
	 */
	public static LazyCellImg<FloatType, FloatArray> lazy(final ZarrArray array, final int cachedChunks) {
		final long[] dims = reversed(array.shape());
		final int[] cell = reversed(array.chunks());
		final CellGrid grid = new CellGrid(dims, cell);
		return CachedCells.image(grid, cachedChunks, (index, min, size) -> {
			final long[] pos = new long[dims.length];
			grid.getCellGridPositionFlat(index, pos);
			return crop(array.readChunk(reversed(pos)), cell, size);
		});
	}

	/**
	 * How many chunks of {@code array} (dimensions ..., y, x in Zarr order) one tile of {@code tile} x {@code tile}
	 * pixels can touch in the xy plane, aligned or not: a lazy view read tile by tile needs that many cached chunks
	 * per worker, or it reads chunks again for every channel of the tile.
	 */
	public static int chunksPerTile(final ZarrArray array, final int tile) {
		final int[] c = array.chunks();
		final int cx = c[c.length - 1], cy = c.length > 1 ? c[c.length - 2] : 1;
		return ((tile + cx - 1) / cx + 1) * ((tile + cy - 1) / cy + 1);
	}

	/** The {@code .zattrs} key under which the wavelengths (nm) of a spectral image's channels are kept. */
	public static final String WAVELENGTHS = "wavelengths_nm";

	/**
	 * A spectral image (axes x, y, c or x, y, c, t; NGFF c, y, x or t, c, y, x) read lazily: chunks are read when
	 * first needed and at most {@code cachedChunks} are held (0: one frame's chunks, so that a frame is copied out
	 * reading each chunk once). Wavelengths come from {@code .zattrs} {@value #WAVELENGTHS} when there. Other axes (z)
	 * are an error naming the folder and its axes.
	 */
	public static org.innsight.image.SpectralImage openSpectral(final Path folder, final int cachedChunks) throws IOException {
		if (cachedChunks < 0) throw new IllegalArgumentException("cachedChunks must be >= 0, got " + cachedChunks);
		final Image img = open(folder);
		if (!img.letters().equals("xyc") && !img.letters().equals("xyct"))
			throw new IOException("OME-Zarr " + folder + " has axes " + new StringBuilder(img.letters()).reverse() +
				" (slowest first); a spectral image needs c, y, x or t, c, y, x");
		double[] nm = null;
		final JsonElement w = img.attributes().get(WAVELENGTHS);
		if (w != null && w.isJsonArray()) {
			nm = new double[w.getAsJsonArray().size()];
			for (int i = 0; i < nm.length; i++) nm[i] = w.getAsJsonArray().get(i).getAsDouble();
		}
		org.innsight.image.Axes axes = null;
		if (img.scale() != null) {
			final java.util.List<org.innsight.image.Axis> list = new java.util.ArrayList<>();
			for (int d = 0; d < img.letters().length(); d++) {
				final org.innsight.image.Axis plain = org.innsight.image.Axis.of(org.innsight.image.AxisType.of(img.letters().charAt(d)));
				list.add(new org.innsight.image.Axis(plain.type(), img.scale()[d], plain.origin(), plain.unit()));
			}
			axes = org.innsight.image.Axes.of(list);
		}
		return new org.innsight.image.SpectralImage(folder.getFileName().toString(), img.lazy(cachedChunks > 0 ? cachedChunks : frameChunks(img)), axes, nm);
	}

	/** The chunks of one frame (all of them without a t axis), at most 2^20. */
	private static int frameChunks(final Image img) {
		final long[] counts = img.array().chunkCounts();
		long frame = 1;
		for (int d = counts.length == 4 ? 1 : 0; d < counts.length; d++) frame *= counts[d];
		return (int) Math.min(1 << 20, frame);
	}

	/**
	 * Writes a spectral image (read lazily or not) to a new OME-Zarr folder, one chunk at a time: chunks
	 * {@code tile} x {@code tile} x all channels (x 1 frame), float32, zlib. Only one chunk is held at a time.
	 */
	public static void writeSpectral(final org.innsight.image.SpectralImage image, final Path folder, final int tile) throws IOException {
		final long[] dims = image.image().dimensionsAsLongArray();
		final boolean frames = dims.length == 4;
		final int c = image.channels();
		final ZarrArray a = OmeZarrTiles.createSpectral(folder, image.name(), dims, image.axes(), image.hasWavelengths() ? image.wavelengthsNm() : null,
			tile, null);
		final long[] counts = a.chunkCounts();
		final net.imglib2.RandomAccess<FloatType> ra = net.imglib2.view.Views.zeroMin(image.image()).randomAccess();
		final float[] values = new float[a.chunkElements()];
		for (long t = 0; t < (frames ? dims[3] : 1); t++)
			for (long cy = 0; cy < counts[frames ? 2 : 1]; cy++)
				for (long cx = 0; cx < counts[frames ? 3 : 2]; cx++) {
					java.util.Arrays.fill(values, Float.NaN);
					for (int ch = 0; ch < c; ch++)
						for (int y = 0; y < tile && cy * tile + y < dims[1]; y++) {
							ra.setPosition(cx * tile, 0);
							ra.setPosition(cy * tile + y, 1);
							ra.setPosition(ch, 2);
							if (frames) ra.setPosition(t, 3);
							for (int x = 0; x < tile && cx * tile + x < dims[0]; x++, ra.fwd(0))
								values[(ch * tile + y) * tile + x] = ra.get().get();
						}
					a.writeChunk(frames ? new long[] { t, 0, cy, cx } : new long[] { 0, cy, cx }, values);
				}
	}

	/** The values of a chunk of (ImgLib2-order) shape {@code full} cut to {@code size} at its origin; x fastest. */
	static float[] crop(final float[] chunk, final int[] full, final int[] size) {
		if (Arrays.equals(full, size)) return chunk;
		int n = 1;
		for (final int s : size) n *= s;
		final float[] out = new float[n];
		final int[] pos = new int[size.length];
		for (int i = 0; i < n; i++) {
			int src = 0;
			for (int d = size.length - 1; d >= 0; d--) src = src * full[d] + pos[d];
			out[i] = chunk[src];
			for (int d = 0; d < size.length && ++pos[d] == size[d]; d++) pos[d] = 0;
		}
		return out;
	}

	/** The inverse of {@link #crop}: {@code values} of shape {@code size} placed in a chunk of shape {@code full}, padded with NaN. */
	public static float[] pad(final float[] values, final int[] size, final int[] full) {
		if (Arrays.equals(full, size)) return values;
		int n = 1, m = 1;
		for (final int s : full) n *= s;
		for (final int s : size) m *= s;
		final float[] out = new float[n];
		Arrays.fill(out, Float.NaN);
		final int[] pos = new int[size.length];
		for (int i = 0; i < m; i++) {
			int dst = 0;
			for (int d = size.length - 1; d >= 0; d--) dst = dst * full[d] + pos[d];
			out[dst] = values[i];
			for (int d = 0; d < size.length && ++pos[d] == size[d]; d++) pos[d] = 0;
		}
		return out;
	}

	static long[] reversed(final long[] v) {
		final long[] r = new long[v.length];
		for (int i = 0; i < v.length; i++) r[i] = v[v.length - 1 - i];
		return r;
	}

	static int[] reversed(final int[] v) {
		final int[] r = new int[v.length];
		for (int i = 0; i < v.length; i++) r[i] = v[v.length - 1 - i];
		return r;
	}
}
