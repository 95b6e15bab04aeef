package org.innsight.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes output files so that a reader never sees half a file and an input is never overwritten: the content goes
 * to a temporary file in the target's folder, which then replaces the target in one atomic rename.
 */
public final class AtomicFiles {

	/** Writes the content of a file to the given (temporary) path. */
	@FunctionalInterface
	public interface Writer {
		void write(Path temporary) throws IOException;
	}

	/** Writes the content of a file to a stream. */
	@FunctionalInterface
	public interface StreamWriter {
		void write(OutputStream out) throws IOException;
	}

	private AtomicFiles() {}

	/**
	 * Lets {@code writer} write a temporary file beside {@code target} (same folder, name starting with ".") and
	 * renames it to {@code target}, replacing an existing file. On failure the temporary file is removed and the
	 * target is left as it was. Missing parent folders are created. A failure says which file and why in the
	 * user's words ({@link FileProblems#writing}), e.g. {@code no space left on device writing <target>}.
	 */
	public static void write(final Path target, final Writer writer) throws IOException {
		write(target, List.of(), writer);
	}

	/** {@link #write(Path, Writer)}, after checking with {@link #requireNotInput} that target is none of {@code inputs}. */
	public static void write(final Path target, final Collection<Path> inputs, final Writer writer) throws IOException {
		requireNotInput(target, inputs);
		final Path absolute = target.toAbsolutePath().normalize();
		final Path folder = absolute.getParent();
		if (Files.isDirectory(absolute)) throw new IOException("Cannot write " + target + ": it is a folder");
		try {
			Files.createDirectories(folder);
		}
		catch (final IOException e) {
			throw FileProblems.cannotCreateFolder(folder, target, e);
		}
		final Path temporary = temporaryBeside(absolute);
		boolean moved = false;
		try {
			writer.write(temporary);
			if (!Files.isRegularFile(temporary)) throw new IOException("Writing " + target + " produced no file");
			try {
				Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				// Some file systems (e.g. certain network mounts) cannot rename atomically; still never leave a partial target.
				Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
			}
			moved = true;
		}
		catch (final IOException e) {
			throw FileProblems.writing(target, e);
		}
		catch (final RuntimeException e) { // a library that wraps the system's IOException (e.g. UncheckedIOException)
			if (FileProblems.diskFull(e)) throw new IOException(FileProblems.noSpace(target, null), e);
			throw e;
		}
		finally {
			if (!moved) Files.deleteIfExists(temporary);
		}
	}

	/** {@link #write(Path, Collection, Writer)} for content written to a stream. */
	public static void writeStream(final Path target, final Collection<Path> inputs, final StreamWriter writer) throws IOException {
		write(target, inputs, temporary -> {
			try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW)) {
				writer.write(out);
			}
		});
	}

	/** Atomically writes {@code bytes} to {@code target}. */
	public static void writeBytes(final Path target, final Collection<Path> inputs, final byte[] bytes) throws IOException {
		writeStream(target, inputs, out -> out.write(bytes));
	}

	/**
	 * Throws an {@link IllegalArgumentException} if {@code target} is (or is a link to) one of {@code inputs}, so a
	 * run can never destroy its own input.
	 */
	public static void requireNotInput(final Path target, final Collection<Path> inputs) throws IOException {
		final Path t = target.toAbsolutePath().normalize();
		for (final Path input : inputs) {
			final Path i = input.toAbsolutePath().normalize();
			final boolean same = t.equals(i) || Files.exists(t) && Files.exists(i) && Files.isSameFile(t, i);
			if (same)
				throw new IllegalArgumentException("Refusing to write " + target + ": it is an input file (" + input +
					"); choose another output name or folder");
		}
	}

	/** A not-yet-existing hidden file name in the target's folder. */
	private static Path temporaryBeside(final Path target) {
		final String name = target.getFileName().toString();
		for (int attempt = 0; attempt < 100; attempt++) {
			final String random = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
			final Path candidate = target.resolveSibling("." + name + "." + random + ".tmp");
			if (!Files.exists(candidate)) return candidate;
		}
		throw new IllegalStateException("Cannot find a free temporary name beside " + target);
	}
}
