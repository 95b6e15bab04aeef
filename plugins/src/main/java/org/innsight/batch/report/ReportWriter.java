package org.innsight.batch.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innsight.Version;
import org.innsight.batch.BatchReport;
import org.innsight.batch.FileOutcome;
import org.innsight.batch.FileOutcome.Status;

/**
 * {@code report.html}: one self-contained page (previews are linked PNGs under {@code report/previews/}) with
 * the run's settings, the failures first (file, step, reason), then every scan with its status, key
 * statistics, warnings and previews of its input and outputs.
 */
public final class ReportWriter {

	private ReportWriter() {}

	public static String html(final BatchReport r) {
		final StringBuilder h = new StringBuilder(8192);
		h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>InnSight batch report</title>\n<style>\n")
			.append("body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0}")
			.append("td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}th{background:#f0f0f0}")
			.append(".failed{color:#b00020;font-weight:bold}.skipped{color:#666}.done{color:#1b5e20}")
			.append("figure{display:inline-block;margin:0 8px 4px 0}figcaption{font-size:80%;color:#555}")
			.append("dl{margin:0;display:grid;grid-template-columns:auto auto;column-gap:8px}dt{color:#555}dd{margin:0;font-family:monospace}")
			.append("\n</style></head><body>\n<h1>InnSight batch report</h1>\n<table>\n");
		info(h, "pipeline", r.pipeline() + " (sha256 " + r.pipelineSha256().substring(0, 12) + "…)");
		info(h, "software", "InnSight " + Version.get());
		info(h, "input", r.settings().in() + " — glob " + r.settings().glob());
		info(h, "output", r.settings().out().toString());
		info(h, r.merged() != null ? "merged" : "shard", (r.merged() != null ? r.merged() : r.settings().shard()) + " (" + r.outcomes().size() +
			" of " + r.totalScans() + " scans)");
		info(h, "jobs", Integer.toString(r.settings().jobs()));
		info(h, "result", r.count(Status.DONE) + " done, " + r.count(Status.SKIPPED) + " skipped (up to date), " +
			r.count(Status.FAILED) + " failed");
		info(h, "time", String.format(Locale.ROOT, "%.1f s, %.2f scans/s", r.millis() / 1000.0, r.filesPerSecond()) +
			(r.merged() != null ? " (the shards' times added)" : ""));
		h.append("</table>\n");
		if (!r.problems().isEmpty()) {
			h.append("<h2>Problems of the run</h2>\n<ul>\n");
			for (final String p : r.problems())
				h.append("<li>").append(esc(p)).append("</li>\n");
			h.append("</ul>\n");
		}
		final List<FileOutcome> failures = r.failures();
		if (!failures.isEmpty()) {
			h.append("<h2 class=\"failed\">Failed scans (").append(failures.size()).append(")</h2>\n<table><tr><th>file</th><th>step</th><th>reason</th></tr>\n");
			for (final FileOutcome o : failures)
				h.append("<tr><td><a href=\"#").append(anchor(r.outcomes().indexOf(o))).append("\">").append(esc(o.relative())).append("</a></td><td>")
					.append(esc(o.failedStep())).append("</td><td>").append(esc(o.reason())).append("</td></tr>\n");
			h.append("</table>\n");
		}
		h.append("<h2>Scans</h2>\n<table><tr><th>file</th><th>status</th><th>statistics</th><th>previews</th></tr>\n");
		for (int i = 0; i < r.outcomes().size(); i++)
			scan(h, r.outcomes().get(i), i);
		h.append("</table>\n</body></html>\n");
		return h.toString();
	}

	private static void scan(final StringBuilder h, final FileOutcome o, final int index) {
		h.append("<tr id=\"").append(anchor(index)).append("\"><td>").append(esc(o.relative())).append("</td><td><span class=\"")
			.append(o.status().word()).append("\">").append(o.status().word()).append("</span>");
		if (o.failed()) h.append("<br>at ").append(esc(o.failedStep())).append(": ").append(esc(o.reason()));
		else if (o.status() == Status.DONE && o.reason() != null) h.append("<br><small>redone: ").append(esc(o.reason())).append("</small>");
		h.append(String.format(Locale.ROOT, "<br><small>%.2f s</small>", o.millis() / 1000.0));
		for (final String w : o.warnings())
			h.append("<br><small>warning: ").append(esc(w)).append("</small>");
		h.append("</td><td><dl>");
		for (final Map.Entry<String, Object> s : o.statistics().entrySet())
			h.append("<dt>").append(esc(s.getKey())).append("</dt><dd>").append(esc(number(s.getValue()))).append("</dd>");
		h.append("</dl></td><td>");
		for (final Map.Entry<String, String> p : o.previews().entrySet())
			h.append("<figure><img loading=\"lazy\" src=\"").append(esc(url(p.getValue()))).append("\" alt=\"").append(esc(p.getKey()))
				.append("\"><figcaption>").append(esc(p.getKey())).append("</figcaption></figure>");
		h.append("</td></tr>\n");
	}

	private static void info(final StringBuilder h, final String key, final String value) {
		h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
	}

	private static String number(final Object v) {
		if (v instanceof Double || v instanceof Float) {
			final double d = ((Number) v).doubleValue();
			if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
			return String.format(Locale.ROOT, "%.4g", d);
		}
		return String.valueOf(v);
	}

	private static String anchor(final int index) {
		return "scan-" + (index + 1);
	}

	/** Percent-encodes what a relative URL cannot hold as is; '/' stays a separator. */
	private static String url(final String path) {
		final StringBuilder sb = new StringBuilder();
		for (final byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
			final char c = (char) (b & 0xff);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/._-~".indexOf(c) >= 0) sb.append(c);
			else sb.append(String.format("%%%02X", b & 0xff));
		}
		return sb.toString();
	}

	static String esc(final String s) {
		if (s == null) return "";
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
