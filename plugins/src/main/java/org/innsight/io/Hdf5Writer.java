package org.innsight.io;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;

/**
 * Collects datasets and attributes for a new HDF5 file and writes it atomically on {@link #close()}, through jhdf.
 * jhdf 0.9.4 writes contiguous, uncompressed datasets of byte/short/int/long/float/double (signed) and scalar
 * or 1-D string/number attributes; groups along a dataset's path are created as needed.
 *
 * <pre>
 * try (Hdf5Writer out = Hdf5Files.create(path, inputs)) {
 *     out.dataset("/maps/sO2", NdArray.of(values, height, width)).attribute("/maps/sO2", "unit", "%");
 * }
 * </pre>
 */
public final class Hdf5Writer implements AutoCloseable {

	private final Path file;
	private final Collection<Path> inputs;
	private final Map<String, NdArray> datasets = new LinkedHashMap<>();
	private final Map<String, Map<String, Object>> attributes = new LinkedHashMap<>();
	private boolean closed;

	Hdf5Writer(final Path file, final Collection<Path> inputs) {
		this.file = file;
		this.inputs = List.copyOf(inputs);
	}

	/** Adds a dataset at an absolute path; a second dataset at the same path replaces the first. */
	public Hdf5Writer dataset(final String path, final NdArray values) {
		final String p = Hdf5Files.absolute(path);
		if (p.equals("/")) throw new IllegalArgumentException("A dataset needs a name, not " + path);
		for (final String other : datasets.keySet())
			if (p.startsWith(other + "/") || other.startsWith(p + "/"))
				throw new IllegalArgumentException("Dataset " + p + " and " + other + " cannot both exist: one would be a group");
		datasets.put(p, values);
		return this;
	}

	/**
	 * Sets an attribute of the file ({@code "/"}), a group or a dataset added here: a String, a boxed number or a
	 * primitive array.
	 */
	public Hdf5Writer attribute(final String objectPath, final String name, final Object value) {
		if (value == null) throw new IllegalArgumentException("Attribute " + name + " of " + objectPath + " has no value");
		attributes.computeIfAbsent(Hdf5Files.absolute(objectPath), k -> new LinkedHashMap<>()).put(name, value);
		return this;
	}

	/** Writes the file (temporary file, then atomic rename). */
	@Override
	public void close() throws IOException {
		if (closed) return;
		closed = true;
		for (final String path : attributes.keySet())
			if (!path.equals("/") && !datasets.containsKey(path) && datasets.keySet().stream().noneMatch(d -> d.startsWith(path + "/")))
				throw new IOException("Cannot write " + file + ": attributes for " + path + ", which is neither a dataset nor a group written");
		AtomicFiles.write(file, inputs, temporary -> {
			try (WritableHdfFile hdf = HdfFile.write(temporary)) {
				final Map<String, WritableGroup> groups = new HashMap<>();
				final Map<String, WritableNode> nodes = new HashMap<>();
				nodes.put("/", hdf);
				for (final Map.Entry<String, NdArray> e : datasets.entrySet()) {
					final String path = e.getKey();
					final int cut = path.lastIndexOf('/');
					final WritableGroup parent = group(hdf, groups, nodes, path.substring(0, cut));
					nodes.put(path, parent.putDataset(path.substring(cut + 1), nested(e.getValue())));
				}
				for (final Map.Entry<String, Map<String, Object>> e : attributes.entrySet())
					for (final Map.Entry<String, Object> a : e.getValue().entrySet())
						nodes.get(e.getKey()).putAttribute(a.getKey(), a.getValue());
			}
			catch (final RuntimeException e) {
				throw new IOException("Cannot write HDF5 file " + file + ": " + e.getMessage(), e);
			}
		});
	}

	private static WritableGroup group(final WritableHdfFile hdf, final Map<String, WritableGroup> groups,
		final Map<String, WritableNode> nodes, final String path)
	{
		if (path.isEmpty()) return hdf;
		WritableGroup g = groups.get(path);
		if (g != null) return g;
		final int cut = path.lastIndexOf('/');
		g = group(hdf, groups, nodes, path.substring(0, cut)).putGroup(path.substring(cut + 1));
		groups.put(path, g);
		nodes.put(path, g);
		return g;
	}

	/** jhdf takes n-D data as nested Java arrays; a rank-0 array becomes a scalar. */
	static Object nested(final NdArray array) {
		final Object flat = array.data();
		final int[] shape = array.shape();
		if (shape.length == 0) return Array.get(flat, 0);
		if (shape.length == 1) return flat;
		final Object out = Array.newInstance(flat.getClass().getComponentType(), shape);
		final List<Object> rows = new ArrayList<>();
		collectRows(out, shape.length, rows);
		final int rowLength = shape[shape.length - 1];
		for (int r = 0; r < rows.size(); r++)
			System.arraycopy(flat, r * rowLength, rows.get(r), 0, rowLength);
		return out;
	}

	private static void collectRows(final Object array, final int rank, final List<Object> rows) {
		if (rank == 1) {
			rows.add(array);
			return;
		}
		for (int i = 0; i < Array.getLength(array); i++)
			collectRows(Array.get(array, i), rank - 1, rows);
	}
}
