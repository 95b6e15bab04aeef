package org.innsight.io;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;

/**
 * Reads n-D numeric HDF5 datasets and their attributes (pure Java, through jhdf), and creates {@link Hdf5Writer}s.
 * Dataset paths are absolute, e.g. {@code "/images/spectral"}. Errors name the file and the dataset.
 */
public final class Hdf5Files {

	private Hdf5Files() {}

	/**
	 * A numeric dataset in the narrowest Java type that holds its values: int8 as byte[], int16 as short[], uint8,
	 * uint16 and int32 as int[], uint32 and int64 as long[], uint64 as double[], float32 as float[], float64 as
	 * double[]; {@link NdArray#dtype()} names the stored type.
	 */
	public static NdArray read(final Path file, final String dataset) throws IOException {
		try (HdfFile hdf = open(file)) {
			final Dataset d = dataset(hdf, file, dataset);
			final DataType type = d.getDataType();
			final String dtype = dtype(type);
			if (dtype == null)
				throw new IOException("Dataset " + dataset + " in " + file + " is not numeric (" + type.getClass().getSimpleName() +
					", " + d.getJavaType().getSimpleName() + ")");
			Object flat = d.isScalar() ? scalarArray(d.getData()) : d.getDataFlat();
			if (flat instanceof BigInteger[] big) {
				final double[] values = new double[big.length];
				for (int i = 0; i < values.length; i++)
					values[i] = big[i].doubleValue();
				flat = values;
			}
			return NdArray.of(flat, dtype, d.isScalar() ? new int[0] : d.getDimensions());
		}
		catch (final HdfException e) {
			throw corrupt(file, e);
		}
	}

	/** A dataset's values as float[] (converted if stored otherwise). */
	public static NdArray readFloats(final Path file, final String dataset) throws IOException {
		final NdArray a = read(file, dataset);
		return NdArray.of(a.toFloats(), a.dtype(), a.shape());
	}

	/** A dataset's values as double[] (converted if stored otherwise). */
	public static NdArray readDoubles(final Path file, final String dataset) throws IOException {
		final NdArray a = read(file, dataset);
		return NdArray.of(a.toDoubles(), a.dtype(), a.shape());
	}

	/** Whether {@code dataset} exists in {@code file} and is a dataset. */
	public static boolean exists(final Path file, final String dataset) throws IOException {
		return datasets(file).contains(absolute(dataset));
	}

	/** The absolute path of every dataset in the file, in file order. */
	public static List<String> datasets(final Path file) throws IOException {
		try (HdfFile hdf = open(file)) {
			final List<String> paths = new ArrayList<>();
			collect(hdf, paths);
			return paths;
		}
		catch (final HdfException e) {
			throw corrupt(file, e);
		}
	}

	/** The shape of a dataset without reading its values. */
	public static int[] shape(final Path file, final String dataset) throws IOException {
		try (HdfFile hdf = open(file)) {
			return dataset(hdf, file, dataset).getDimensions();
		}
		catch (final HdfException e) {
			throw corrupt(file, e);
		}
	}

	/**
	 * The attributes of a group or dataset ({@code "/"} for the file itself): strings, boxed numbers or arrays
	 * (e.g. double[]), as stored.
	 */
	public static Map<String, Object> attributes(final Path file, final String objectPath) throws IOException {
		try (HdfFile hdf = open(file)) {
			final String path = absolute(objectPath);
			final Node node = path.equals("/") ? hdf : find(hdf, path);
			if (node == null)
				throw new IOException("No group or dataset " + path + " in " + file + "; datasets: " + listing(hdf));
			final Map<String, Object> values = new LinkedHashMap<>();
			for (final Map.Entry<String, Attribute> e : node.getAttributes().entrySet())
				values.put(e.getKey(), e.getValue().getData());
			return values;
		}
		catch (final HdfException e) {
			throw corrupt(file, e);
		}
	}

	/** A writer for a new HDF5 file, written atomically on {@link Hdf5Writer#close()}; refuses to replace an input. */
	public static Hdf5Writer create(final Path file, final Collection<Path> inputs) throws IOException {
		AtomicFiles.requireNotInput(file, inputs);
		return new Hdf5Writer(file, inputs);
	}

	static HdfFile open(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such HDF5 file");
		try {
			return new HdfFile(file);
		}
		catch (final HdfException e) {
			throw corrupt(file, e);
		}
	}

	private static Dataset dataset(final HdfFile hdf, final Path file, final String dataset) throws IOException {
		final String path = absolute(dataset);
		final Node node = find(hdf, path);
		if (node instanceof Dataset d) return d;
		throw new IOException((node == null ? "No dataset " : "Not a dataset but a group: ") + path + " in " + file +
			"; datasets there: " + listing(hdf));
	}

	/** The node at an absolute path, or null; walks the tree itself so a missing link is simply null. */
	private static Node find(final Group root, final String path) {
		Node node = root;
		for (final String part : path.substring(1).split("/")) {
			if (part.isEmpty()) continue;
			if (!(node instanceof Group g)) return null;
			node = g.getChildren().get(part);
			if (node == null) return null;
		}
		return node;
	}

	private static void collect(final Group group, final List<String> paths) {
		for (final Node child : group.getChildren().values()) {
			if (child instanceof Dataset) paths.add(absolute(child.getPath()));
			else if (child instanceof Group g) collect(g, paths);
		}
	}

	private static String listing(final HdfFile hdf) {
		final List<String> paths = new ArrayList<>();
		collect(hdf, paths);
		return paths.isEmpty() ? "(none)" : String.join(", ", paths);
	}

	static String absolute(final String path) {
		if (path == null || path.isBlank()) return "/";
		String p = path.trim().replaceAll("/+", "/");
		if (!p.startsWith("/")) p = "/" + p;
		if (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
		return p;
	}

	/** numpy's name for a stored numeric type, or null if it is not a plain number. */
	private static String dtype(final DataType type) {
		if (type instanceof FloatingPoint) return "float" + type.getSize() * 8;
		if (type instanceof FixedPoint fp) return (fp.isSigned() ? "int" : "uint") + type.getSize() * 8;
		return null;
	}

	private static Object scalarArray(final Object value) {
		if (value instanceof Float f) return new float[] { f };
		if (value instanceof Double d) return new double[] { d };
		if (value instanceof Byte b) return new byte[] { b };
		if (value instanceof Short s) return new short[] { s };
		if (value instanceof Integer i) return new int[] { i };
		if (value instanceof Long l) return new long[] { l };
		if (value instanceof BigInteger b) return new double[] { b.doubleValue() };
		throw new IllegalArgumentException("Not a number: " + value);
	}

	static IOException corrupt(final Path file, final Exception e) {
		return new IOException("Cannot read HDF5 file " + file + ": it is truncated or not valid HDF5 (" + e.getMessage() + ")", e);
	}
}
