package org.innsight.optics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Molar extinction spectra of oxy- and deoxyhaemoglobin (Prahl's compilation, 250-1000 nm, 2 nm steps; the
 * resource {@code hemoglobin_prahl.tsv} keeps its source header). Values between table wavelengths are
 * interpolated linearly; at table wavelengths they are the tabulated numbers exactly.
 */
public final class Chromophores {

	/** Units of the table: cm^-1 per mol/L (decadic). */
	public static final String EXTINCTION_UNITS = "cm^-1/M";

	private static final String RESOURCE = "hemoglobin_prahl.tsv";
	private static final double[][] TABLE = load();

	private Chromophores() {}

	/** Shortest wavelength covered, nm. */
	public static double minWavelength() {
		return TABLE[0][0];
	}

	/** Longest wavelength covered, nm. */
	public static double maxWavelength() {
		return TABLE[0][TABLE[0].length - 1];
	}

	/** Molar extinction of oxyhaemoglobin at {@code nm}, cm^-1/M. */
	public static double epsHbO2(final double nm) {
		return interpolate(1, nm);
	}

	/** Molar extinction of deoxyhaemoglobin at {@code nm}, cm^-1/M. */
	public static double epsHb(final double nm) {
		return interpolate(2, nm);
	}

	private static double interpolate(final int column, final double nm) {
		final double[] lambda = TABLE[0];
		if (!(nm >= lambda[0] && nm <= lambda[lambda.length - 1]))
			throw new IllegalArgumentException("Wavelength " + nm + " nm is outside the haemoglobin table (" +
				lambda[0] + "-" + lambda[lambda.length - 1] + " nm)");
		int lo = 0, hi = lambda.length - 1;
		while (hi - lo > 1) {
			final int mid = (lo + hi) >>> 1;
			if (lambda[mid] <= nm) lo = mid;
			else hi = mid;
		}
		final double[] v = TABLE[column];
		if (nm == lambda[lo]) return v[lo];
		if (nm == lambda[hi]) return v[hi];
		final double t = (nm - lambda[lo]) / (lambda[hi] - lambda[lo]);
		return v[lo] + t * (v[hi] - v[lo]);
	}

	private static double[][] load() {
		try (InputStream in = Chromophores.class.getResourceAsStream(RESOURCE)) {
			if (in == null) throw new IllegalStateException("Missing resource " + RESOURCE);
			final BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			final List<double[]> rows = new ArrayList<>();
			String line;
			while ((line = r.readLine()) != null) {
				line = line.trim();
				if (line.isEmpty() || line.startsWith("#") || line.startsWith("lambda")) continue;
				final String[] f = line.split("\\s+");
				rows.add(new double[] { Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]) });
			}
			final double[][] t = new double[3][rows.size()];
			for (int i = 0; i < rows.size(); i++)
				for (int c = 0; c < 3; c++) t[c][i] = rows.get(i)[c];
			return t;
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, e);
		}
	}
}
