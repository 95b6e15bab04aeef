package org.innsight.batch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.regex.Pattern;

import org.innsight.io.AtomicFiles;
import org.innsight.io.Checksums;

/**
 * The batch's side of {@link AtomicFiles} (content goes to a hidden temporary file {@code .NAME.<hex>.tmp} in the
 * same folder and is renamed over NAME in one step, so a name never holds partial content): it also returns the
 * SHA-256 of what it wrote, and clears the temporary files a killed run left behind.
 */
public final class AtomicWrite {

	/** Writes the content of one file to a stream. */
	@FunctionalInterface
	public interface Content {
		void writeTo(OutputStream out) throws IOException;
	}

	private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.[0-9a-f]{1,16}\\.tmp");

	private AtomicWrite() {}

	/** Writes {@code target} atomically and returns the SHA-256 of its bytes. */
	public static String write(final Path target, final Content content) throws IOException {
		return write(target, null, content);
	}

	/** As {@link #write(Path, Content)}, refusing to write over {@code input} (null: no input to protect). */
	public static String write(final Path target, final Path input, final Content content) throws IOException {
		final MessageDigest digest = Checksums.digest();
		AtomicFiles.writeStream(target, input == null ? List.of() : List.of(input), raw -> {
			final DigestOutputStream out = new DigestOutputStream(new BufferedOutputStream(raw, 1 << 16), digest);
			content.writeTo(out);
			out.flush();
		});
		return Checksums.hex(digest);
	}

	/** Deletes temporary files a killed run left behind for {@code target}; other files' temporaries are kept. */
	public static void removeStale(final Path target) throws IOException {
		final Path folder = target.toAbsolutePath().getParent();
		if (!Files.isDirectory(folder)) return;
		final String name = target.getFileName().toString();
		final Pattern mine = Pattern.compile("\\." + Pattern.quote(name) + "\\.[0-9a-f]{1,16}\\.tmp");
		try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, p -> p.getFileName().toString().startsWith("." + name + "."))) {
			for (final Path p : s)
				if (mine.matcher(p.getFileName().toString()).matches()) Files.deleteIfExists(p);
		}
	}

	/** Whether a file name is a temporary file of an atomic write. */
	public static boolean isTemporary(final String fileName) {
		return TEMPORARY.matcher(fileName).matches();
	}
}
