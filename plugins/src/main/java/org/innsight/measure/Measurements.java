package org.innsight.measure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The measurements: one row per image, region, frame (and slice, when slices are measured one by one), and per
 * row a value for some of the columns. A column has a name and a unit; its heading is {@code name [unit]}, or the
 * name alone for values without a unit ({@code sO2_median}, {@code depth_median [mm]}, {@code tumour_volume [ml]}).
 * Values are numbers (NaN where there is nothing to measure) or short text. Columns are in the order they first
 * appear. The Fiji command writes the rows into a {@code ResultsTable}, the CLI into a CSV file ({@link #csv()}),
 * the pipeline step into the run's statistics.
 */
public final class Measurements {

	/** A column: name and unit (empty: none). */
	public record Column(String name, String unit) {

		/** {@code name [unit]}, or the name alone. */
		public String heading() {
			return unit.isEmpty() ? name : name + " [" + unit + "]";
		}
	}

	/**
	 * One row.
	 *
	 * @param image the image the maps were made from
	 * @param region the region's name
	 * @param label the region's label
	 * @param slice the slice (1-based) when slices are measured one by one, else 0
	 * @param frame the frame (1-based)
	 * @param values by column
	 */
	public record Row(String image, String region, int label, int slice, int frame, Map<Column, Object> values) {

		/** The value of the column headed {@code heading}, or null. */
		public Object value(final String heading) {
			for (final Map.Entry<Column, Object> e : values.entrySet())
				if (e.getKey().heading().equals(heading)) return e.getValue();
			return null;
		}
	}

	/** The columns every table starts with (slice only when slices are measured one by one). */
	public static final List<String> KEYS = List.of("image", "region", "label", "slice", "frame");

	private final Set<Column> columns = new LinkedHashSet<>();
	private final List<Row> rows = new ArrayList<>();
	private final Set<String> notes = new LinkedHashSet<>();
	private boolean slices;

	/** Adds a row; its values are kept in the order given. */
	public void add(final String image, final String region, final int label, final int slice, final int frame, final Map<Column, Object> values) {
		for (final Object v : values.values())
			if (!(v instanceof Double || v instanceof Long || v instanceof String)) throw new IllegalArgumentException("not a measurement value: " + v);
		columns.addAll(values.keySet());
		rows.add(new Row(image, region, label, slice, frame, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
		slices |= slice > 0;
	}

	/** Adds every row and note of {@code other}. */
	public void addAll(final Measurements other) {
		for (final Row r : other.rows) add(r.image(), r.region(), r.label(), r.slice(), r.frame(), r.values());
		notes.addAll(other.notes);
	}

	/** Something the reader of the table should know (what was pooled, a map that was not measured). */
	public void note(final String note) {
		notes.add(note);
	}

	public List<Column> columns() {
		return List.copyOf(columns);
	}

	public List<Row> rows() {
		return Collections.unmodifiableList(rows);
	}

	public List<String> notes() {
		return List.copyOf(notes);
	}

	/** Whether some row is one slice's (then the tables have a {@code slice} column). */
	public boolean hasSlices() {
		return slices;
	}

	/** The headings of a table: {@link #KEYS} (slice only with {@link #hasSlices()}), then every column's. */
	public List<String> headings() {
		final List<String> h = new ArrayList<>();
		for (final String k : KEYS) if (!k.equals("slice") || slices) h.add(k);
		for (final Column c : columns) h.add(c.heading());
		return h;
	}

	/**
	 * The table as CSV: a header row of {@link #headings()}, then one line per row, '\n' line ends, cells quoted
	 * as RFC 4180 says when they hold a comma, quote or line break. Whole numbers are written without a decimal
	 * point, other numbers as the shortest decimal that reads back as the same 32-bit float (the maps' precision),
	 * missing values as an empty cell, NaN as {@code NaN}. The same measurements give the same bytes.
	 */
	public String csv() {
		final StringBuilder b = new StringBuilder();
		line(b, headings());
		for (final Row r : rows) {
			final List<String> cells = new ArrayList<>(List.of(r.image(), r.region(), Integer.toString(r.label())));
			if (slices) cells.add(Integer.toString(r.slice()));
			cells.add(Integer.toString(r.frame()));
			for (final Column c : columns) cells.add(text(r.values().get(c)));
			line(b, cells);
		}
		return b.toString();
	}

	/** A value as the CSV writes it (also the pipeline's statistics): see {@link #csv()}. */
	public static String text(final Object v) {
		if (v == null) return "";
		if (v instanceof Double d) {
			if (d.isNaN()) return "NaN";
			if (d.isInfinite()) return d > 0 ? "Infinity" : "-Infinity";
			if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString(d.longValue());
			final float f = d.floatValue();
			return f == Math.rint(f) && Math.abs(f) < 1e7 ? Long.toString((long) f) : Float.toString(f);
		}
		return v.toString();
	}

	private static void line(final StringBuilder b, final List<String> cells) {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) b.append(',');
			final String s = cells.get(i);
			final boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
			b.append(quote ? '"' + s.replace("\"", "\"\"") + '"' : s);
		}
		b.append('\n');
	}

	/** Values by column, in insertion order: what a measurer returns for one row. */
	static Map<Column, Object> values() {
		return new LinkedHashMap<>();
	}
}
