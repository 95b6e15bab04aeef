package org.innsight.batch.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.innsight.batch.FileOutcome;

/**
 * {@code summary.csv}: one row per scan with its status, the failing step and reason, the seconds spent, its
 * outputs and one column per statistic (the union over all scans, in order of first appearance). RFC 4180
 * quoting, '.' as decimal separator whatever the locale. A text cell that a spreadsheet would take for a formula
 * (starting with =, +, -, @, tab or carriage return, e.g. a scan named {@code =HYPERLINK(...).tif}) gets a leading
 * {@code '}, so it shows as the text it is; numbers are written as numbers ({@code -0.5} stays {@code -0.5}).
 */
public final class SummaryCsv {

	private SummaryCsv() {}

	public static String csv(final List<FileOutcome> outcomes) {
		final Set<String> keys = new LinkedHashSet<>();
		for (final FileOutcome o : outcomes)
			keys.addAll(o.statistics().keySet());
		final StringBuilder sb = new StringBuilder();
		final List<String> header = new ArrayList<>(List.of("file", "status", "failed_step", "reason", "seconds", "outputs"));
		for (final String k : keys)
			header.add(text(k));
		row(sb, header);
		for (final FileOutcome o : outcomes) {
			final List<String> cells = new ArrayList<>();
			cells.add(text(o.relative()));
			cells.add(o.status().word());
			cells.add(text(o.failedStep() == null ? "" : o.failedStep()));
			cells.add(text(o.failed() && o.reason() != null ? o.reason() : ""));
			cells.add(String.format(Locale.ROOT, "%.3f", o.millis() / 1000.0));
			cells.add(text(String.join(";", o.outputs())));
			for (final String k : keys) {
				final Object v = o.statistics().get(k);
				cells.add(v instanceof String ? text((String) v) : value(v));
			}
			row(sb, cells);
		}
		return sb.toString();
	}

	/** A statistic as text: numbers without locale and with full precision, integers without ".0". */
	public static String value(final Object v) {
		if (v == null) return "";
		if (v instanceof Double || v instanceof Float) {
			final double d = ((Number) v).doubleValue();
			if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
			return Double.toString(d);
		}
		return v.toString();
	}

	/** A text cell, never read as a formula: a leading =, +, -, @, tab or carriage return gets a {@code '} before it. */
	static String text(final String s) {
		return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
	}

	private static void row(final StringBuilder sb, final List<String> cells) {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) sb.append(',');
			sb.append(quote(cells.get(i)));
		}
		sb.append("\r\n");
	}

	static String quote(final String s) {
		if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
		return '"' + s.replace("\"", "\"\"") + '"';
	}
}
