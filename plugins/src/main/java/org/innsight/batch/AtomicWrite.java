package org.innsight.batch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Writes a file so that its name only ever holds complete content: bytes go to a hidden temporary file in the
 * same folder ({@code .NAME.<16 hex>.part}), which is then renamed over NAME in one atomic step. A kill at any
 * moment leaves either the old file, the new file, or no file under NAME, plus at most a {@code .part} file
 * that {@link #removeStale} clears on the next run.
 *
 * <p>Batch-local until {@code org.innsight.io}'s atomic writer is merged; it also returns the SHA-256 of what it
 * wrote, which the manifest needs without reading the file again.</p>
 */
public final class AtomicWrite {

	/** Writes the content of one file to a stream. */
	@FunctionalInterface
	public interface Content {
		void writeTo(OutputStream out) throws IOException;
	}

	private static final SecureRandom RANDOM = new SecureRandom();

	private AtomicWrite() {}

	/** Writes {@code target} atomically and returns the SHA-256 of its bytes. */
	public static String write(final Path target, final Content content) throws IOException {
		final Path folder = target.toAbsolutePath().getParent();
		Files.createDirectories(folder);
		final byte[] random = new byte[8];
		RANDOM.nextBytes(random);
		final Path temp = folder.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(random) + ".part");
		final MessageDigest digest = Checksums.sha256();
		boolean moved = false;
		try {
			try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16), digest)) {
				content.writeTo(out);
			}
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			moved = true;
		}
		finally {
			if (!moved) Files.deleteIfExists(temp);
		}
		return Checksums.hex(digest);
	}

	/** Deletes temporary files a killed run left behind for {@code target}; other files' temporaries are kept. */
	public static void removeStale(final Path target) throws IOException {
		final Path folder = target.toAbsolutePath().getParent();
		if (!Files.isDirectory(folder)) return;
		final Pattern mine = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString()) + "\\.[0-9a-f]{16}\\.part");
		try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, "." + globEscape(target.getFileName().toString()) + ".*.part")) {
			for (final Path p : s)
				if (mine.matcher(p.getFileName().toString()).matches()) Files.deleteIfExists(p);
		}
	}

	/** Whether a file name is one of this class's temporary files. */
	public static boolean isTemporary(final String fileName) {
		return fileName.startsWith(".") && fileName.matches(".*\\.[0-9a-f]{16}\\.part");
	}

	private static String globEscape(final String s) {
		return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
	}
}
