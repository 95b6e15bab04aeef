package org.innsight.unmixing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.innsight.io.Table;
import org.innsight.optics.Camera;
import org.innsight.posterior.PosteriorRecords;
import org.innsight.posterior.PosteriorSampler;
import org.innsight.posterior.RowFilter;
import org.innsight.posterior.Validation;
import org.innsight.posterior.ValidationOptions;
import org.innsight.progress.ProgressListener;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The sO2 error of linear unmixing on a held-out table with true parameters (e.g. {@code innsight simulate}), beside
 * the error of a cINN's posterior median on the same rows. The rows are chosen as {@link Validation} chooses them
 * (every {@code where} condition, then the first {@code maxRows}), and the cINN's figures come from {@link Validation}
 * itself with the same samples and seed, so its figure over all rows is the "MAE of the median" that
 * {@code innsight validate} prints for the same table, samples, seed and conditions.
 * <p>
 * Both methods are compared on the rows the unmixing fitted (a row with a band at or below 0, e.g. from camera noise
 * in a dark band, has no logarithm); the cINN is also reported over all rows. Figures per method: mean absolute error
 * (MAE), median absolute error, RMSE and bias (estimate - truth). With {@code by}, the same per equal-width bin of
 * that column. With a {@code vHb_1} column, Spearman's rank correlation of the unmixed tHb (relative) with it.
 */
public final class UnmixingValidation {

	/** The parameter compared. */
	public static final String SO2 = "sO2";
	/** The column the relative tHb is rank-correlated with, when the table has it. */
	public static final String BLOOD_VOLUME = "vHb_1";

	private UnmixingValidation() {}

	/** MAE, median absolute error, RMSE and bias of estimates against truths over n rows. */
	public record Errors(int n, double mae, double medianAbs, double rmse, double bias) {

		static Errors of(final double[] estimate, final double[] truth, final int[] rows) {
			final double[] abs = new double[rows.length];
			double sum = 0, sq = 0, signed = 0;
			for (int k = 0; k < rows.length; k++) {
				final double e = estimate[rows[k]] - truth[rows[k]];
				abs[k] = Math.abs(e);
				sum += abs[k];
				sq += e * e;
				signed += e;
			}
			Arrays.sort(abs);
			final int n = rows.length;
			final double median = n == 0 ? Double.NaN : n % 2 == 1 ? abs[n / 2] : (abs[n / 2 - 1] + abs[n / 2]) / 2;
			return new Errors(n, sum / n, median, Math.sqrt(sq / n), signed / n);
		}

		JsonObject toJson() {
			final JsonObject o = new JsonObject();
			o.addProperty("rows", n);
			o.addProperty("mae", mae);
			o.addProperty("median_abs_error", medianAbs);
			o.addProperty("rmse", rmse);
			o.addProperty("bias", bias);
			return o;
		}
	}

	/**
	 * One bin (or all rows).
	 *
	 * @param unmixing the unmixing's errors on its fitted rows
	 * @param cinn the cINN's on the same rows; null without a model
	 */
	public record Group(double from, double to, int rows, int fitted, Errors unmixing, Errors cinn) {}

	/**
	 * @param cinnAll the cINN over every selected row (= {@code innsight validate}'s MAE of the median); null without a model
	 * @param thbSpearman rank correlation of tHb with {@value #BLOOD_VOLUME} over the fitted rows; NaN without that column
	 */
	public record Report(String table, String camera, boolean slope, String model, int samples, long seed, List<String> where, int rows,
		Unmixing.Counts counts, Group all, Errors cinnAll, double thbSpearman, String by, List<Group> groups)
	{
		public JsonObject toJson() {
			final JsonObject o = new JsonObject();
			o.addProperty("table", table);
			o.addProperty("camera", camera);
			o.addProperty("slope", slope);
			final JsonArray w = new JsonArray();
			where.forEach(w::add);
			o.add("where", w);
			o.addProperty("rows", rows);
			final JsonObject c = new JsonObject();
			counts.statistics("rows").forEach(c::addProperty);
			o.add("unmixing_counts", c);
			o.add("unmixing", all.unmixing().toJson());
			if (model != null) {
				o.addProperty("model", model);
				o.addProperty("samples", samples);
				o.addProperty("seed", seed);
				o.add("cinn_same_rows", all.cinn().toJson());
				o.add("cinn_all_rows", cinnAll.toJson());
			}
			if (!Double.isNaN(thbSpearman)) o.addProperty("tHb_spearman_vs_" + BLOOD_VOLUME, thbSpearman);
			if (by != null) {
				final JsonArray g = new JsonArray();
				for (final Group x : groups) {
					final JsonObject b = new JsonObject();
					b.addProperty("from", x.from());
					b.addProperty("to", x.to());
					b.addProperty("rows", x.rows());
					b.addProperty("fitted", x.fitted());
					if (x.unmixing() != null) b.add("unmixing", x.unmixing().toJson());
					if (x.cinn() != null) b.add("cinn", x.cinn().toJson());
					g.add(b);
				}
				o.addProperty("by", by);
				o.add("groups", g);
			}
			return o;
		}

		/** The figures as a small text table. */
		public String toText() {
			final StringBuilder s = new StringBuilder();
			s.append(String.format(Locale.ROOT, "sO2 on %s: %d rows%s; unmixing (camera %s, %s) fitted %d (%s)%n", table, rows,
				where.isEmpty() ? "" : " where " + String.join(" and ", where), camera, slope ? "offset + slope" : "offset", counts.fitted(), counts));
			s.append(String.format(Locale.ROOT, "%-44s %7s %8s %10s %8s %8s%n", "method", "rows", "MAE", "median|e|", "RMSE", "bias"));
			line(s, "linear unmixing", all.unmixing());
			if (model != null) {
				line(s, "cINN " + model + " median, same rows", all.cinn());
				line(s, "cINN " + model + " median, all rows", cinnAll);
			}
			if (!Double.isNaN(thbSpearman))
				s.append(String.format(Locale.ROOT, "tHb (relative) vs %s: Spearman rank correlation %.3f%n", BLOOD_VOLUME, thbSpearman));
			if (by != null) {
				s.append(String.format(Locale.ROOT, "by %s: %-17s %7s %7s %14s%s%n", by, "bin", "rows", "fitted", "unmixing MAE", model != null ? "      cINN MAE" : ""));
				for (final Group g : groups)
					s.append(String.format(Locale.ROOT, "   %-22s %7d %7d %14s%s%n", String.format(Locale.ROOT, "%.4g-%.4g", g.from(), g.to()), g.rows(),
						g.fitted(), g.unmixing() == null ? "-" : String.format(Locale.ROOT, "%.4f", g.unmixing().mae()),
						model == null ? "" : String.format(Locale.ROOT, "%14s", g.cinn() == null ? "-" : String.format(Locale.ROOT, "%.4f", g.cinn().mae()))));
			}
			return s.toString();
		}

		private static void line(final StringBuilder s, final String name, final Errors e) {
			s.append(String.format(Locale.ROOT, "%-44s %7d %8.4f %10.4f %8.4f %+8.4f%n", name, e.n(), e.mae(), e.medianAbs(), e.rmse(), e.bias()));
		}
	}

	/**
	 * @param camera the camera of the table's band columns ({@code band_*}, in band order)
	 * @param cinn a posterior model to compare with, or null; it reads {@code observationColumns}
	 * @param options which rows ({@code where}, {@code maxRows}), the cINN's samples and seed, {@code groupBy} and {@code bins};
	 *            no re-simulation is done
	 */
	public static Report run(final Table table, final Camera camera, final UnmixingRequest request, final PosteriorSampler cinn,
		final List<String> observationColumns, final ValidationOptions options, final ProgressListener progress)
	{
		if (!table.hasColumn(SO2)) throw new IllegalArgumentException(table.source() + " has no column '" + SO2 + "' with the true sO2 (columns: " +
			table.columns() + "); give a held-out table made by innsight simulate");
		final List<String> bands = table.match("band_*");
		final int[] rows = selectRows(table, options);
		if (rows.length == 0) throw new IllegalArgumentException(table.source() + ": no rows left to validate" +
			(options.where.isEmpty() ? "" : " where " + options.where));
		final Unmixing.Result u = Unmixing.run(table, bands, camera, request);
		final Table fits = u.outputs().tables().get("unmixing");
		final float[] so2 = fits.column("sO2"), thb = fits.column("tHb"), truthColumn = table.column(SO2);
		// per selected row k: estimate and truth
		final int n = rows.length;
		final double[] unmixed = new double[n], truth = new double[n], cinnMedian = new double[n];
		final List<Integer> fitted = new ArrayList<>();
		for (int k = 0; k < n; k++) {
			unmixed[k] = so2[rows[k]];
			truth[k] = truthColumn[rows[k]];
			if (Double.isFinite(unmixed[k])) fitted.add(k);
		}
		final Unmixing.Counts counts = selectedCounts(table, bands, camera, request, rows);
		Errors cinnAll = null;
		if (cinn != null) {
			final ValidationOptions o = copy(options);
			o.resimulate = 0;
			o.groupBy = null;
			final PosteriorRecords records = Validation.run(table, observationColumns, cinn, null, o, progress).records();
			final int p = records.parameters().indexOf(SO2);
			if (p < 0) throw new IllegalArgumentException("model " + cinn.name() + " does not estimate " + SO2 + " (it estimates " + records.parameters() + ")");
			if (records.count() != n) throw new IllegalStateException("the cINN validated " + records.count() + " rows, the unmixing " + n);
			for (int k = 0; k < n; k++) cinnMedian[k] = records.median(k, p);
			cinnAll = Errors.of(cinnMedian, truth, all(n));
		}
		final int[] common = fitted.stream().mapToInt(Integer::intValue).toArray();
		final Group whole = new Group(Double.NaN, Double.NaN, n, common.length, Errors.of(unmixed, truth, common),
			cinn == null ? null : Errors.of(cinnMedian, truth, common));
		double spearman = Double.NaN;
		if (table.hasColumn(BLOOD_VOLUME) && common.length > 2) {
			final float[] vhb = table.column(BLOOD_VOLUME);
			final double[] a = new double[common.length], b = new double[common.length];
			for (int i = 0; i < common.length; i++) {
				a[i] = thb[rows[common[i]]];
				b[i] = vhb[rows[common[i]]];
			}
			spearman = spearman(a, b);
		}
		final List<Group> groups = new ArrayList<>();
		if (options.groupBy != null) {
			final float[] g = table.column(options.groupBy);
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
			for (final int r : rows) {
				lo = Math.min(lo, g[r]);
				hi = Math.max(hi, g[r]);
			}
			for (int b = 0; b < options.bins; b++) {
				final double a = lo + (hi - lo) * b / options.bins, z = b == options.bins - 1 ? hi : lo + (hi - lo) * (b + 1) / options.bins;
				int inBin = 0;
				final List<Integer> in = new ArrayList<>();
				for (int k = 0; k < n; k++) {
					final float v = g[rows[k]];
					if (v >= a && (v < z || b == options.bins - 1 && v <= z)) {
						inBin++;
						if (Double.isFinite(unmixed[k])) in.add(k);
					}
				}
				final int[] subset = in.stream().mapToInt(Integer::intValue).toArray();
				groups.add(new Group(a, z, inBin, subset.length, subset.length == 0 ? null : Errors.of(unmixed, truth, subset),
					cinn == null || subset.length == 0 ? null : Errors.of(cinnMedian, truth, subset)));
			}
		}
		return new Report(table.source(), camera.name(), request.slope(), cinn == null ? null : cinn.name(), options.samples, options.seed,
			options.where.stream().map(RowFilter::toString).toList(), n, counts, whole, cinnAll, spearman, options.groupBy, groups);
	}

	/** The unmixing's counts over the selected rows only. */
	private static Unmixing.Counts selectedCounts(final Table table, final List<String> bands, final Camera camera, final UnmixingRequest request,
		final int[] rows)
	{
		if (rows.length == table.rows()) return Unmixing.run(table, bands, camera, request).counts();
		final float[][] cols = new float[bands.size()][rows.length];
		for (int j = 0; j < bands.size(); j++) {
			final float[] c = table.column(bands.get(j));
			for (int k = 0; k < rows.length; k++) cols[j][k] = c[rows[k]];
		}
		return Unmixing.run(new Table(bands, cols, table.header(), table.source()), bands, camera, request).counts();
	}

	private static int[] all(final int n) {
		final int[] a = new int[n];
		for (int i = 0; i < n; i++) a[i] = i;
		return a;
	}

	private static ValidationOptions copy(final ValidationOptions options) {
		final ValidationOptions o = new ValidationOptions();
		o.samples = options.samples;
		o.seed = options.seed;
		o.maxRows = options.maxRows;
		o.where = new ArrayList<>(options.where);
		o.bins = options.bins;
		o.rankBins = options.rankBins;
		return o;
	}

	/** As {@link Validation}: every condition, then the first {@code maxRows} (0: all). */
	private static int[] selectRows(final Table table, final ValidationOptions options) {
		final boolean[] keep = new boolean[table.rows()];
		Arrays.fill(keep, true);
		for (final RowFilter f : options.where) f.apply(table, keep);
		final List<Integer> rows = new ArrayList<>();
		for (int r = 0; r < keep.length && (options.maxRows == 0 || rows.size() < options.maxRows); r++) if (keep[r]) rows.add(r);
		return rows.stream().mapToInt(Integer::intValue).toArray();
	}

	/** Spearman's rank correlation (average ranks for ties). */
	static double spearman(final double[] a, final double[] b) {
		final double[] ra = ranks(a), rb = ranks(b);
		final int n = a.length;
		double ma = 0, mb = 0;
		for (int i = 0; i < n; i++) {
			ma += ra[i];
			mb += rb[i];
		}
		ma /= n;
		mb /= n;
		double sab = 0, saa = 0, sbb = 0;
		for (int i = 0; i < n; i++) {
			sab += (ra[i] - ma) * (rb[i] - mb);
			saa += (ra[i] - ma) * (ra[i] - ma);
			sbb += (rb[i] - mb) * (rb[i] - mb);
		}
		return sab / Math.sqrt(saa * sbb);
	}

	private static double[] ranks(final double[] v) {
		final Integer[] order = new Integer[v.length];
		for (int i = 0; i < v.length; i++) order[i] = i;
		Arrays.sort(order, (x, y) -> Double.compare(v[x], v[y]));
		final double[] r = new double[v.length];
		for (int i = 0; i < v.length;) {
			int j = i;
			while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) j++;
			for (int k = i; k <= j; k++) r[order[k]] = (i + j) / 2.0 + 1;
			i = j + 1;
		}
		return r;
	}
}
