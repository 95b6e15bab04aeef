package org.innsight.fiji;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.innsight.Version;
import org.innsight.macro.Macros;

/**
 * A fresh Fiji.app-like folder with InnSight installed, for tests in the real ImageJ2 runtime.
 * <p>
 * Under {@code mvn verify} (failsafe, after {@code package}) {@code -Dinnsight.fiji.zip} names the zip that
 * {@code package} made, and it is unzipped over the folder: exactly what the README tells Fiji users to do.
 * Without it (a run from an IDE, or {@code mvn test -Dtest=...}) the install is put together the same way by hand:
 * the jar is made from the compiled classes and the runtime jars are taken from the test's class path, where the
 * README's install table puts them ({@code jars/}, PyTorch's CPU natives in {@code jars/linux64/}, the models in
 * {@code models/}); a dependency the runtime already has (by artifact name) is left out, as the zip leaves out what
 * Fiji ships.
 */
final class TestInstall {

	/** Groups on the test class path that only tests use (JUnit and its own dependencies). */
	private static final Set<String> TEST_ONLY = Set.of("/org/junit/", "/org/opentest4j/", "/org/apiguardian/",
		"/org/apache/maven/surefire/");

	private TestInstall() {}

	/** Installs InnSight into {@code app} (created) and returns it. */
	static Path install(final Path app) throws IOException {
		final Path jars = Files.createDirectories(app.resolve("jars"));
		final Path natives = Files.createDirectories(jars.resolve("linux64"));
		final String zip = System.getProperty("innsight.fiji.zip", "");
		if (!zip.isEmpty()) {
			unzip(Paths.get(zip), app);
			return app;
		}
		jarUp(classesFolder(), jars.resolve("innsight-" + Version.get() + ".jar"));
		final Set<String> inRuntime = artifacts(RealRuntimeIT.runtime().resolve("jars"));
		for (final String entry : testClassPath().split(File.pathSeparator)) {
			final Path jar = Paths.get(entry);
			final String path = jar.toString().replace('\\', '/');
			if (!path.endsWith(".jar") || !Files.isRegularFile(jar) || TEST_ONLY.stream().anyMatch(path::contains)) continue;
			final String name = jar.getFileName().toString();
			if (inRuntime.contains(artifact(name))) continue;
			Files.copy(jar, (name.startsWith("pytorch-native-") ? natives : jars).resolve(name), StandardCopyOption.REPLACE_EXISTING);
		}
		copyTree(Macros.repo().resolve("models"), app.resolve("models"));
		return app;
	}

	/** Surefire's class path when it runs through a manifest-only jar, else the JVM's. */
	private static String testClassPath() {
		final String surefire = System.getProperty("surefire.test.class.path");
		return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
	}

	/** Where InnSight's main classes were loaded from: {@code target/classes} under Maven. */
	private static Path classesFolder() {
		try {
			return Paths.get(InnSightCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The artifact names (file names without version) of the jars in {@code folder}. */
	private static Set<String> artifacts(final Path folder) throws IOException {
		final Set<String> names = new TreeSet<>();
		try (Stream<Path> files = Files.list(folder)) {
			files.forEach(f -> names.add(artifact(f.getFileName().toString())));
		}
		return names;
	}

	/** {@code scijava-common-2.100.1.jar} -> {@code scijava-common}. */
	static String artifact(final String jarName) {
		return jarName.replaceFirst("-\\d[^-]*(-.*)?\\.jar$", "").replaceFirst("\\.jar$", "");
	}

	/** A jar of a classes folder (or a copy, if the classes already are a jar). */
	private static void jarUp(final Path classes, final Path jar) throws IOException {
		if (Files.isRegularFile(classes)) {
			Files.copy(classes, jar, StandardCopyOption.REPLACE_EXISTING);
			return;
		}
		final Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
			Stream<Path> files = Files.walk(classes))
		{
			for (final Path f : (Iterable<Path>) files.sorted()::iterator) {
				final String name = classes.relativize(f).toString().replace('\\', '/');
				if (name.isEmpty() || name.equals("META-INF/MANIFEST.MF")) continue;
				out.putNextEntry(new JarEntry(Files.isDirectory(f) ? name + "/" : name));
				if (Files.isRegularFile(f)) Files.copy(f, out);
				out.closeEntry();
			}
		}
	}

	private static void copyTree(final Path from, final Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (final Path f : (Iterable<Path>) files::iterator) {
				final Path target = to.resolve(from.relativize(f).toString());
				if (Files.isDirectory(f)) Files.createDirectories(target);
				else Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	private static void unzip(final Path zip, final Path app) throws IOException {
		try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
			for (ZipEntry e; (e = z.getNextEntry()) != null;) {
				final Path target = app.resolve(e.getName()).normalize();
				if (!target.startsWith(app)) throw new IOException(zip + ": entry " + e.getName() + " lies outside the folder");
				if (e.isDirectory()) Files.createDirectories(target);
				else {
					Files.createDirectories(target.getParent());
					try (OutputStream out = Files.newOutputStream(target)) {
						z.transferTo(out);
					}
				}
			}
		}
	}
}
