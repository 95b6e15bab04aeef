package org.innsight.ood;

import java.util.ArrayList;
import java.util.List;

import org.innsight.engine.InputRange;
import org.innsight.io.Table;
import org.innsight.image.Normalisation;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The spectra of a table (from {@code innsight simulate} or {@code simulate-ood}) as the OOD models see them:
 * rows x bands, row-major, with the band columns' names, their centre wavelengths (nm, or null when unknown) and
 * the per-spectrum normalisation, camera and measured quantity (e.g. "diffuse reflectance (specular excluded)", or
 * null) the table's header names. (Not {@link org.innsight.transfer.Spectra}, the unpaired spectra of one domain
 * that domain transfer trains on.)
 */
public record TableSpectra(float[] values, int rows, List<String> bandNames, double[] wavelengthsNm, Normalisation normalisation,
	JsonObject camera, String quantity)
{

	/** Spectra whose quantity is not known. */
	public TableSpectra(final float[] values, final int rows, final List<String> bandNames, final double[] wavelengthsNm,
		final Normalisation normalisation, final JsonObject camera)
	{
		this(values, rows, bandNames, wavelengthsNm, normalisation, camera, null);
	}

	public TableSpectra {
		if (bandNames.isEmpty()) throw new IllegalArgumentException("spectra need at least one band");
		if (values.length != (long) rows * bandNames.size())
			throw new IllegalArgumentException(values.length + " values for " + rows + " spectra of " + bandNames.size() + " bands");
		if (wavelengthsNm != null && wavelengthsNm.length != bandNames.size())
			throw new IllegalArgumentException(wavelengthsNm.length + " wavelengths for " + bandNames.size() + " bands");
		bandNames = List.copyOf(bandNames);
	}

	public int bands() {
		return bandNames.size();
	}

	/** Spectrum {@code r} as a new array. */
	public float[] row(final int r) {
		final int b = bands();
		final float[] out = new float[b];
		System.arraycopy(values, r * b, out, 0, b);
		return out;
	}

	/**
	 * The spectra of a table: the columns its header lists as {@code observation_columns} (tables made by
	 * {@code innsight simulate}), else every column matching {@code bands} (default {@code band_*}); wavelengths
	 * from the header's {@code wavelengths_nm}, normalisation from its {@code normalisation} (none if absent).
	 *
	 * @param bands column names or globs, or null for the header's observation columns / {@code band_*}
	 */
	public static TableSpectra of(final Table table, final String bands) {
		final JsonObject h = table.header();
		final List<String> names;
		if (bands != null) names = table.match(bands);
		else if (h.has("observation_columns")) {
			names = new ArrayList<>();
			for (final JsonElement e : h.getAsJsonArray("observation_columns")) names.add(e.getAsString());
			for (final String n : names) table.column(n); // a clear error naming the table if one is missing
		}
		else names = table.match("band_*");
		double[] nm = null;
		if (h.has("wavelengths_nm")) {
			final var a = h.getAsJsonArray("wavelengths_nm");
			if (a.size() != names.size())
				throw new IllegalArgumentException(table.source() + ": header lists " + a.size() + " wavelengths for " + names.size() + " band columns");
			nm = new double[a.size()];
			for (int i = 0; i < nm.length; i++) nm[i] = a.get(i).getAsDouble();
		}
		final Normalisation norm = h.has("normalisation") ? Normalisation.parse(h.get("normalisation").getAsString()) : Normalisation.NONE;
		final JsonObject camera = h.has("camera") && h.get("camera").isJsonObject() ? h.getAsJsonObject("camera") : null;
		final float[] v = table.rowMajor(names);
		for (int i = 0; i < v.length; i++)
			if (!Float.isFinite(v[i]))
				throw new IllegalArgumentException(table.source() + ": row " + (i / names.size()) + ", column '" + names.get(i % names.size()) +
					"' is not a finite number (" + v[i] + ")");
		return new TableSpectra(v, table.rows(), names, nm, norm, camera, InputRange.quantityOf(h));
	}
}
