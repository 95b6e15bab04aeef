package org.innsight.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Which HDF5 datasets make which table columns, for users' own files. Each entry is {@code column=/dataset/path}
 * (the dataset, flattened, is one column) or {@code prefix*=/path} (expands: a 2D dataset [rows, k] gives k
 * columns, a group gives one column per child dataset, e.g. SIMPA's per-wavelength groups; the columns are named
 * prefix + index, zero-padded, in the children's numeric order). The same entries can come as CLI options or as
 * a small JSON object: {@code {"sO2": "/sim/oxy", "band_*": "/simulations/.../initial_pressure"}}.
 */
public final class TableMapping {

	/** One mapping entry; {@code expand} entries name a column prefix. */
	public record Entry(String column, String dataset, boolean expand) {}

	private final List<Entry> entries;

	private TableMapping(final List<Entry> entries) {
		this.entries = List.copyOf(entries);
	}

	/** Parses entries like "sO2=/sim/oxy" and "band_*=/sim/spectra". */
	public static TableMapping parse(final List<String> specs) {
		final List<Entry> out = new ArrayList<>();
		for (final String s : specs) {
			final int eq = s.indexOf('=');
			if (eq <= 0 || eq == s.length() - 1)
				throw new IllegalArgumentException("Mapping '" + s + "' must look like column=/dataset/path or prefix*=/group/path");
			out.add(entry(s.substring(0, eq).trim(), s.substring(eq + 1).trim()));
		}
		return new TableMapping(out);
	}

	public static TableMapping of(final String... specs) {
		return parse(List.of(specs));
	}

	/** Reads a JSON object of column -> dataset entries. */
	public static TableMapping fromJson(final Path file) throws IOException {
		try {
			final JsonElement e = JsonFiles.read(file);
			if (!e.isJsonObject()) throw new IOException(file + ": a mapping must be a JSON object {\"column\": \"/dataset\", ...}");
			final List<Entry> out = new ArrayList<>();
			for (final Map.Entry<String, JsonElement> kv : ((JsonObject) e).entrySet()) {
				if (!kv.getValue().isJsonPrimitive()) throw new IOException(file + ": the value of '" + kv.getKey() + "' must be a dataset path");
				out.add(entry(kv.getKey(), kv.getValue().getAsString()));
			}
			return new TableMapping(out);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(e.getMessage(), e);
		}
	}

	private static Entry entry(final String column, final String dataset) {
		final boolean expand = column.endsWith("*");
		final String name = expand ? column.substring(0, column.length() - 1) : column;
		if (!expand && name.isEmpty()) throw new IllegalArgumentException("Mapping for '" + dataset + "' has no column name");
		return new Entry(name, dataset.startsWith("/") ? dataset : "/" + dataset, expand);
	}

	public List<Entry> entries() {
		return entries;
	}

	public boolean isEmpty() {
		return entries.isEmpty();
	}
}
