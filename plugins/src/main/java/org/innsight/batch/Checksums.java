package org.innsight.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** SHA-256 of files, folders and text, as lowercase hex: how manifests recognise unchanged inputs and models. */
public final class Checksums {

	private Checksums() {}

	public static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("this Java has no SHA-256", e);
		}
	}

	public static String hex(final MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}

	public static String of(final String text) {
		final MessageDigest d = sha256();
		d.update(text.getBytes(StandardCharsets.UTF_8));
		return hex(d);
	}

	public static String of(final byte[] bytes) {
		final MessageDigest d = sha256();
		d.update(bytes);
		return hex(d);
	}

	/** The file's SHA-256; a folder's is the SHA-256 of its files' relative paths and checksums, in sorted order. */
	public static String of(final Path path) throws IOException {
		if (Files.isDirectory(path)) return ofFolder(path);
		final MessageDigest d = sha256();
		final byte[] buffer = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(path)) {
			for (int n; (n = in.read(buffer)) > 0;)
				d.update(buffer, 0, n);
		}
		return hex(d);
	}

	private static String ofFolder(final Path folder) throws IOException {
		final List<Path> files;
		try (Stream<Path> s = Files.walk(folder)) {
			files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
		}
		final StringBuilder listing = new StringBuilder();
		for (final Path f : files)
			listing.append(folder.relativize(f).toString().replace('\\', '/')).append(' ').append(of(f)).append('\n');
		return of(listing.toString());
	}
}
