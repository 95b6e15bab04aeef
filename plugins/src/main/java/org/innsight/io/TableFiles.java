package org.innsight.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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

	/**
	 * Writes through a temporary file in the same folder, then moves it into place atomically, so readers never
	 * see half a file and a failed write leaves the old file alone.
	 */
	public static void atomicWrite(final Path file, final Writer writer) throws IOException {
		final Path abs = file.toAbsolutePath();
		final Path dir = abs.getParent();
		if (dir != null) Files.createDirectories(dir);
		final Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
		try {
			writer.write(tmp);
			try { // temp files are created private; a table is an ordinary file
				Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
			}
			catch (final UnsupportedOperationException e) {
				// not a POSIX file system: keep the default
			}
			try {
				Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}
}
