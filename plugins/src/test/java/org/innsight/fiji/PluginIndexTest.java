package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

import com.google.gson.JsonElement;
import com.google.gson.JsonStreamParser;

/**
 * Fiji finds commands through the index SciJava's annotation processor writes at compile time; a command
 * missing from it is invisible in Fiji. Checks the built index against the compiled classes.
 */
class PluginIndexTest {

	@Test
	void everyCompiledCommandIsInThePluginIndexUnderPluginsInnSight() throws Exception {
		final Path classes = Paths.get(SpectralNormaliseCommand.class.getProtectionDomain().getCodeSource()
			.getLocation().toURI());
		final Path index = classes.resolve("META-INF/json/org.scijava.plugin.Plugin");
		assertTrue(Files.isRegularFile(index), "no plugin index at " + index +
			": SciJava's annotation processor did not run (see the compiler configuration in plugins/pom.xml)");

		final Map<String, String> menuPathByClass = new TreeMap<>();
		try (Reader in = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
			for (final JsonStreamParser p = new JsonStreamParser(in); p.hasNext();) {
				final JsonElement e = p.next();
				final JsonElement values = e.getAsJsonObject().get("values");
				final JsonElement menuPath = values.getAsJsonObject().get("menuPath");
				menuPathByClass.put(e.getAsJsonObject().get("class").getAsString(), menuPath == null ? null : menuPath
					.getAsString());
			}
		}

		final TreeSet<String> commands = new TreeSet<>();
		try (Stream<Path> files = Files.walk(classes.resolve("org/innsight"))) {
			for (final Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
				final String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
				final Class<?> c = Class.forName(name, false, getClass().getClassLoader());
				final Plugin plugin = c.getAnnotation(Plugin.class);
				if (plugin != null && Command.class.isAssignableFrom(plugin.type())) commands.add(name);
			}
		}
		assertTrue(commands.contains(SpectralNormaliseCommand.class.getName()), commands.toString());
		assertTrue(commands.contains(EngineInfoCommand.class.getName()), commands.toString());
		// besides the commands, the index holds InnSight's dialog (a preprocessor, no menu entry)
		assertEquals(InnSightDialog.class.getName(), menuPathByClass.keySet().stream().filter(c -> !commands.contains(c)).reduce((x, y) -> x + ", " + y).orElse(""));
		menuPathByClass.remove(InnSightDialog.class.getName());
		assertEquals(commands, new TreeSet<>(menuPathByClass.keySet()));
		for (final Map.Entry<String, String> e : menuPathByClass.entrySet())
			assertTrue(e.getValue() != null && e.getValue().startsWith("Plugins>InnSight>"), e.toString());
	}
}
