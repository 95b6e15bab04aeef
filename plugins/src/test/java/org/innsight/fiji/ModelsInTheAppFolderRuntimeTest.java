package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.innsight.macro.Macros;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the real ImageJ2 + imagej-legacy runtime ({@code ../shared/imagej2}): a model copied into {@code APP/models}
 * is found by name when the JVM starts in another folder, and a {@code models/} folder in the working directory is
 * not looked at. Skipped, with a message, when the runtime is absent. (The general real-runtime test of macros and
 * installs is {@code fiji}'s integration test; this one only checks the model lookup.)
 */
class ModelsInTheAppFolderRuntimeTest {

	@TempDir
	Path tmp;

	/** {@code -Dinnsight.imagej2}, else {@code $INNSIGHT_IMAGEJ2}, else {@code ../shared/imagej2} beside the checkout. */
	static Path runtime() {
		final String explicit = System.getProperty("innsight.imagej2", System.getenv("INNSIGHT_IMAGEJ2"));
		if (explicit != null && !explicit.isEmpty()) return Path.of(explicit);
		return Macros.repo().toAbsolutePath().normalize().resolveSibling("shared").resolve("imagej2");
	}

	@Test
	void engineInfoListsAModelInTheAppFolderWhenFijiStartsElsewhere() throws Exception {
		final Path runtime = runtime();
		assumeTrue(Files.isRegularFile(runtime.resolve("run-macro.sh")), "no ImageJ2 runtime at " + runtime +
			" (set -Dinnsight.imagej2=DIR or INNSIGHT_IMAGEJ2): skipped");
		final Path app = tmp.resolve("Fiji.app");
		install(runtime, app);
		copyTree(Macros.repo().resolve("models/msi-ood-16band"), app.resolve("models/msi-ood-16band"));
		// the working directory has a models/ folder of its own, which must not be looked at
		final Path elsewhere = tmp.resolve("elsewhere");
		copyTree(Macros.repo().resolve("models/msi-sim2real-16band"), elsewhere.resolve("models/msi-sim2real-16band"));
		final Path macro = tmp.resolve("info.ijm");
		Files.writeString(macro, "run(\"Engine Info\", \"device=cpu\");\n");
		final ProcessBuilder pb = new ProcessBuilder("bash", runtime.resolve("run-macro.sh").toString(), app.toString(), macro.toString())
			.directory(elsewhere.toFile()).redirectErrorStream(true);
		// its own Java preferences, never ~/.java (see RealRuntimeIT)
		pb.environment().put("IJ2_JAVA_OPTS", "-Xmx2g -Dai.djl.offline=true -Djava.util.prefs.userRoot=" + tmp.resolve("prefs"));
		final Process p = pb.start();
		final String out = new String(p.getInputStream().readAllBytes());
		assertTrue(p.waitFor(5, TimeUnit.MINUTES), out);
		assertEquals(0, p.exitValue(), out);
		final String appModels = app.toRealPath().resolve("models").toString();
		assertTrue(out.contains("looked in: " + appModels + " [Fiji/ImageJ app, imagej.dir]"), out);
		assertTrue(out.contains("msi-ood-16band  ood-waic-ensemble v1  in: 16 out: ood_score  from " + appModels), out);
		assertFalse(out.contains("msi-sim2real-16band"), "the working directory's models/ is not looked at:\n" + out);
	}

	/**
	 * An app folder as an install makes it: InnSight's jar (from the compiled classes, with their plugin index) and
	 * those of its runtime libraries the runtime lacks in {@code jars/}.
	 */
	private static void install(final Path runtime, final Path app) throws IOException {
		final Path jars = Files.createDirectories(app.resolve("jars"));
		final Set<String> present = new HashSet<>();
		try (Stream<Path> s = Files.list(runtime.resolve("jars"))) {
			s.forEach(j -> present.add(base(j.getFileName().toString())));
		}
		for (final Path entry : classPath()) {
			final String name = entry.getFileName().toString();
			if (Files.isDirectory(entry) && entry.endsWith(Path.of("target", "classes"))) jar(entry, jars.resolve("innsight-0.1.0-SNAPSHOT.jar"));
			else if (name.endsWith(".jar") && !present.contains(base(name)) && !testOnly(name)) Files.copy(entry, jars.resolve(name));
		}
		assertTrue(Files.exists(jars.resolve("innsight-0.1.0-SNAPSHOT.jar")), "InnSight's classes are not on the test class path");
	}

	/** This JVM's class path, also when Surefire hands it over in a manifest-only jar. */
	private static List<Path> classPath() throws IOException {
		final List<Path> entries = new ArrayList<>();
		for (final String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
			final Path p = Path.of(e);
			if (p.getFileName().toString().startsWith("surefirebooter")) {
				try (JarFile booter = new JarFile(p.toFile())) {
					for (final String u : booter.getManifest().getMainAttributes().getValue("Class-Path").split(" "))
						if (!u.isEmpty()) entries.add(Path.of(java.net.URI.create(p.toUri().resolve(u).toString())));
				}
			}
			else entries.add(p);
		}
		return entries;
	}

	private static boolean testOnly(final String jar) {
		return jar.startsWith("junit-") || jar.startsWith("opentest4j") || jar.startsWith("apiguardian") || jar.startsWith("surefire") ||
			jar.startsWith("common-java5") || jar.startsWith("common-junit");
	}

	/** {@code gson-2.13.1.jar -> gson}. */
	private static String base(final String jar) {
		return jar.replaceAll("(-linux-x86_64)?\\.jar$", "").replaceAll("-[0-9][0-9A-Za-z.+-]*$", "");
	}

	private static void jar(final Path classes, final Path jar) throws IOException {
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> s = Files.walk(classes)) {
			for (final Path f : (Iterable<Path>) s.sorted()::iterator) {
				if (f.equals(classes)) continue;
				final String name = classes.relativize(f).toString().replace(File.separatorChar, '/') + (Files.isDirectory(f) ? "/" : "");
				out.putNextEntry(new JarEntry(name));
				if (Files.isRegularFile(f)) Files.copy(f, out);
			}
		}
	}

	private static void copyTree(final Path from, final Path to) throws IOException {
		try (Stream<Path> s = Files.walk(from)) {
			for (final Path f : (Iterable<Path>) s::iterator) {
				final Path t = to.resolve(from.relativize(f).toString());
				if (Files.isDirectory(f)) Files.createDirectories(t);
				else Files.copy(f, t);
			}
		}
	}
}
