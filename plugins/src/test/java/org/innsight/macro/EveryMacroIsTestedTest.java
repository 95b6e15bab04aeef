package org.innsight.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every macro shipped in {@code macros/} is run by a test: some test class declares it with {@link RunsMacros}
 * (and a declared macro must exist, so a renamed macro does not leave a stale declaration behind).
 */
class EveryMacroIsTestedTest {

	@Test
	void everyShippedMacroIsDeclaredByATestAndEveryDeclaredMacroExists() throws Exception {
		final Set<String> shipped;
		try (Stream<Path> files = Files.list(Macros.folder())) {
			shipped = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ijm")).collect(Collectors
				.toCollection(TreeSet::new));
		}
		final Set<String> declared = new TreeSet<>();
		final Path testClasses = Paths.get(getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
		try (Stream<Path> files = Files.walk(testClasses)) {
			for (final Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
				final String name = testClasses.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
				final RunsMacros runs = Class.forName(name, false, getClass().getClassLoader()).getAnnotation(
					RunsMacros.class);
				if (runs != null) for (final String macro : runs.value())
					declared.add(macro);
			}
		}
		assertTrue(shipped.contains("info_and_normalise.ijm"), "macros found: " + shipped);
		final Set<String> untested = new TreeSet<>(shipped);
		untested.removeAll(declared);
		assertEquals(Set.of(), untested, "macros in " + Macros.folder() + " that no test runs " +
			"(declare them with @RunsMacros on the test class that runs them)");
		final Set<String> missing = new TreeSet<>(declared);
		missing.removeAll(shipped);
		assertEquals(Set.of(), missing, "@RunsMacros names macros that do not exist in " + Macros.folder());
	}
}
