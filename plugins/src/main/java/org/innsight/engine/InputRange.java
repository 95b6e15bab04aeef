package org.innsight.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.innsight.image.Normalisation;
import org.innsight.io.Table;

import com.google.gson.JsonObject;

/**
 * The values a model saw in training, per input column: what {@code UnitsCheck} compares an image with before
 * estimation. A card records it as {@code inputs.range} (a transfer model, whose inputs are its domains, as
 * {@code details.domains[i].range}, one per domain):
 * <pre>
 * "range": { "quantity": "diffuse reflectance (specular excluded)", "normalisation": "none", "rows": 200000,
 *            "q001": [...], "q999": [...], "min": [...], "max": [...] }
 * </pre>
 * {@code q001} and {@code q999} are the 0.1 % and 99.9 % quantiles of each column over the training rows,
 * {@code min} and {@code max} its extremes; all in the units the model takes its inputs in: after the per-spectrum
 * normalisation the model applies itself ({@code normalisation}: none, l1 or l2; the check applies it to the
 * image too), before any standardisation. {@code quantity} says what the values measure (from the simulation
 * table's header, {@code model_details.quantity}); null when the table did not say.
 */
public final class InputRange {

	/** What the training values measure, e.g. "diffuse reflectance (specular excluded)"; null when unknown. */
	public String quantity;
	/** The per-spectrum normalisation applied before these figures: {@code none}, {@code l1} or {@code l2}. */
	public String normalisation = "none";
	/** Training rows the figures come from. */
	public long rows;
	public double[] q001;
	public double[] q999;
	public double[] min;
	public double[] max;

	/**
	 * The range of {@code rows x columns} values (row-major), each row first normalised by {@code normalisation};
	 * non-finite values are left out.
	 */
	public static InputRange of(final float[] rowMajor, final int columns, final Normalisation normalisation, final String quantity) {
		if (columns < 1 || rowMajor.length % columns != 0)
			throw new IllegalArgumentException(rowMajor.length + " values are not rows of " + columns + " columns");
		final int rows = rowMajor.length / columns;
		final float[] x = rowMajor.clone();
		for (int r = 0; r < rows; r++) normalisation.apply(x, r * columns, columns);
		final InputRange range = new InputRange();
		range.quantity = quantity;
		range.normalisation = normalisation.label();
		range.rows = rows;
		range.q001 = new double[columns];
		range.q999 = new double[columns];
		range.min = new double[columns];
		range.max = new double[columns];
		final float[] column = new float[rows];
		for (int j = 0; j < columns; j++) {
			int n = 0;
			for (int r = 0; r < rows; r++) if (Float.isFinite(x[r * columns + j])) column[n++] = x[r * columns + j];
			if (n == 0) throw new IllegalArgumentException("input column " + j + " has no finite value in " + rows + " rows");
			Arrays.sort(column, 0, n);
			range.q001[j] = quantile(column, n, 0.001);
			range.q999[j] = quantile(column, n, 0.999);
			range.min[j] = column[0];
			range.max[j] = column[n - 1];
		}
		return range;
	}

	/**
	 * The range of a table's {@code columns}, normalised per row as its header says ({@code normalisation}; none if
	 * absent; idempotent, so rows stored normalised are unchanged); the quantity from the header.
	 */
	public static InputRange of(final Table table, final List<String> columns, final Normalisation normalisation) {
		return of(table.rowMajor(columns), columns.size(), normalisation, quantityOf(table.header()));
	}

	/** The per-row normalisation a table's header names ({@code normalisation}), none when it names none. */
	public static Normalisation normalisationOf(final JsonObject header) {
		return header != null && header.has("normalisation") && header.get("normalisation").isJsonPrimitive()
			? Normalisation.parse(header.get("normalisation").getAsString()) : Normalisation.NONE;
	}

	/** What a simulation table's values measure: its header's {@code model_details.quantity}; null when it does not say. */
	public static String quantityOf(final JsonObject header) {
		if (header == null || !header.has("model_details") || !header.get("model_details").isJsonObject()) return null;
		final JsonObject d = header.getAsJsonObject("model_details");
		return d.has("quantity") && d.get("quantity").isJsonPrimitive() ? d.get("quantity").getAsString() : null;
	}

	/** Nearest rank of {@code p} among {@code n} sorted values. */
	private static double quantile(final float[] sorted, final int n, final double p) {
		return sorted[(int) Math.min(n - 1, Math.round(p * (n - 1)))];
	}

	/** The per-spectrum normalisation to apply to an input before comparing it with these figures. */
	public Normalisation spectrumNormalisation() {
		return Normalisation.parse(normalisation == null ? "none" : normalisation);
	}

	/** Whether the model takes reflectance (its quantity says so): integer pixel counts are then the wrong units. */
	public boolean isReflectance() {
		return quantity != null && quantity.toLowerCase(Locale.ROOT).contains("reflectance");
	}

	/**
	 * Whether the model's training values are non-negative up to noise: every column's {@code q001} is at least
	 * -10 % of its width {@code q999 - q001} (reflectance with camera noise dips a little below 0 in dark bands).
	 */
	public boolean isNonNegative() {
		for (int j = 0; j < q001.length; j++) if (q001[j] < -0.1 * (q999[j] - q001[j])) return false;
		return true;
	}

	public int columns() {
		return q001.length;
	}

	/** Checks the form; throws naming {@code where} (e.g. "model card X: 'inputs.range'") and the first bad field. */
	public void validate(final String where, final int columns) {
		finite(where, "q001", q001, columns);
		finite(where, "q999", q999, columns);
		finite(where, "min", min, columns);
		finite(where, "max", max, columns);
		for (int j = 0; j < columns; j++)
			if (!(min[j] <= q001[j] && q001[j] <= q999[j] && q999[j] <= max[j]))
				throw new IllegalArgumentException(where + ": entry " + j + " needs min <= q001 <= q999 <= max");
		try {
			spectrumNormalisation();
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(where + ": 'normalisation' " + e.getMessage());
		}
	}

	private static void finite(final String where, final String name, final double[] v, final int columns) {
		if (v == null || v.length != columns) throw new IllegalArgumentException(where + " needs '" + name + "' with one entry per input (" + columns + ")");
		for (final double d : v) if (!Double.isFinite(d)) throw new IllegalArgumentException(where + ": '" + name + "' has a non-finite entry");
	}
}
