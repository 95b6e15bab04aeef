package org.innsight.inn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.innsight.engine.InputRange;
import org.innsight.io.Table;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * From a table (the simulator's, or a user's) to what {@link InnTraining} needs: target and observation rows,
 * and a card spec whose ranges, units and wavelengths come from the table's header where it has them (the
 * simulator writes "parameters" with min/max/unit, "observation_columns" and "wavelengths_nm"), with the
 * observations' own range ({@link InputRange}).
 */
public final class TableTraining {

	private TableTraining() {}

	/** Rows of the named columns, one float[] per table row. */
	public static float[][] rows(final Table table, final List<String> names) {
		final float[] flat = table.rowMajor(names);
		final int n = table.rows(), c = names.size();
		final float[][] out = new float[n][];
		for (int r = 0; r < n; r++) out[r] = java.util.Arrays.copyOfRange(flat, r * c, (r + 1) * c);
		return out;
	}

	/**
	 * A spec for a posterior model of {@code targets} given {@code observations}.
	 *
	 * @param ranges per target name: {lower, upper}, or null to force unbounded; names absent here take the
	 *            header's simulated range if there is one, else unbounded
	 * @param units per target name; absent names take the header's unit
	 */
	public static InnTraining.Spec posteriorSpec(final Table table, final List<String> targets, final List<String> observations,
		final Map<String, double[]> ranges, final Map<String, String> units)
	{
		final InnTraining.Spec spec = new InnTraining.Spec();
		spec.kind = "posterior-cinn";
		spec.targetNames = new ArrayList<>(targets);
		spec.observationNames = new ArrayList<>(observations);
		final Map<String, JsonObject> described = parameters(table.header());
		spec.targetRanges = new double[targets.size()][];
		for (int j = 0; j < targets.size(); j++) {
			final String name = targets.get(j);
			final JsonObject p = described.get(name);
			if (ranges != null && ranges.containsKey(name)) spec.targetRanges[j] = ranges.get(name) == null ? null : ranges.get(name).clone();
			else if (p != null && p.has("min") && p.has("max") && p.get("min").getAsDouble() < p.get("max").getAsDouble())
				spec.targetRanges[j] = new double[] { p.get("min").getAsDouble(), p.get("max").getAsDouble() };
			final String unit = units != null && units.containsKey(name) ? units.get(name) : p != null && p.has("unit") ? p.get("unit").getAsString() : null;
			spec.targetUnits.add(unit);
		}
		spec.wavelengthsNm = wavelengths(table.header(), observations);
		// in the units the posterior model takes: normalised per spectrum as the header says (the model does the same to its inputs)
		if (!observations.isEmpty()) spec.inputRange = InputRange.of(table, observations, InputRange.normalisationOf(table.header()));
		spec.dataDescription = table.source() + " (" + table.rows() + " rows)";
		final JsonObject h = table.header();
		for (final String key : new String[] { "model", "camera", "normalisation", "format", "seed", "count" })
			if (h.has(key)) spec.details.add("table_" + key, h.get(key).deepCopy());
		return spec;
	}

	private static Map<String, JsonObject> parameters(final JsonObject header) {
		final Map<String, JsonObject> out = new HashMap<>();
		if (header.has("parameters") && header.get("parameters").isJsonArray())
			for (final JsonElement e : header.getAsJsonArray("parameters"))
				if (e.isJsonObject() && e.getAsJsonObject().has("name")) out.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject());
		return out;
	}

	/** Wavelengths of the chosen observation columns from the header, or null if it does not give all of them. */
	static double[] wavelengths(final JsonObject header, final List<String> observations) {
		if (!header.has("wavelengths_nm") || !header.has("observation_columns")) return null;
		final JsonArray nm = header.getAsJsonArray("wavelengths_nm"), cols = header.getAsJsonArray("observation_columns");
		if (nm.size() != cols.size()) return null;
		final Map<String, Double> byColumn = new HashMap<>();
		for (int i = 0; i < cols.size(); i++) byColumn.put(cols.get(i).getAsString(), nm.get(i).getAsDouble());
		final double[] out = new double[observations.size()];
		for (int i = 0; i < out.length; i++) {
			final Double w = byColumn.get(observations.get(i));
			if (w == null) return null;
			out[i] = w;
		}
		return out;
	}
}
