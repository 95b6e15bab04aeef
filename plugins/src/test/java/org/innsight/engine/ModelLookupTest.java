package org.innsight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one model lookup: its order, its message for an unknown model, and that the working directory plays no part. */
class ModelLookupTest {

	@TempDir
	Path tmp;

	/** Saves model {@code name} into {@code models/}, its card's version telling the copies apart. */
	private static Path model(final Path models, final String name, final String version) throws IOException {
		final ModelCard c = ModelFolderTest.card();
		c.name = name;
		c.version = version;
		return ModelFolder.save(models.resolve(name), c, ModelFolderTest.weights(version.getBytes()), false).dir();
	}

	private ModelLookup lookup(final Map<String, String> properties, final Path jar, final ClassLoader classPath) {
		return new ModelLookup(properties::get, jar, new ClassPathModels(classPath, tmp.resolve("cache")));
	}

	/** A class loader over a folder holding {@code org/innsight/models/<name>/...}, as a models jar would. */
	private URLClassLoader classPath(final Path root) throws IOException {
		return new URLClassLoader(new URL[] { root.toUri().toURL() }, null);
	}

	@Test
	void theFirstPlaceThatHasTheModelWins() throws IOException {
		final Path own = tmp.resolve("own"), app = tmp.resolve("Fiji.app"), repo = tmp.resolve("repo"), cp = tmp.resolve("cp");
		model(own, "m", "1");
		model(app.resolve("models"), "m", "2");
		model(repo.resolve("models"), "m", "3");
		model(cp.resolve(ClassPathModels.PREFIX), "m", "4");
		final Map<String, String> props = new HashMap<>(Map.of("innsight.models", own.toString(), "imagej.dir", app.toString(),
			"innsight.repo", repo.toString()));
		try (URLClassLoader loader = classPath(cp)) {
			assertEquals("1", lookup(props, null, loader).resolve("m").card().version);
			props.remove("innsight.models");
			assertEquals("2", lookup(props, null, loader).resolve("m").card().version);
			props.remove("imagej.dir");
			assertEquals("3", lookup(props, null, loader).resolve("m").card().version);
			props.remove("innsight.repo");
			final ModelFolder bundled = lookup(props, null, loader).resolve("m");
			assertEquals("4", bundled.card().version);
			assertTrue(bundled.dir().startsWith(tmp.resolve("cache")), "copied to the cache folder: " + bundled.dir());
			// an explicit path beats every place
			props.put("innsight.models", own.toString());
			assertEquals("3", lookup(props, null, loader).resolve(repo.resolve("models/m").toString()).card().version);
			assertEquals("3", lookup(props, null, loader).resolve(repo.resolve("models/m/model.json").toString()).card().version);
		}
	}

	@Test
	void theAppFolderComesFromAnyOfFijisPropertiesOrFromWhereTheJarLies() throws IOException {
		final Path app = tmp.resolve("Fiji.app");
		model(app.resolve("models"), "m", "2");
		for (final String key : new String[] { "imagej.dir", "ij.dir", "fiji.dir" })
			assertEquals("2", lookup(Map.of(key, app.toString()), null, null).resolve("m").card().version, key);
		final ModelLookup byJar = lookup(Map.of(), app.resolve("jars/innsight-0.1.0.jar"), null);
		assertEquals("2", byJar.resolve("m").card().version);
		assertEquals(app, ModelLookup.appOfJar(app.resolve("plugins/innsight-0.1.0.jar")));
		assertNull(ModelLookup.appOfJar(tmp.resolve("plugins/target/classes")), "a classes folder is no app");
		assertNull(ModelLookup.appOfJar(tmp.resolve("target/innsight-0.1.0.jar")), "a jar outside jars/ or plugins/ is no app");
	}

	@Test
	void anUnknownModelIsOneLineNamingItAndEveryPlaceLookedIn() throws IOException {
		final Path app = tmp.resolve("Fiji.app");
		final Path repo = tmp.resolve("repo");
		model(repo.resolve("models"), "a", "1");
		model(repo.resolve("models"), "b", "1");
		final ModelLookup lookup = lookup(Map.of("imagej.dir", app.toString(), "innsight.repo", repo.toString()), null, null);
		final ModelLookup.NoSuchModelException e = assertThrows(ModelLookup.NoSuchModelException.class, () -> lookup.resolve("msi-ood-16band"));
		assertEquals("no model 'msi-ood-16band': not a file or folder, and looked in -Dinnsight.models (unset), " + app.resolve("models") +
			" [Fiji/ImageJ app, imagej.dir] (no such folder), " + repo.resolve("models") + " [innsight.repo] (has a, b), class path (none)",
			e.getMessage());
		final ModelLookup.NoSuchModelException byName = assertThrows(ModelLookup.NoSuchModelException.class, () -> lookup.resolveName("x"));
		assertTrue(byName.getMessage().startsWith("no model 'x': looked in -Dinnsight.models (unset), "), byName.getMessage());
		assertFalse(byName.getMessage().contains("\n"));
		final ModelLookup none = lookup(Map.of(), null, null);
		assertEquals("no model 'x': looked in -Dinnsight.models (unset), Fiji/ImageJ app (unknown: imagej.dir, ij.dir, fiji.dir unset), " +
			"innsight.repo (unset), class path (none)", assertThrows(IOException.class, () -> none.resolveName("x")).getMessage());
	}

	@Test
	void aNameNeverEscapesItsPlace() throws IOException {
		final Path repo = tmp.resolve("repo");
		model(repo.resolve("models"), "a", "1");
		model(tmp, "outside", "1");
		final ModelLookup lookup = lookup(Map.of("innsight.repo", repo.toString()), null, null);
		assertThrows(ModelLookup.NoSuchModelException.class, () -> lookup.resolveName("../../outside"));
		assertThrows(ModelLookup.NoSuchModelException.class, () -> lookup.resolveName("a/"));
		// a path that does not exist is named as such, not looked up
		final java.nio.file.NoSuchFileException e = assertThrows(java.nio.file.NoSuchFileException.class, () -> lookup.resolve(tmp.resolve("gone").toString()));
		assertEquals(tmp.resolve("gone") + ": no such model folder or card file", e.getMessage());
	}

	@Test
	void aBundledModelIsCheckedAndADamagedCachedCopyIsReplaced() throws IOException {
		final Path cp = tmp.resolve("cp");
		final Path original = model(cp.resolve(ClassPathModels.PREFIX), "m", "4");
		try (URLClassLoader loader = classPath(cp)) {
			final ModelLookup lookup = lookup(Map.of(), null, loader);
			final Path cached = lookup.resolve("m").dir();
			Files.write(cached.resolve("weights.ndlist"), new byte[] { 9 });
			assertEquals("4", lookup.resolve("m").card().version, "the damaged copy is copied afresh");
			assertEquals("4", new String(Files.readAllBytes(cached.resolve("weights.ndlist"))));
			// a bundled model whose file differs from its card is refused, naming the file
			deleteCache();
			Files.write(original.resolve("weights.ndlist"), new byte[] { 7 });
			final IOException e = assertThrows(IOException.class, () -> lookup.resolve("m"));
			assertTrue(e.getMessage().contains("weights.ndlist") && e.getMessage().contains("does not match its card"), e.getMessage());
		}
	}

	@Test
	void bundledModelsInAJarAreListedAndLoaded() throws IOException {
		final Path src = tmp.resolve("src");
		model(src, "m", "4");
		final Path jar = tmp.resolve("innsight-models.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			// directory entries, as Maven's jar plugin writes them: they let the models be listed
			for (final String dir : new String[] { "org/", "org/innsight/", ClassPathModels.PREFIX, ClassPathModels.PREFIX + "m/" })
				out.putNextEntry(new JarEntry(dir));
			for (final String f : new String[] { "model.json", "weights.ndlist" }) {
				out.putNextEntry(new JarEntry(ClassPathModels.PREFIX + "m/" + f));
				Files.copy(src.resolve("m").resolve(f), out);
			}
		}
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			final ModelLookup lookup = lookup(Map.of(), null, loader);
			final List<ModelLookup.Found> found = lookup.list();
			assertEquals(1, found.size());
			assertEquals("m", found.get(0).name);
			assertEquals("class path", found.get(0).place.toString());
			assertEquals("4", lookup.resolve("m").card().version);
			assertEquals(lookup.resolve("m").dir(), lookup.folderOf("m"));
		}
	}

	@Test
	void theReportListsEachModelWithItsOriginAndMarksHiddenOnes() throws IOException {
		final Path app = tmp.resolve("Fiji.app"), repo = tmp.resolve("repo");
		model(app.resolve("models"), "m", "2");
		model(repo.resolve("models"), "m", "3");
		model(repo.resolve("models"), "r", "3");
		final ModelLookup lookup = lookup(Map.of("fiji.dir", app.toString(), "innsight.repo", repo.toString()), null, null);
		final List<String> lines = new ArrayList<>();
		for (final EngineReport.ModelEntry m : EngineReport.findModels(lookup)) lines.add(m.toString());
		final String fromApp = app.resolve("models") + " [Fiji/ImageJ app, fiji.dir]";
		final String fromRepo = repo.resolve("models") + " [innsight.repo]";
		assertEquals(List.of("m  posterior-cinn v2  in: 2 out: sO2  from " + fromApp, "m  from " + fromRepo + "; hidden by " + fromApp,
			"r  posterior-cinn v3  in: 2 out: sO2  from " + fromRepo), lines);
	}

	/** The standard lookup reads this JVM's properties: Fiji's app folder is found, ./models is not. */
	@Test
	void theStandardLookupFollowsTheSystemProperties() throws IOException {
		final Path app = tmp.resolve("Fiji.app");
		model(app.resolve("models"), "m", "2");
		final String[] keys = { "innsight.models", "imagej.dir", "ij.dir", "fiji.dir", "innsight.repo", "innsight.cache" };
		final Map<String, String> saved = new HashMap<>();
		for (final String k : keys) saved.put(k, System.getProperty(k));
		try {
			for (final String k : keys) System.clearProperty(k);
			System.setProperty("ij.dir", app.toString());
			System.setProperty("innsight.cache", tmp.resolve("cache").toString());
			assertEquals("2", ModelLookup.standard().resolve("m").card().version);
			System.setProperty("innsight.models", tmp.resolve("nothing").toString());
			assertEquals("2", ModelLookup.standard().resolve("m").card().version, "a missing -Dinnsight.models folder is skipped");
			assertTrue(ModelLookup.standard().notFound("x", "").getMessage().contains(tmp.resolve("nothing") + " [-Dinnsight.models] (no such folder)"));
		}
		finally {
			for (final String k : keys) {
				if (saved.get(k) == null) System.clearProperty(k);
				else System.setProperty(k, saved.get(k));
			}
		}
	}

	/**
	 * A JVM started in a folder holding {@code models/m} does not find {@code m} there, and one started anywhere
	 * finds it in the app folder: what Fiji started from a shell sees.
	 */
	@Test
	void theWorkingDirectoryDoesNotMatter() throws Exception {
		final Path here = tmp.resolve("here");
		model(here.resolve("models"), "m", "1");
		final Path app = tmp.resolve("Fiji.app");
		model(app.resolve("models"), "m", "2");
		final Run inHere = java(here);
		assertEquals(1, inHere.exit, inHere.out);
		assertTrue(inHere.out.startsWith("no model 'm': "), inHere.out);
		final Run withApp = java(here, "-Dimagej.dir=" + app);
		assertEquals(0, withApp.exit, withApp.out);
		assertEquals(app.resolve("models/m") + " v2", withApp.out.strip());
		final Run elsewhere = java(tmp, "-Dimagej.dir=" + app);
		assertEquals(withApp.out, elsewhere.out);
	}

	private record Run(int exit, String out) {}

	private Run java(final Path workingDirectory, final String... properties) throws Exception {
		final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
			System.getProperty("java.class.path"), "-Dinnsight.cache=" + tmp.resolve("cache")));
		cmd.addAll(List.of(properties));
		cmd.add(Resolve.class.getName());
		cmd.add("m");
		final Process p = new ProcessBuilder(cmd).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
		final String out = new String(p.getInputStream().readAllBytes());
		assertTrue(p.waitFor(60, TimeUnit.SECONDS));
		return new Run(p.exitValue(), out);
	}

	/** Run in a child JVM: prints the folder and version of the model named by the argument, or the error. */
	public static final class Resolve {
		public static void main(final String[] args) {
			try {
				final ModelFolder m = ModelLookup.standard().resolveName(args[0]);
				System.out.println(m.dir() + " v" + m.card().version);
			}
			catch (final IOException e) {
				System.out.println(e.getMessage());
				System.exit(1);
			}
		}
	}

	private void deleteCache() throws IOException {
		try (var s = Files.walk(tmp.resolve("cache"))) {
			for (final Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(p);
		}
	}
}
