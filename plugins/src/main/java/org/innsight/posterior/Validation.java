package org.innsight.posterior;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.innsight.io.Table;
import org.innsight.progress.ProgressListener;

/**
 * Validates a posterior model on held-out simulations: for each row of a table with true parameters and
 * observations, {@link ValidationOptions#samples} posterior samples, kept as {@link PosteriorRecords}; then the
 * figures of {@link ValidationMetrics} per parameter, optionally per bin of a column, and the re-simulation error
 * when the table header records its forward model and camera.
 */
public final class Validation {

	/** Observations sampled per call: keeps memory at a few MB whatever the table size. */
	private static final int CHUNK = 256;

	private Validation() {}

	/**
	 * @param observationColumns the table's observation columns, in the model's order
	 * @param resimulation null for none (e.g. a user's table without a forward model)
	 */
	public static Result run(final Table table, final List<String> observationColumns, final PosteriorSampler sampler,
		final Resimulation resimulation, final ValidationOptions options, final ProgressListener progress)
	{
		options.validate();
		final long start = System.nanoTime();
		final List<String> params = sampler.parameters();
		final int t = params.size(), c = observationColumns.size(), l = options.samples;
		if (c != sampler.observationColumns())
			throw new IllegalArgumentException("model " + sampler.name() + " expects " + sampler.observationColumns() + " observation columns, got " + c);
		for (final String p : params)
			if (!table.hasColumn(p)) throw new IllegalArgumentException(table.source() + " has no column '" + p +
				"' with the true values of the model's parameter (columns: " + table.columns() + ")");
		final int[] rows = selectRows(table, options);
		if (rows.length == 0) throw new IllegalArgumentException(table.source() + ": no rows left to validate" +
			(options.where.isEmpty() ? "" : " where " + options.where));
		final float[] obsAll = table.rowMajor(observationColumns), truthAll = table.rowMajor(params);
		final List<String> modelParams = resimulation == null ? null : resimulation.modelParameters();
		final float[][] modelColumns = modelParams == null ? null : modelParams.stream().map(table::column).toArray(float[][]::new);
		final Resimulation.Worker worker = resimulation == null ? null : resimulation.worker();
		final PosteriorRecords records = new PosteriorRecords(params, l);
		final ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
		final float[] obs = new float[CHUNK * c], truth = new float[CHUNK * t], samples = new float[CHUNK * l * t];
		final long[] keys = new long[CHUNK];
		final double[] full = modelParams == null ? null : new double[modelParams.size()];
		for (int from = 0; from < rows.length; from += CHUNK) {
			final int n = Math.min(CHUNK, rows.length - from);
			for (int i = 0; i < n; i++) {
				final int r = rows[from + i];
				System.arraycopy(obsAll, r * c, obs, i * c, c);
				System.arraycopy(truthAll, r * t, truth, i * t, t);
				keys[i] = r;
			}
			sampler.sample(obs, n, l, options.seed, keys, samples);
			records.add(truth, samples, n);
			if (worker != null && options.resimulate > 0)
				for (int i = 0; i < n; i++) {
					final int r = rows[from + i];
					for (int j = 0; j < full.length; j++) full[j] = modelColumns[j][r];
					final double[] e = worker.errors(full, obs, i * c, samples, i * l, options.resimulate);
					records.setResimulation(from + i, e[0], e[1]);
				}
			listener.progress(from + n, rows.length, "validating " + sampler.name());
		}
		final List<ParameterFigures> overall = figures(records, null, options, null);
		final List<ValidationReport.Group> groups = new ArrayList<>();
		if (options.groupBy != null) {
			final float[] g = table.column(options.groupBy);
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
			for (final int r : rows) {
				lo = Math.min(lo, g[r]);
				hi = Math.max(hi, g[r]);
			}
			for (int b = 0; b < options.bins; b++) {
				final double a = lo + (hi - lo) * b / options.bins, z = b == options.bins - 1 ? hi : lo + (hi - lo) * (b + 1) / options.bins;
				final List<Integer> in = new ArrayList<>();
				for (int i = 0; i < rows.length; i++) {
					final float v = g[rows[i]];
					if (v >= a && (v < z || b == options.bins - 1 && v <= z)) in.add(i);
				}
				final int[] subset = in.stream().mapToInt(Integer::intValue).toArray();
				groups.add(new ValidationReport.Group(a, z, subset.length, subset.length == 0 ? List.of() : figures(records, subset, options, overall),
					subset.length == 0 ? null : ValidationMetrics.resimulation(records, subset)));
			}
		}
		final List<String> where = options.where.stream().map(RowFilter::toString).toList();
		final ValidationReport report = new ValidationReport(sampler.name(), table.source(), rows.length, l, where, overall, sampler.units(),
			ValidationMetrics.resimulation(records, null), options.groupBy, groups, (System.nanoTime() - start) / 1e9,
			ValidationReport.ResimulationErrors.of(records));
		return new Result(report, records);
	}

	/** The report and the per-observation records it was computed from. */
	public record Result(ValidationReport report, PosteriorRecords records) {}

	/** Convenience: re-simulation from the table header when it has a forward model, else none. */
	public static Resimulation resimulationFor(final Table table, final List<String> parameters) {
		if (!table.header().has("model") || !table.header().has("camera")) return null;
		try {
			final Resimulation r = Resimulation.fromTable(table, parameters);
			for (final String p : r.modelParameters()) if (!table.hasColumn(p)) return null;
			return r;
		}
		catch (final IOException | IllegalArgumentException e) {
			return null;
		}
	}

	/**
	 * Figures per parameter; with {@code prior} (the figures over all validated rows) a bin's contraction is
	 * measured against the prior of all rows, not against the narrow spread of the truths inside the bin.
	 */
	private static List<ParameterFigures> figures(final PosteriorRecords records, final int[] subset, final ValidationOptions options,
		final List<ParameterFigures> prior)
	{
		final List<ParameterFigures> list = new ArrayList<>();
		final RankEcdf.Band band = RankEcdf.band(subset == null ? records.count() : subset.length, records.samples());
		for (int j = 0; j < records.parameters().size(); j++)
			list.add(ValidationMetrics.of(records, j, subset, prior == null ? Double.NaN : prior.get(j).priorVariance(), options.rankBins, band));
		return list;
	}

	private static int[] selectRows(final Table table, final ValidationOptions options) {
		final boolean[] keep = new boolean[table.rows()];
		java.util.Arrays.fill(keep, true);
		for (final RowFilter f : options.where) f.apply(table, keep);
		final List<Integer> rows = new ArrayList<>();
		for (int r = 0; r < keep.length && (options.maxRows == 0 || rows.size() < options.maxRows); r++) if (keep[r]) rows.add(r);
		return rows.stream().mapToInt(Integer::intValue).toArray();
	}
}
