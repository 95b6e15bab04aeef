package org.innsight.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** The fixture files made by make_fixtures.py, and damaged copies of them. */
final class Fixtures {

	private Fixtures() {}

	static Path path(final String name) {
		final URL url = Fixtures.class.getResource(name);
		if (url == null) throw new IllegalStateException("Missing fixture " + name + "; run make_fixtures.py");
		try {
			return Path.of(url.toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A copy of a fixture in {@code dir} cut to {@code keep} bytes. */
	static Path truncated(final String name, final Path dir, final long keep) throws IOException {
		final byte[] all = Files.readAllBytes(path(name));
		final Path copy = dir.resolve("truncated-" + name);
		Files.write(copy, Arrays.copyOf(all, (int) Math.min(keep, all.length)));
		return copy;
	}

	static long size(final String name) {
		try {
			return Files.size(path(name));
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Files in {@code dir} whose names start with "." (leftover temporary files). */
	static long hiddenFiles(final Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(p -> p.getFileName().toString().startsWith(".")).count();
		}
	}
}
