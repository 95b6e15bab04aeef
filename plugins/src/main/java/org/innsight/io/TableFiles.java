package org.innsight.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reading and writing tables by file extension (.csv, .h5/.hdf5), with atomic writes. */
public final class TableFiles {

	/** Writes into the temporary file it is given. */
	@FunctionalInterface
	public interface Writer {
		void write(Path tmp) throws IOException;
	}

	private TableFiles() {}

	/** Writes a table as CSV or HDF5, chosen by the extension of {@code file}. */
	public static void write(final Table table, final Path file) throws IOException {
		if (isHdf5(file)) TableHdf5.write(table, file);
		else if (isCsv(file)) TableCsv.write(table, file);
		else throw new IOException(file + ": unknown table format (use .csv, .h5 or .hdf5)");
	}

	/** Reads a CSV table, or an HDF5 table in InnSight's own layout / any layout of plain datasets. */
	public static Table read(final Path file) throws IOException {
		return read(file, null);
	}

	/** Reads a table; for HDF5 a mapping (may be null) says which datasets are which columns. */
	public static Table read(final Path file, final TableMapping mapping) throws IOException {
		if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
		if (isHdf5(file)) return TableHdf5.read(file, mapping);
		if (mapping != null && !mapping.isEmpty()) throw new IOException(file + ": a dataset mapping applies to HDF5 tables only");
		if (isCsv(file)) return TableCsv.read(file);
		throw new IOException(file + ": unknown table format (use .csv, .h5 or .hdf5)");
	}

	public static boolean isHdf5(final Path file) {
		final String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".hdf");
	}

	public static boolean isCsv(final Path file) {
		final String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".txt");
	}

	/** Writes through a temporary file in the same folder, then moves it into place ({@link AtomicFiles}). */
	public static void atomicWrite(final Path file, final Writer writer) throws IOException {
		AtomicFiles.write(file, writer::write);
	}
}
