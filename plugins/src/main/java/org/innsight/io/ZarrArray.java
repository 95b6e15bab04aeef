package org.innsight.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * A Zarr v2 array on disk: a folder with a {@code .zarray} JSON description and one file per chunk, named by its
 * chunk indices ({@code "0.1.2"}, or {@code "0/1/2"} with {@code dimension_separator "/"}). C order only; data
 * types float32, float64, uint8, uint16 and int32 (either byte order); compressor {@code null} or {@code zlib}
 * (java.util.zip). Any other compressor (blosc, lz4, zstd, ...), filters or Fortran order are refused with a message
 * naming the array and what it uses.
 * <p>
 * Values are exchanged as floats, one whole (padded) chunk at a time: {@link #readChunk} returns
 * {@link #chunkElements()} values in C order (last dimension fastest); a chunk file that does not exist reads as the
 * fill value (as the Zarr specification says), or is an error naming the file when the array has no fill value.
 * {@link #writeChunk} writes a chunk file atomically, so chunks may be written by several threads at once.
 */
public final class ZarrArray {

	/** The data types read and written, with their Zarr {@code dtype} without the byte-order character. */
	public enum DataType {
		FLOAT32("f4", 4), FLOAT64("f8", 8), UINT8("u1", 1), UINT16("u2", 2), INT32("i4", 4);

		final String code;
		final int bytes;

		DataType(final String code, final int bytes) {
			this.code = code;
			this.bytes = bytes;
		}

		/** The Zarr dtype string, little-endian: "&lt;f4", "|u1". */
		public String dtype() {
			return (bytes == 1 ? "|" : "<") + code;
		}
	}

	public static final String METADATA = ".zarray";

	private final Path folder;
	private final long[] shape;
	private final int[] chunks;
	private final DataType type;
	private final ByteOrder order;
	private final boolean zlib;
	private final int level;
	private final Double fillValue;
	private final String separator;

	private ZarrArray(final Path folder, final long[] shape, final int[] chunks, final DataType type, final ByteOrder order,
		final boolean zlib, final int level, final Double fillValue, final String separator)
	{
		this.folder = folder;
		this.shape = shape;
		this.chunks = chunks;
		this.type = type;
		this.order = order;
		this.zlib = zlib;
		this.level = level;
		this.fillValue = fillValue;
		this.separator = separator;
	}

	/**
	 * Creates a new array: writes {@code folder/.zarray} (the folder is created; an existing {@code .zarray} is an
	 * error, the caller decides about overwriting with {@link Overwrite}). Chunk files are written by {@link #writeChunk};
	 * chunks never written read as {@code fillValue}.
	 *
	 * @param zlibLevel 0 for no compressor, 1 to 9 for zlib at that level
	 */
	public static ZarrArray create(final Path folder, final long[] shape, final int[] chunks, final DataType type,
		final int zlibLevel, final double fillValue) throws IOException
	{
		if (shape.length == 0 || shape.length != chunks.length)
			throw new IllegalArgumentException("Zarr array " + folder + ": shape " + Arrays.toString(shape) + " and chunks " +
				Arrays.toString(chunks) + " need the same, nonzero number of dimensions");
		for (int d = 0; d < shape.length; d++)
			if (shape[d] < 1 || chunks[d] < 1)
				throw new IllegalArgumentException("Zarr array " + folder + ": shape " + Arrays.toString(shape) + " and chunks " +
					Arrays.toString(chunks) + " must be positive");
		if (zlibLevel < 0 || zlibLevel > 9) throw new IllegalArgumentException("zlib level must be 0 to 9, not " + zlibLevel);
		final ZarrArray a = new ZarrArray(folder, shape.clone(), chunks.clone(), type, ByteOrder.LITTLE_ENDIAN, zlibLevel > 0,
			zlibLevel, fillValue, ".");
		Math.multiplyExact(a.chunkElements(), type.bytes);
		if (Files.exists(folder.resolve(METADATA))) throw new IOException("Zarr array " + folder + " already exists");
		Files.createDirectories(folder);
		final JsonObject j = new JsonObject();
		j.addProperty("zarr_format", 2);
		j.add("shape", longs(shape));
		final JsonArray c = new JsonArray();
		for (final int v : chunks) c.add(v);
		j.add("chunks", c);
		j.addProperty("dtype", type.dtype());
		if (zlibLevel > 0) {
			final JsonObject comp = new JsonObject();
			comp.addProperty("id", "zlib");
			comp.addProperty("level", zlibLevel);
			j.add("compressor", comp);
		}
		else j.add("compressor", JsonNull.INSTANCE);
		if (Double.isNaN(fillValue)) j.addProperty("fill_value", "NaN");
		else if (type == DataType.FLOAT32 || type == DataType.FLOAT64) j.addProperty("fill_value", fillValue);
		else j.addProperty("fill_value", (long) fillValue); // an integer for integer types, as zarr-python writes it
		j.addProperty("order", "C");
		j.add("filters", JsonNull.INSTANCE);
		j.addProperty("dimension_separator", ".");
		writeAtomically(folder.resolve(METADATA), j.toString().getBytes(StandardCharsets.UTF_8));
		return a;
	}

	/** Opens an existing array; a missing or unreadable {@code .zarray}, or one using what is not supported, is an error naming it. */
	public static ZarrArray open(final Path folder) throws IOException {
		final Path meta = folder.resolve(METADATA);
		if (!Files.isRegularFile(meta))
			throw new NoSuchFileException(meta.toString(), null, "not a Zarr v2 array: no " + METADATA + " in " + folder);
		final JsonObject j;
		try {
			final JsonElement e = JsonFiles.read(meta);
			if (!e.isJsonObject()) throw new IOException(meta + " is not a JSON object");
			j = e.getAsJsonObject();
		}
		catch (final RuntimeException e) {
			throw new IOException(meta + " is not valid JSON: " + e.getMessage(), e);
		}
		try {
			final int format = j.get("zarr_format").getAsInt();
			if (format != 2) throw problem(meta, "zarr_format " + format + " (only Zarr v2 is read)");
			final JsonArray s = j.getAsJsonArray("shape"), c = j.getAsJsonArray("chunks");
			if (s == null || c == null || s.size() != c.size() || s.size() == 0)
				throw problem(meta, "shape and chunks must be lists of the same, nonzero length");
			final long[] shape = new long[s.size()];
			final int[] chunks = new int[c.size()];
			for (int d = 0; d < shape.length; d++) {
				shape[d] = s.get(d).getAsLong();
				chunks[d] = c.get(d).getAsInt();
				if (shape[d] < 0 || chunks[d] < 1) throw problem(meta, "shape " + s + " / chunks " + c + " must be positive");
			}
			final String dtype = j.get("dtype").getAsString();
			if (dtype.length() != 3) throw problem(meta, "dtype " + dtype + " (read: float32, float64, uint8, uint16, int32)");
			DataType type = null;
			for (final DataType t : DataType.values())
				if (t.code.equals(dtype.substring(1))) type = t;
			if (type == null) throw problem(meta, "dtype " + dtype + " (read: <f4, <f8, |u1, <u2, <i4 and big-endian forms)");
			final ByteOrder order = dtype.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
			final JsonElement ord = j.get("order");
			if (ord != null && !ord.isJsonNull() && !ord.getAsString().equals("C"))
				throw problem(meta, "order " + ord.getAsString() + " (only C order is read)");
			final JsonElement filters = j.get("filters");
			if (filters != null && !filters.isJsonNull() && !(filters.isJsonArray() && filters.getAsJsonArray().isEmpty()))
				throw problem(meta, "filters " + filters + " (no filters are supported)");
			boolean zlib = false;
			int level = 0;
			final JsonElement comp = j.get("compressor");
			if (comp != null && !comp.isJsonNull()) {
				final String id = comp.getAsJsonObject().get("id").getAsString();
				if (!id.equals("zlib") && !id.equals("gzip"))
					throw problem(meta, "compressor '" + id + "'; only uncompressed and zlib arrays are read (rewrite it with " +
						"compressor=None or numcodecs.Zlib, e.g. zarr.copy_all with compressor=numcodecs.Zlib())");
				if (id.equals("gzip")) throw problem(meta, "compressor 'gzip'; only uncompressed and zlib arrays are read");
				zlib = true;
				level = comp.getAsJsonObject().has("level") ? comp.getAsJsonObject().get("level").getAsInt() : 1;
			}
			final JsonElement fill = j.get("fill_value");
			Double fillValue = null;
			if (fill != null && !fill.isJsonNull()) {
				final String f = fill.getAsString();
				fillValue = f.equals("NaN") ? Double.NaN : f.equals("Infinity") ? Double.POSITIVE_INFINITY :
					f.equals("-Infinity") ? Double.NEGATIVE_INFINITY : Double.parseDouble(f);
			}
			final JsonElement sep = j.get("dimension_separator");
			final String separator = sep == null || sep.isJsonNull() ? "." : sep.getAsString();
			if (!separator.equals(".") && !separator.equals("/")) throw problem(meta, "dimension_separator '" + separator + "'");
			final ZarrArray a = new ZarrArray(folder, shape, chunks, type, order, zlib, level, fillValue, separator);
			if ((long) a.chunkElements() * type.bytes > Integer.MAX_VALUE - 16)
				throw problem(meta, "chunks " + c + " of " + dtype + " are over 2 GiB");
			return a;
		}
		catch (final NullPointerException | IllegalStateException | UnsupportedOperationException | ClassCastException |
			NumberFormatException | ArithmeticException e)
		{
			throw new IOException(meta + " is not a valid Zarr v2 description (zarr_format, shape, chunks, dtype, compressor " +
				"are needed): " + e, e);
		}
	}

	private static IOException problem(final Path meta, final String what) {
		return new IOException("Zarr array " + meta.getParent() + " cannot be read (" + meta.getFileName() + "): " + what);
	}

	public Path folder() {
		return folder;
	}

	/** Array shape, slowest dimension first (Zarr order). */
	public long[] shape() {
		return shape.clone();
	}

	/** Chunk shape, slowest dimension first. */
	public int[] chunks() {
		return chunks.clone();
	}

	public DataType dataType() {
		return type;
	}

	/** "zlib" or "none". */
	public String compressor() {
		return zlib ? "zlib" : "none";
	}

	/** Values in one (full, padded) chunk. */
	public int chunkElements() {
		long n = 1;
		for (final int c : chunks) n = Math.multiplyExact(n, c);
		return Math.toIntExact(n);
	}

	/** Chunks along each dimension. */
	public long[] chunkCounts() {
		final long[] n = new long[shape.length];
		for (int d = 0; d < n.length; d++) n[d] = (shape[d] + chunks[d] - 1) / chunks[d];
		return n;
	}

	/** The file of one chunk, e.g. {@code folder/0.3.1}. */
	public Path chunkFile(final long[] index) {
		checkIndex(index);
		final StringBuilder b = new StringBuilder();
		for (int d = 0; d < index.length; d++) b.append(d == 0 ? "" : separator).append(index[d]);
		return folder.resolve(b.toString());
	}

	private void checkIndex(final long[] index) {
		final long[] n = chunkCounts();
		if (index.length != n.length) throw new IllegalArgumentException("Zarr array " + folder + " has " + n.length +
			" dimensions, not " + index.length);
		for (int d = 0; d < n.length; d++)
			if (index[d] < 0 || index[d] >= n[d]) throw new IllegalArgumentException("Chunk " + Arrays.toString(index) +
				" is outside Zarr array " + folder + " (" + Arrays.toString(n) + " chunks)");
	}

	/** One chunk's {@link #chunkElements()} values, C order; see the class comment for missing chunks. */
	public float[] readChunk(final long[] index) throws IOException {
		final Path file = chunkFile(index);
		final int n = chunkElements();
		final float[] out = new float[n];
		final byte[] stored;
		try {
			stored = Files.readAllBytes(file);
		}
		catch (final NoSuchFileException e) {
			if (fillValue == null) throw new IOException("Zarr array " + folder + ": chunk file " + file.getFileName() +
				" of chunk " + Arrays.toString(index) + " is missing and the array has no fill_value", e);
			Arrays.fill(out, fillValue.floatValue());
			return out;
		}
		final byte[] raw = zlib ? inflate(stored, n * type.bytes, file) : stored;
		if (raw.length != n * type.bytes) throw new IOException("Zarr array " + folder + ": chunk file " + file.getFileName() +
			" holds " + raw.length + " bytes, but a chunk " + Arrays.toString(chunks) + " of " + type.dtype() + " needs " +
			n * type.bytes + " (a corrupt or truncated chunk)");
		final ByteBuffer b = ByteBuffer.wrap(raw).order(order);
		switch (type) {
		case FLOAT32 -> b.asFloatBuffer().get(out);
		case FLOAT64 -> {
			for (int i = 0; i < n; i++) out[i] = (float) b.getDouble(i * 8);
		}
		case UINT8 -> {
			for (int i = 0; i < n; i++) out[i] = raw[i] & 0xff;
		}
		case UINT16 -> {
			for (int i = 0; i < n; i++) out[i] = b.getShort(i * 2) & 0xffff;
		}
		case INT32 -> {
			for (int i = 0; i < n; i++) out[i] = b.getInt(i * 4);
		}
		}
		return out;
	}

	/** Writes one chunk ({@link #chunkElements()} values, C order; padding beyond the array's edge is stored as given). */
	public void writeChunk(final long[] index, final float[] values) throws IOException {
		final Path file = chunkFile(index);
		final int n = chunkElements();
		if (values.length != n) throw new IllegalArgumentException("Chunk " + Arrays.toString(index) + " of Zarr array " + folder +
			" needs " + n + " values, not " + values.length);
		final ByteBuffer b = ByteBuffer.allocate(n * type.bytes).order(order);
		switch (type) {
		case FLOAT32 -> b.asFloatBuffer().put(values);
		case FLOAT64 -> {
			for (int i = 0; i < n; i++) b.putDouble(i * 8, values[i]);
		}
		case UINT8 -> {
			for (int i = 0; i < n; i++) b.put(i, (byte) clamp(values[i], 0, 255));
		}
		case UINT16 -> {
			for (int i = 0; i < n; i++) b.putShort(i * 2, (short) clamp(values[i], 0, 65535));
		}
		case INT32 -> {
			for (int i = 0; i < n; i++) b.putInt(i * 4, (int) clamp(values[i], Integer.MIN_VALUE, Integer.MAX_VALUE));
		}
		}
		final byte[] raw = b.array();
		if (file.getParent() != null && !separator.equals(".")) Files.createDirectories(file.getParent());
		writeAtomically(file, zlib ? deflate(raw, level) : raw);
	}

	private static long clamp(final float v, final long lo, final long hi) {
		if (Float.isNaN(v)) return 0;
		return Math.max(lo, Math.min(hi, Math.round((double) v)));
	}

	private byte[] inflate(final byte[] stored, final int expected, final Path file) throws IOException {
		final Inflater inflater = new Inflater();
		try {
			inflater.setInput(stored);
			final byte[] out = new byte[expected];
			int n = 0;
			while (n < expected && !inflater.finished()) {
				final int k = inflater.inflate(out, n, expected - n);
				if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
				n += k;
			}
			if (n != expected || !inflater.finished()) throw new IOException("Zarr array " + folder + ": chunk file " +
				file.getFileName() + " inflates to " + (inflater.finished() ? n : "more or fewer than " + expected) +
				" bytes, not the " + expected + " of a chunk " + Arrays.toString(chunks) + " (a corrupt or truncated chunk)");
			return out;
		}
		catch (final DataFormatException e) {
			throw new IOException("Zarr array " + folder + ": chunk file " + file.getFileName() + " is not valid zlib data (" +
				e.getMessage() + "); the chunk is corrupt", e);
		}
		finally {
			inflater.end();
		}
	}

	private static byte[] deflate(final byte[] raw, final int level) {
		final Deflater deflater = new Deflater(level);
		try {
			deflater.setInput(raw);
			deflater.finish();
			final ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
			final byte[] buf = new byte[1 << 16];
			while (!deflater.finished()) out.write(buf, 0, deflater.deflate(buf));
			return out.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	static void writeAtomically(final Path target, final byte[] bytes) throws IOException {
		final Path tmp = target.resolveSibling("." + target.getFileName() + "." + Thread.currentThread().getId() + ".tmp");
		Files.write(tmp, bytes);
		try {
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (final java.nio.file.AtomicMoveNotSupportedException e) {
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static JsonArray longs(final long[] v) {
		final JsonArray a = new JsonArray();
		for (final long x : v) a.add(x);
		return a;
	}
}
