package org.innsight.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.google.gson.JsonObject;

/**
 * A table of float columns with names (simulation parameters and observed band values) and a JSON header
 * (model, camera, ranges, seed, count). Column-major; immutable by contract (arrays are not copied for speed:
 * callers must not modify what they pass in or get out).
 */
public final class Table {

	private final List<String> columns;
	private final float[][] data;
	private final JsonObject header;
	private final String source;
	private final Map<String, Integer> index = new HashMap<>();

	/**
	 * @param columns names, unique
	 * @param data one array per column, all the same length
	 * @param header JSON header (null: empty)
	 * @param source where the table came from, for error messages (file name or "simulation")
	 */
	public Table(final List<String> columns, final float[][] data, final JsonObject header, final String source) {
		if (columns.size() != data.length)
			throw new IllegalArgumentException(source + ": " + columns.size() + " column names for " + data.length + " columns");
		this.columns = List.copyOf(columns);
		this.data = data;
		this.header = header == null ? new JsonObject() : header;
		this.source = source;
		for (int i = 0; i < data.length; i++) {
			if (index.put(columns.get(i), i) != null) throw new IllegalArgumentException(source + ": column '" + columns.get(i) + "' appears twice");
			if (data[i].length != data[0].length)
				throw new IllegalArgumentException(source + ": column '" + columns.get(i) + "' has " + data[i].length + " rows, column '" +
					columns.get(0) + "' has " + data[0].length);
		}
	}

	/** A table from a row-major block of {@code rows x columns.size()} values. */
	public static Table fromRows(final List<String> columns, final float[] rowMajor, final int rows, final JsonObject header, final String source) {
		final int c = columns.size();
		if (rowMajor.length != (long) rows * c) throw new IllegalArgumentException(source + ": " + rowMajor.length + " values for " + rows + " x " + c);
		final float[][] data = new float[c][rows];
		for (int r = 0; r < rows; r++) for (int j = 0; j < c; j++) data[j][r] = rowMajor[r * c + j];
		return new Table(columns, data, header, source);
	}

	public int rows() {
		return data.length == 0 ? 0 : data[0].length;
	}

	public int columnCount() {
		return data.length;
	}

	public List<String> columns() {
		return columns;
	}

	public boolean hasColumn(final String name) {
		return index.containsKey(name);
	}

	/** The values of a column; an error naming the table and its columns if there is none of that name. */
	public float[] column(final String name) {
		final Integer i = index.get(name);
		if (i == null) throw new IllegalArgumentException(source + ": no column '" + name + "' (columns: " + abbreviate(columns) + ")");
		return data[i];
	}

	public float[] column(final int i) {
		return data[i];
	}

	public JsonObject header() {
		return header;
	}

	public String source() {
		return source;
	}

	public Table withHeader(final JsonObject newHeader) {
		return new Table(columns, data, newHeader, source);
	}

	/**
	 * Column names matching a pattern, in table order: a comma-separated list of names or globs with * and ?
	 * (e.g. "band_*" or "sO2,vHb_1"). Every item must match at least one column, else an error naming it.
	 */
	public List<String> match(final String patterns) {
		final List<String> out = new ArrayList<>();
		for (final String raw : patterns.split(",")) {
			final String p = raw.trim();
			if (p.isEmpty()) continue;
			final Pattern re = Pattern.compile(globToRegex(p));
			boolean any = false;
			for (final String c : columns)
				if (re.matcher(c).matches()) {
					any = true;
					if (!out.contains(c)) out.add(c);
				}
			if (!any) throw new IllegalArgumentException(source + ": no column matches '" + p + "' (columns: " + abbreviate(columns) + ")");
		}
		return Collections.unmodifiableList(out);
	}

	/** Row-major values of the given columns: rows() x names.size(). */
	public float[] rowMajor(final List<String> names) {
		final float[][] cols = new float[names.size()][];
		for (int j = 0; j < cols.length; j++) cols[j] = column(names.get(j));
		final int n = rows(), c = cols.length;
		final float[] out = new float[n * c];
		for (int r = 0; r < n; r++) for (int j = 0; j < c; j++) out[r * c + j] = cols[j][r];
		return out;
	}

	/** A table with only the given columns (same header). */
	public Table select(final List<String> names) {
		final float[][] cols = new float[names.size()][];
		for (int j = 0; j < cols.length; j++) cols[j] = column(names.get(j));
		return new Table(names, cols, header, source);
	}

	static String globToRegex(final String glob) {
		final StringBuilder b = new StringBuilder();
		for (final char ch : glob.toCharArray()) {
			if (ch == '*') b.append(".*");
			else if (ch == '?') b.append('.');
			else b.append(Pattern.quote(String.valueOf(ch)));
		}
		return b.toString();
	}

	static String abbreviate(final List<String> names) {
		if (names.size() <= 12) return String.join(", ", names);
		return String.join(", ", names.subList(0, 10)) + ", ... (" + names.size() + " in all)";
	}

	@Override
	public String toString() {
		return "Table " + source + " (" + rows() + " rows x " + columnCount() + " columns)";
	}
}
