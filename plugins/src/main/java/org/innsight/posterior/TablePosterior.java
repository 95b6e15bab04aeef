package org.innsight.posterior;

import java.util.ArrayList;
import java.util.List;

import org.innsight.io.Table;
import org.innsight.progress.ProgressListener;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Posteriors for the rows of a table of observations (simulations, or measurements that are not images): per
 * row its id, the chosen summaries of every parameter ({@code sO2_median}, {@code sO2_IQR}, ...) and, if asked,
 * every sample ({@code sO2_sample_000}, ...), in the model's parameter units. The row id is the table's
 * {@code row_id} (or {@code id}) column if it has one, else the row's index from 0. Rows with a non-finite,
 * all-zero or saturated observation are not estimated (NaN) and counted, as for images.
 */
public final class TablePosterior {

	/** The id column of the result (and the input column it is taken from, if present). */
	public static final String ROW_ID = "row_id";
	private static final int CHUNK = 1024;

	private TablePosterior() {}

	/** A result table and its counts. */
	public record Result(Table table, MaskCounts counts) {}

	public static Result run(final Table input, final List<String> observationColumns, final PosteriorSampler sampler,
		final PosteriorOptions options, final ProgressListener progress)
	{
		options.validate();
		final int c = observationColumns.size(), t = sampler.parameters().size(), n = options.samples, rows = input.rows();
		if (c != sampler.observationColumns())
			throw new IllegalArgumentException("model " + sampler.name() + " expects " + sampler.observationColumns() + " observation columns, " +
				input.source() + " gives " + c + " (" + observationColumns + ")");
		final List<Statistic> stats = List.copyOf(options.statistics);
		final Summariser summariser = new Summariser(stats, t, n, new Modes(options.modeGrid, options.modeProminence));
		final int s = summariser.valuesPerObservation();
		final List<String> names = new ArrayList<>();
		names.add(ROW_ID);
		for (final String p : sampler.parameters()) for (final Statistic st : stats) names.add(p + "_" + st.label());
		final int width = String.valueOf(Math.max(0, n - 1)).length();
		if (options.keepSamples)
			for (final String p : sampler.parameters()) for (int k = 0; k < n; k++) names.add(String.format("%s_sample_%0" + width + "d", p, k));
		final float[][] out = new float[names.size()][rows];
		final float[] ids = input.hasColumn(ROW_ID) ? input.column(ROW_ID) : input.hasColumn("id") ? input.column("id") : null;
		for (int r = 0; r < rows; r++) out[0][r] = ids != null ? ids[r] : r;
		final float[] obsAll = input.rowMajor(observationColumns);
		final PixelScreen screen = new PixelScreen(options.saturation);
		final float[] obs = new float[CHUNK * c], samples = new float[CHUNK * n * t], summary = new float[s];
		final int[] row = new int[CHUNK];
		final long[] keys = new long[CHUNK];
		final ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
		for (int from = 0; from < rows; from += CHUNK) {
			final int end = Math.min(rows, from + CHUNK);
			int m = 0;
			for (int r = from; r < end; r++) {
				final int reason = screen.check(obsAll, r * c, c);
				screen.count(reason);
				if (reason != PixelScreen.ESTIMATED) {
					for (int j = 1; j < out.length; j++) out[j][r] = Float.NaN;
					continue;
				}
				System.arraycopy(obsAll, r * c, obs, m * c, c);
				row[m] = r;
				keys[m++] = r;
			}
			if (m > 0) sampler.sample(obs, m, n, options.seed, keys, samples);
			for (int i = 0; i < m; i++) {
				final int r = row[i];
				summariser.summarise(samples, i, summary, 0);
				for (int j = 0; j < s; j++) out[1 + j][r] = summary[j];
				if (options.keepSamples)
					for (int p = 0; p < t; p++) for (int k = 0; k < n; k++) out[1 + s + p * n + k][r] = samples[(i * n + k) * t + p];
			}
			listener.progress(end, rows, "posterior of " + rows + " rows");
		}
		final MaskCounts counts = screen.counts();
		return new Result(new Table(names, out, header(input, sampler, options, counts), "posterior of " + input.source()), counts);
	}

	private static JsonObject header(final Table input, final PosteriorSampler sampler, final PosteriorOptions options, final MaskCounts counts) {
		final JsonObject h = new JsonObject();
		h.addProperty("format", "innsight-posterior-table");
		h.addProperty("model", sampler.name());
		h.addProperty("source", input.source());
		h.addProperty("samples_per_row", options.samples);
		h.addProperty("seed", options.seed);
		final JsonArray params = new JsonArray();
		for (int j = 0; j < sampler.parameters().size(); j++) {
			final JsonObject p = new JsonObject();
			p.addProperty("name", sampler.parameters().get(j));
			p.addProperty("unit", sampler.units().get(j));
			params.add(p);
		}
		h.add("parameters", params);
		final JsonArray st = new JsonArray();
		options.statistics.forEach(x -> st.add(x.label()));
		h.add("statistics", st);
		h.addProperty("estimated_rows", counts.estimated());
		h.addProperty("skipped_rows", counts.skipped());
		return h;
	}
}
