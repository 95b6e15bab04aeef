package org.innsight.io;

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

/**
 * SHA-256 of files, folders, bytes and text, as 64 lower-case hex digits: how model cards pin their files and
 * training data, and how batch manifests recognise unchanged inputs, outputs and models. The one place InnSight
 * computes a SHA-256.
 */
public final class Checksums {

	private Checksums() {}

	/** A fresh SHA-256 digest, for checksumming a stream as it is written ({@link java.security.DigestOutputStream}). */
	public static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("this Java has no SHA-256", e);
		}
	}

	/** The digest's value as lower-case hex; completes (resets) the digest. */
	public static String hex(final MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}

	public static String sha256(final byte[] bytes) {
		final MessageDigest d = digest();
		d.update(bytes);
		return hex(d);
	}

	/** Of the text's UTF-8 bytes. */
	public static String sha256(final String text) {
		return sha256(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The checksum of data in several files, as model cards record it ({@code training.data_sha256}): the one file's,
	 * or, for several, the SHA-256 of their checksums' text concatenated in order.
	 */
	public static String sha256(final List<Path> files) throws IOException {
		if (files.size() == 1) return sha256(files.get(0));
		final StringBuilder b = new StringBuilder();
		for (final Path f : files) b.append(sha256(f));
		return sha256(b.toString().getBytes(StandardCharsets.US_ASCII));
	}

	/** The file's SHA-256; a folder's is the SHA-256 of its files' relative paths and checksums, in sorted order. */
	public static String sha256(final Path path) throws IOException {
		if (Files.isDirectory(path)) return ofFolder(path);
		final MessageDigest d = digest();
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
			listing.append(folder.relativize(f).toString().replace('\\', '/')).append(' ').append(sha256(f)).append('\n');
		return sha256(listing.toString());
	}
}
