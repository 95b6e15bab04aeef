package org.innsight.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

/**
 * Tables as HDF5 (jhdf). InnSight's layout: one float32 dataset per column at the root, named like the column,
 * and a root attribute {@code innsight_header} holding the JSON header (whose "columns" gives the order).
 * Other files: with a {@link TableMapping}, or without one every dataset becomes columns (1D: one column named by
 * its path; 2D [rows, k]: k columns path_i; higher: flattened).
 */
public final class TableHdf5 {

	public static final String HEADER_ATTRIBUTE = "innsight_header";

	private TableHdf5() {}

	public static void write(final Table table, final Path file) throws IOException {
		final JsonObject header = table.header().deepCopy();
		final JsonArray cols = new JsonArray();
		table.columns().forEach(cols::add);
		header.add("columns", cols);
		TableFiles.atomicWrite(file, tmp -> {
			try (WritableHdfFile hdf = HdfFile.write(tmp)) {
				hdf.putAttribute(HEADER_ATTRIBUTE, header.toString());
				for (int j = 0; j < table.columnCount(); j++) hdf.putDataset(table.columns().get(j), table.column(j));
			}
			catch (final HdfException e) {
				throw new IOException(file + ": cannot write HDF5: " + e.getMessage(), e);
			}
		});
	}

	public static Table read(final Path file, final TableMapping mapping) throws IOException {
		final String name = file.toString();
		try (HdfFile hdf = new HdfFile(file)) {
			final List<String> columns = new ArrayList<>();
			final List<float[]> data = new ArrayList<>();
			final List<String> origin = new ArrayList<>();
			JsonObject header = null;
			final Attribute attr = hdf.getAttribute(HEADER_ATTRIBUTE);
			if (attr != null) header = JsonParser.parseString(String.valueOf(attr.getData())).getAsJsonObject();
			if (mapping != null && !mapping.isEmpty()) {
				for (final TableMapping.Entry e : mapping.entries()) {
					final Node node = node(hdf, e.dataset(), e.column(), name);
					if (e.expand()) expand(node, e.column(), name, columns, data, origin);
					else add(name, columns, data, origin, e.column(), flat((Dataset) requireDataset(node, e.column(), name), name), e.dataset());
				}
			}
			else if (header != null && header.has("columns")) {
				for (final JsonElement c : header.getAsJsonArray("columns")) {
					final String col = c.getAsString();
					add(name, columns, data, origin, col, flat(requireDataset(node(hdf, "/" + col, col, name), col, name), name), "/" + col);
				}
			}
			else {
				final List<Dataset> all = new ArrayList<>();
				collect(hdf, all);
				if (all.isEmpty()) throw new IOException(name + ": no datasets found");
				for (final Dataset d : all) {
					final String col = d.getPath().startsWith("/") ? d.getPath().substring(1) : d.getPath();
					if (d.getDimensions().length == 2) expand(d, col + "_", name, columns, data, origin);
					else add(name, columns, data, origin, col, flat(d, name), d.getPath());
				}
			}
			checkLengths(name, columns, data, origin);
			return new Table(columns, data.toArray(float[][]::new), header, name);
		}
		catch (final HdfException e) {
			throw new IOException(name + ": cannot read HDF5: " + e.getMessage(), e);
		}
		catch (final IllegalArgumentException | IllegalStateException | ClassCastException e) {
			throw new IOException(name + ": " + e.getMessage(), e);
		}
	}

	private static Node node(final HdfFile hdf, final String path, final String column, final String file) throws IOException {
		try {
			return hdf.getByPath(path);
		}
		catch (final HdfException e) {
			throw new IOException(file + ": no dataset or group '" + path + "' (for column " + column + ")");
		}
	}

	private static Dataset requireDataset(final Node node, final String column, final String file) throws IOException {
		if (node instanceof Dataset d) return d;
		throw new IOException(file + ": '" + node.getPath() + "' (for column " + column + ") is a group, not a dataset; " +
			"map it as " + column + "*=" + node.getPath() + " to make one column per child");
	}

	/** A 2D dataset [rows, k] or a group of datasets -> columns prefix00, prefix01, ... */
	private static void expand(final Node node, final String prefix, final String file, final List<String> columns,
		final List<float[]> data, final List<String> origin) throws IOException {
		if (node instanceof Dataset d) {
			final int[] dims = d.getDimensions();
			if (dims.length != 2)
				throw new IOException(file + ": dataset '" + d.getPath() + "' has shape " + java.util.Arrays.toString(dims) +
					"; a prefix* mapping needs a 2D dataset [rows, columns] or a group");
			final float[] all = flat(d, file);
			final int rows = dims[0], k = dims[1];
			for (int j = 0; j < k; j++) {
				final float[] col = new float[rows];
				for (int r = 0; r < rows; r++) col[r] = all[r * k + j];
				add(file, columns, data, origin, prefix + pad(j, k), col, d.getPath() + "[:, " + j + "]");
			}
			return;
		}
		final List<Dataset> children = new ArrayList<>();
		for (final Node c : ((Group) node).getChildren().values()) if (c instanceof Dataset d) children.add(d);
		if (children.isEmpty()) throw new IOException(file + ": group '" + node.getPath() + "' has no datasets");
		final boolean numeric = children.stream().allMatch(c -> isNumber(c.getName()));
		children.sort(numeric ? Comparator.comparingDouble(c -> Double.parseDouble(c.getName())) : Comparator.comparing(Node::getName));
		for (int j = 0; j < children.size(); j++)
			add(file, columns, data, origin, prefix + pad(j, children.size()), flat(children.get(j), file), children.get(j).getPath());
	}

	private static void add(final String file, final List<String> columns, final List<float[]> data, final List<String> origin, final String col,
		final float[] values, final String path) throws IOException {
		if (columns.contains(col)) throw new IOException(file + ": column '" + col + "' is mapped twice (" + path + ")");
		for (int r = 0; r < values.length; r++)
			if (!Float.isFinite(values[r]))
				throw new IOException(file + ": dataset '" + path + "' (column " + col + ") has " + values[r] + " at row " + r + " (values must be finite)");
		columns.add(col);
		data.add(values);
		origin.add(path);
	}

	private static void checkLengths(final String file, final List<String> columns, final List<float[]> data, final List<String> origin)
		throws IOException {
		for (int j = 1; j < data.size(); j++)
			if (data.get(j).length != data.get(0).length)
				throw new IOException(file + ": dataset '" + origin.get(j) + "' (column " + columns.get(j) + ") has " + data.get(j).length +
					" values, but '" + origin.get(0) + "' (column " + columns.get(0) + ") has " + data.get(0).length +
					" (all columns must have the same number of rows)");
	}

	/** Any numeric dataset, flattened, as float. */
	static float[] flat(final Dataset d, final String file) throws IOException {
		final Object o = d.isScalar() ? null : d.getDataFlat();
		if (o instanceof float[] f) return f;
		if (o instanceof double[] a) {
			final float[] f = new float[a.length];
			for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
			return f;
		}
		if (o instanceof int[] a) {
			final float[] f = new float[a.length];
			for (int i = 0; i < a.length; i++) f[i] = a[i];
			return f;
		}
		if (o instanceof long[] a) {
			final float[] f = new float[a.length];
			for (int i = 0; i < a.length; i++) f[i] = a[i];
			return f;
		}
		if (o instanceof short[] a) {
			final float[] f = new float[a.length];
			for (int i = 0; i < a.length; i++) f[i] = a[i];
			return f;
		}
		if (o instanceof byte[] a) {
			final float[] f = new float[a.length];
			for (int i = 0; i < a.length; i++) f[i] = a[i];
			return f;
		}
		throw new IOException(file + ": dataset '" + d.getPath() + "' is not a numeric array (" +
			(d.isScalar() ? "scalar" : d.getJavaType().getSimpleName()) + ")");
	}

	private static void collect(final Group g, final List<Dataset> out) {
		final List<Node> kids = new ArrayList<>(g.getChildren().values());
		kids.sort(Comparator.comparing(Node::getName));
		for (final Node n : kids) {
			if (n instanceof Dataset d) out.add(d);
			else if (n instanceof Group sub) collect(sub, out);
		}
	}

	private static boolean isNumber(final String s) {
		try {
			Double.parseDouble(s);
			return true;
		}
		catch (final NumberFormatException e) {
			return false;
		}
	}

	private static String pad(final int i, final int count) {
		final int width = String.valueOf(Math.max(0, count - 1)).length();
		return String.format("%0" + width + "d", i);
	}
}
