package org.innsight.dalsa.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file completely to a temporary file beside it, then moves it into place in one step. */
public final class AtomicFiles {

	@FunctionalInterface
	public interface Writer {
		void write(OutputStream out) throws IOException;
	}

	private AtomicFiles() {}

	public static void write(final Path target, final Writer writer) throws IOException {
		final Path absolute = target.toAbsolutePath();
		final Path dir = absolute.getParent();
		if (dir != null) Files.createDirectories(dir);
		final Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
		try {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
				writer.write(out);
			}
			moveIntoPlace(temp, absolute);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/** Moves a finished temporary file onto {@code target}, atomically where the file system allows it. */
	public static void moveIntoPlace(final Path temp, final Path target) throws IOException {
		try {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (final java.nio.file.AtomicMoveNotSupportedException e) {
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
