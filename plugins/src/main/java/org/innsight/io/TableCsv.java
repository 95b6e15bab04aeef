package org.innsight.io;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Tables as CSV: an optional first line {@code # innsight-table {JSON header}}, other {@code #} lines ignored,
 * then a header row of column names, then one row per sample. Comma, semicolon or tab separated (taken from the
 * header row). Numbers are written as Java's shortest float representation, so the same table gives the same bytes.
 */
public final class TableCsv {

	static final String HEADER_PREFIX = "# innsight-table ";

	private TableCsv() {}

	public static void write(final Table table, final Path file) throws IOException {
		TableFiles.atomicWrite(file, tmp -> {
			try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
				w.write(HEADER_PREFIX);
				w.write(table.header().toString());
				w.write('\n');
				final List<String> cols = table.columns();
				for (int j = 0; j < cols.size(); j++) {
					if (j > 0) w.write(',');
					w.write(cols.get(j));
				}
				w.write('\n');
				final int n = table.rows(), c = cols.size();
				final float[][] data = new float[c][];
				for (int j = 0; j < c; j++) data[j] = table.column(j);
				final StringBuilder line = new StringBuilder(16 * c);
				for (int r = 0; r < n; r++) {
					line.setLength(0);
					for (int j = 0; j < c; j++) {
						if (j > 0) line.append(',');
						line.append(data[j][r]);
					}
					line.append('\n');
					w.append(line);
				}
			}
		});
	}

	public static Table read(final Path file) throws IOException {
		final String name = file.toString();
		JsonObject header = null;
		String[] columns = null;
		String sep = ",";
		final List<float[]> rows = new ArrayList<>();
		try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String line;
			int no = 0;
			while ((line = r.readLine()) != null) {
				no++;
				if (line.startsWith(HEADER_PREFIX) && columns == null) {
					try {
						header = JsonParser.parseString(line.substring(HEADER_PREFIX.length())).getAsJsonObject();
					}
					catch (final RuntimeException e) {
						throw new IOException(name + " line " + no + ": the innsight-table header is not a JSON object: " + e.getMessage());
					}
					continue;
				}
				if (line.isBlank() || line.startsWith("#")) continue;
				if (columns == null) {
					sep = line.contains(",") ? "," : line.contains("\t") ? "\t" : line.contains(";") ? ";" : ",";
					columns = Arrays.stream(line.split(sep, -1)).map(TableCsv::unquote).toArray(String[]::new);
					for (int j = 0; j < columns.length; j++)
						if (columns[j].isEmpty()) throw new IOException(name + " line " + no + ": column " + (j + 1) + " has no name");
					continue;
				}
				final String[] f = line.split(sep, -1);
				if (f.length != columns.length)
					throw new IOException(name + " line " + no + ": " + f.length + " values, but the header has " + columns.length + " columns");
				final float[] v = new float[f.length];
				for (int j = 0; j < f.length; j++) {
					final String s = unquote(f[j]);
					try {
						v[j] = Float.parseFloat(s);
					}
					catch (final NumberFormatException e) {
						throw new IOException(name + " line " + no + " column '" + columns[j] + "': not a number: '" + s + "'");
					}
					if (!Float.isFinite(v[j]))
						throw new IOException(name + " line " + no + " column '" + columns[j] + "': " + s + " (values must be finite)");
				}
				rows.add(v);
			}
		}
		if (columns == null) throw new IOException(name + ": no header row (column names) found");
		final float[][] data = new float[columns.length][rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			final float[] v = rows.get(i);
			for (int j = 0; j < v.length; j++) data[j][i] = v[j];
		}
		try {
			return new Table(List.of(columns), data, header, name);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(e.getMessage(), e);
		}
	}

	private static String unquote(final String s) {
		final String t = s.trim();
		return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
	}
}
