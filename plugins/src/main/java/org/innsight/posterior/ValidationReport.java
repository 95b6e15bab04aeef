package org.innsight.posterior;

import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The figures of a validation run: per parameter over all validated rows, the re-simulation error, and the same
 * per bin of a grouping column.
 *
 * @param units the unit of each parameter ("1" for fractions), same order as {@code parameters}
 * @param resimulation {median, mean, noise-floor median, observations} or null
 * @param resimulationErrors the re-simulation error and its noise floor per observation, or null
 */
public record ValidationReport(String model, String table, int rows, int samples, List<String> where, List<ParameterFigures> parameters,
	List<String> units, double[] resimulation, String groupBy, List<Group> groups, double seconds, ResimulationErrors resimulationErrors)
{

	/** Per observation (in validation order): the median relative re-simulation error and the noise floor (NaN: not re-simulated). */
	public record ResimulationErrors(float[] error, float[] noiseFloor) {

		/** From the records; null when no observation was re-simulated. */
		public static ResimulationErrors of(final PosteriorRecords records) {
			final float[] e = new float[records.count()], f = new float[records.count()];
			boolean any = false;
			for (int o = 0; o < e.length; o++) {
				e[o] = (float) records.resimulation(o);
				f[o] = (float) records.noiseFloor(o);
				any |= Float.isFinite(e[o]);
			}
			return any ? new ResimulationErrors(e, f) : null;
		}
	}

	/** Figures for the rows whose grouping value lies in [lower, upper) (the last bin includes its upper end). */
	public record Group(double lower, double upper, int rows, List<ParameterFigures> parameters, double[] resimulation) {}

	public ParameterFigures parameter(final String name) {
		for (final ParameterFigures f : parameters) if (f.name().equals(name)) return f;
		throw new IllegalArgumentException("no figures for '" + name + "'");
	}

	public JsonObject toJson() {
		final JsonObject o = new JsonObject();
		o.addProperty("model", model);
		o.addProperty("table", table);
		o.addProperty("rows", rows);
		o.addProperty("samples_per_observation", samples);
		final JsonArray w = new JsonArray();
		where.forEach(w::add);
		o.add("where", w);
		o.addProperty("calibration_levels", "q = 0.01 .. 0.99 (central intervals, Weibull positions of the ranks)");
		o.add("parameters", figures(parameters));
		for (int j = 0; j < parameters.size() && units != null; j++) o.getAsJsonArray("parameters").get(j).getAsJsonObject().addProperty("unit", units.get(j));
		if (resimulation != null) o.add("resimulation", resimulation(resimulation));
		if (groupBy != null) {
			o.addProperty("group_by", groupBy);
			final JsonArray gs = new JsonArray();
			for (final Group g : groups) {
				final JsonObject j = new JsonObject();
				j.addProperty("lower", g.lower());
				j.addProperty("upper", g.upper());
				j.addProperty("rows", g.rows());
				j.add("parameters", figures(g.parameters()));
				if (g.resimulation() != null) j.add("resimulation", resimulation(g.resimulation()));
				gs.add(j);
			}
			o.add("groups", gs);
		}
		o.addProperty("seconds", seconds);
		return o;
	}

	private static JsonArray figures(final List<ParameterFigures> list) {
		final JsonArray a = new JsonArray();
		for (final ParameterFigures f : list) {
			final JsonObject p = new JsonObject();
			p.addProperty("name", f.name());
			p.addProperty("rows", f.count());
			p.addProperty("calibration_error", f.calibrationError());
			p.addProperty("coverage_68", f.coverage68());
			p.addProperty("calibration_error_68", f.calibrationError68());
			p.addProperty("median_iqr", f.medianIqr());
			p.addProperty("mae_of_median", f.mae());
			p.addProperty("rmse_of_median", f.rmse());
			p.addProperty("bias_of_median", f.bias());
			p.addProperty("contraction", f.contraction());
			p.addProperty("prior_variance", f.priorVariance());
			p.addProperty("z_mean", f.zMean());
			p.addProperty("z_sd", f.zSd());
			p.addProperty("z_median_abs", f.zMedianAbs());
			p.addProperty("rank_chi_square", f.rankChiSquare());
			if (f.ecdf() != null) {
				p.addProperty("rank_ecdf_points_outside_95_band", f.ecdf().outside());
				p.addProperty("rank_ecdf_band_gamma", f.ecdf().gamma());
			}
			final JsonArray ranks = new JsonArray();
			for (final long r : f.ranks()) ranks.add(r);
			p.add("rank_histogram", ranks);
			final JsonArray cov = new JsonArray();
			for (final double c : f.coverage()) cov.add(Math.round(c * 1e6) / 1e6);
			p.add("coverage", cov);
			a.add(p);
		}
		return a;
	}

	private static JsonObject resimulation(final double[] r) {
		final JsonObject o = new JsonObject();
		o.addProperty("median_relative_error", r[0]);
		o.addProperty("mean_relative_error", r[1]);
		o.addProperty("noise_floor_median", r[2]);
		o.addProperty("observations", (long) r[3]);
		return o;
	}

	/** The figures as a terminal table. */
	public String toText() {
		final StringBuilder b = new StringBuilder();
		b.append(String.format(Locale.ROOT, "model %s on %s: %d rows, %d samples each%s%n", model, table, rows, samples,
			where.isEmpty() ? "" : ", where " + String.join(" and ", where)));
		table(b, parameters);
		if (resimulation != null) b.append(String.format(Locale.ROOT,
			"re-simulation error (median over observations of the median ||y_sim - y_obs|| / ||y_obs||): %.4f (mean %.4f); noise floor %.4f%n",
			resimulation[0], resimulation[1], resimulation[2]));
		if (groupBy != null && parameters.stream().anyMatch(f -> f.name().equals(groupBy)))
			b.append(String.format(Locale.ROOT, "%nnote: inside a bin of its own true value, %s's posterior is not expected to be calibrated (it is conditioned " +
				"on the truth it estimates; shrinkage towards the prior shows as bias); the other parameters' figures per bin are the test.%n", groupBy));
		if (groupBy != null) for (final Group g : groups) {
			b.append(String.format(Locale.ROOT, "%n%s in [%.4g, %.4g%s: %d rows%n", groupBy, g.lower(), g.upper(), g == groups.get(groups.size() - 1) ? "]" : ")", g.rows()));
			if (g.rows() > 0) table(b, g.parameters());
		}
		return b.toString();
	}

	private static void table(final StringBuilder b, final List<ParameterFigures> list) {
		b.append(String.format(Locale.ROOT, "%-10s %8s %8s %8s %9s %9s %9s %9s %7s %7s %8s%n", "parameter", "cal.err", "cov68", "|c68-q|",
			"medianIQR", "MAE", "RMSE", "contract.", "z mean", "z sd", "rank chi2"));
		for (final ParameterFigures f : list)
			b.append(String.format(Locale.ROOT, "%-10s %8.4f %8.4f %8.4f %9.4g %9.4g %9.4g %9.4f %7.3f %7.3f %8.1f%n", f.name(), f.calibrationError(),
				f.coverage68(), f.calibrationError68(), f.medianIqr(), f.mae(), f.rmse(), f.contraction(), f.zMean(), f.zSd(), f.rankChiSquare()));
	}
}
