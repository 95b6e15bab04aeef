package org.innsight.macro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Test helpers for the macros in {@code macros/}: where they are, and running one through the headless bridge.
 * A test that runs a macro also declares it with {@link RunsMacros}.
 */
public final class Macros {

	private static MacroRunner runner;

	private Macros() {}

	/** The InnSight checkout: the {@code innsight.repo} property (set by Maven), else a parent holding macros/. */
	public static Path repo() {
		final String repo = System.getProperty("innsight.repo");
		if (repo != null) return Paths.get(repo).toAbsolutePath().normalize();
		for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent())
			if (Files.isDirectory(p.resolve("macros")) && Files.isRegularFile(p.resolve("pom.xml"))) return p;
		throw new IllegalStateException("cannot find the InnSight checkout; set -Dinnsight.repo=...");
	}

	/** The folder of shipped macros. */
	public static Path folder() {
		return repo().resolve("macros");
	}

	/** {@code macros/NAME}, which must exist. */
	public static Path file(final String name) {
		final Path p = folder().resolve(name);
		if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no macro " + p);
		return p;
	}

	/** One runner for all tests: its SciJava context is made once. */
	public static synchronized MacroRunner runner() {
		if (runner == null) runner = new MacroRunner();
		return runner;
	}

	/** Runs {@code macros/NAME} with {@code argument} (e.g. an output folder); close the result when done. */
	public static MacroResult run(final String name, final String argument) throws IOException, MacroException {
		return runner().run(file(name), argument);
	}
}
