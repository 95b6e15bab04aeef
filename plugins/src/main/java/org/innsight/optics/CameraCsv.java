package org.innsight.optics;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Tabulated camera curves: CSV with a header, first column lambda_nm, then one column per band (or the lamp). */
final class CameraCsv {

	private CameraCsv() {}

	/** Columns of the file ([0] = wavelengths, ascending); exactly {@code columns} columns are required. */
	static double[][] read(final Path file, final int columns) throws IOException {
		final List<double[]> rows = new ArrayList<>();
		try (BufferedReader r = Files.newBufferedReader(file)) {
			String line;
			int no = 0;
			boolean header = true;
			while ((line = r.readLine()) != null) {
				no++;
				line = line.trim();
				if (line.isEmpty() || line.startsWith("#")) continue;
				final String[] f = line.split("[,;\t]");
				if (header) {
					header = false;
					if (f.length != columns)
						throw new IOException(file + ": header has " + f.length + " columns, expected " + columns + " (lambda_nm + " + (columns - 1) + ")");
					continue;
				}
				if (f.length != columns) throw new IOException(file + " line " + no + ": " + f.length + " values, expected " + columns);
				final double[] v = new double[columns];
				for (int i = 0; i < columns; i++) {
					try {
						v[i] = Double.parseDouble(f[i].trim());
					}
					catch (final NumberFormatException e) {
						throw new IOException(file + " line " + no + " column " + (i + 1) + ": not a number: '" + f[i] + "'");
					}
					if (!Double.isFinite(v[i])) throw new IOException(file + " line " + no + " column " + (i + 1) + ": not finite");
				}
				if (!rows.isEmpty() && v[0] <= rows.get(rows.size() - 1)[0])
					throw new IOException(file + " line " + no + ": wavelengths must increase");
				rows.add(v);
			}
		}
		if (rows.size() < 2) throw new IOException(file + ": needs at least two rows of values");
		final double[][] t = new double[columns][rows.size()];
		for (int j = 0; j < rows.size(); j++) for (int i = 0; i < columns; i++) t[i][j] = rows.get(j)[i];
		return t;
	}

	/** Linear interpolation, zero outside the tabulated range. */
	static double interpolate(final double[] x, final double[] y, final double at) {
		if (at < x[0] || at > x[x.length - 1]) return 0;
		int i = 0;
		while (i < x.length - 2 && x[i + 1] < at) i++;
		final double t = (at - x[i]) / (x[i + 1] - x[i]);
		return y[i] + t * (y[i + 1] - y[i]);
	}
}
