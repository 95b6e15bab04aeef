package org.innsight.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.innsight.io.Checksums;

/**
 * Models bundled on the class path: resources {@value #PREFIX}{@code <name>/model.json} and the files that card
 * lists, in any jar (for example a models jar that an installer drops into Fiji's {@code jars/}).
 * <p>
 * Loaders read model folders from disk (DJL and the DALSA reader want files), so a bundled model is copied once into
 * a cache folder named after its card's SHA-256, then loaded and checked against the card by {@link ModelFolder#load}
 * like any other folder: a damaged cached copy is refused, and copied afresh.
 */
final class ClassPathModels {

	/** Where bundled models lie on the class path. */
	static final String PREFIX = "org/innsight/models/";

	private final ClassLoader loader;
	private final Path cache;

	ClassPathModels(final ClassLoader loader, final Path cache) {
		this.loader = loader;
		this.cache = cache;
	}

	/**
	 * The cache folder for bundled models: {@code -Dinnsight.cache}, else {@code $XDG_CACHE_HOME/innsight}, else
	 * {@code ~/.cache/innsight}; each with {@code models/} inside.
	 */
	static Path defaultCache() {
		final String explicit = System.getProperty("innsight.cache");
		if (explicit != null && !explicit.isEmpty()) return Paths.get(explicit, "models");
		final String xdg = System.getenv("XDG_CACHE_HOME");
		if (xdg != null && !xdg.isEmpty()) return Paths.get(xdg, "innsight", "models");
		return Paths.get(System.getProperty("user.home"), ".cache", "innsight", "models");
	}

	/** The text of the bundled model {@code name}'s card, without copying its files; null when there is no such model. */
	String cardText(final String name) throws java.io.IOException {
		if (!has(name)) return null;
		try (java.io.InputStream in = loader.getResourceAsStream(PREFIX + name + "/" + ModelCard.FILE_NAME)) {
			return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	boolean has(final String name) {
		return plainName(name) && loader != null && loader.getResource(PREFIX + name + "/" + ModelCard.FILE_NAME) != null;
	}

	/**
	 * The names of the bundled models that can be listed: those in jars with directory entries, or in folders on the
	 * class path. (A jar without directory entries still serves a model by name through {@link #has}.)
	 */
	List<String> names() {
		final TreeSet<String> names = new TreeSet<>();
		if (loader == null) return new ArrayList<>();
		try {
			final Enumeration<URL> roots = loader.getResources(PREFIX);
			while (roots.hasMoreElements())
				names.addAll(namesIn(roots.nextElement()));
		}
		catch (final IOException e) {
			throw new UncheckedIOException("cannot list the models on the class path: " + e.getMessage(), e);
		}
		names.removeIf(n -> !has(n));
		return new ArrayList<>(names);
	}

	private static List<String> namesIn(final URL root) throws IOException {
		final List<String> names = new ArrayList<>();
		if ("file".equals(root.getProtocol())) {
			final Path dir;
			try {
				dir = Paths.get(root.toURI());
			}
			catch (final URISyntaxException e) {
				return names;
			}
			try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, Files::isDirectory)) {
				for (final Path d : s) names.add(d.getFileName().toString());
			}
			return names;
		}
		final URLConnection c = root.openConnection();
		if (!(c instanceof JarURLConnection)) return names;
		((JarURLConnection) c).setUseCaches(false);
		try (JarFile jar = ((JarURLConnection) c).getJarFile()) {
			for (final Enumeration<JarEntry> es = jar.entries(); es.hasMoreElements();) {
				final String e = es.nextElement().getName();
				if (!e.startsWith(PREFIX)) continue;
				final String rest = e.substring(PREFIX.length());
				final int slash = rest.indexOf('/');
				if (slash > 0) names.add(rest.substring(0, slash));
			}
		}
		return names;
	}

	/**
	 * The bundled model {@code name} as a checked folder in the cache, copied there first if needed.
	 *
	 * @throws IOException if it cannot be read or copied, or its files do not match its card
	 */
	ModelFolder extract(final String name) throws IOException {
		final String where = "class path " + PREFIX + name + "/" + ModelCard.FILE_NAME;
		final byte[] cardBytes = read(PREFIX + name + "/" + ModelCard.FILE_NAME, where);
		final ModelCard card = ModelCard.fromJson(new String(cardBytes, StandardCharsets.UTF_8), where);
		// named after the card's SHA-256 (which holds every file's): a changed model gets a folder of its own
		final Path target = cache.resolve(name + "-" + Checksums.sha256(cardBytes).substring(0, 16));
		if (Files.isDirectory(target)) {
			try {
				return ModelFolder.load(target);
			}
			catch (final IOException | RuntimeException damaged) {
				deleteTree(target);
			}
		}
		Files.createDirectories(cache);
		final Path tmp = Files.createTempDirectory(cache, "." + name + ".copying-");
		try {
			for (final Map.Entry<String, String> f : card.files.entrySet())
				Files.write(tmp.resolve(f.getKey()), read(PREFIX + name + "/" + f.getKey(), "class path model " + name));
			Files.write(tmp.resolve(ModelCard.FILE_NAME), cardBytes);
			ModelFolder.load(tmp); // refuse a bundled model whose files do not match its card before it is cached
			try {
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(tmp, target);
			}
			catch (final FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
				// another process copied it at the same time: use theirs (checked below)
			}
		}
		finally {
			if (Files.exists(tmp)) deleteTree(tmp);
		}
		return ModelFolder.load(target);
	}

	private byte[] read(final String resource, final String what) throws IOException {
		final URL url = loader.getResource(resource);
		if (url == null) throw new java.nio.file.NoSuchFileException(resource, null, what + ": file missing on the class path");
		final URLConnection c = url.openConnection();
		c.setUseCaches(false); // a replaced jar must not be read through a stale cached handle
		try (InputStream in = c.getInputStream()) {
			return in.readAllBytes();
		}
	}

	/** A name that stays one folder below {@link #PREFIX}. */
	private static boolean plainName(final String name) {
		return !name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.equals(".") && !name.equals("..");
	}

	private static void deleteTree(final Path dir) throws IOException {
		try (Stream<Path> s = Files.walk(dir)) {
			for (final Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
		}
	}
}
