package org.innsight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the main sources, read from the source text (imports, static imports and fully qualified
 * names in code; comments and string literals do not count):
 * <ul>
 * <li>the front ends are leaves: nothing outside {@code fiji/} uses {@code fiji/}, nothing outside {@code cli/}
 * (with {@code cli/demo/}) uses {@code cli/};</li>
 * <li>the top-level packages under {@code org.innsight} form no cycle;</li>
 * <li>algorithm packages (all but the front ends {@code fiji}, {@code cli}, {@code batch}, {@code macro}) use no
 * SciJava, picocli, progress bar or window (ImageJ's windows, dialogs and {@code WindowManager}, Swing); ImageJ's
 * non-window {@code ij.gui} classes ({@code Plot}, {@code Roi} and its shapes, {@code Overlay}) are data and
 * allowed;</li>
 * <li>no main source file is longer than {@value #MAX_LINES} lines.</li>
 * </ul>
 */
class ArchitectureTest {

	static final int MAX_LINES = 400;

	/** The front ends: they may use anything; algorithm packages may not use them or their libraries. */
	static final Set<String> FRONT_ENDS = Set.of("fiji", "cli", "batch", "macro");

	/** Name of the package of {@code org.innsight}'s own top-level classes ({@code Version}). */
	static final String ROOT = "(org.innsight)";

	/** Libraries only front ends may use: prefixes of fully qualified names. */
	static final List<String> FRONT_END_LIBRARIES = List.of("org.scijava.", "picocli.", "me.tongfei.", "javax.swing.",
		"ij.WindowManager", "ij.plugin.frame.");

	/** The {@code ij.gui} classes an algorithm may use: data, not windows. */
	static final Set<String> IJ_GUI_DATA = Set.of("Plot", "Roi", "Overlay", "OvalRoi", "PolygonRoi", "PointRoi", "ShapeRoi",
		"Line", "TextRoi", "EllipseRoi", "RotatedRectRoi");

	private static final Pattern INNSIGHT = Pattern.compile("(?<![\\w.])org\\.innsight(?:\\.\\w+)*");
	private static final Pattern QUALIFIED = Pattern.compile(
		"(?<![\\w.])(ij\\.gui\\.\\*|(?:org\\.scijava|picocli|me\\.tongfei|javax\\.swing|ij)(?:\\.\\w+)+)");

	/** A main source file: where it is, its top-level package and its code without comments and strings. */
	record Source(String path, String pkg, String code, int lines) {}

	private static final List<Source> SOURCES = new ArrayList<>();

	@BeforeAll
	static void readSources() throws IOException {
		final Path root = mainSources();
		try (Stream<Path> files = Files.walk(root)) {
			for (final Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java")).sorted()::iterator) {
				final String text = Files.readString(f, StandardCharsets.UTF_8);
				final Path rel = root.relativize(f);
				final String pkg = rel.getNameCount() == 1 ? ROOT : rel.getName(0).toString();
				SOURCES.add(new Source(rel.toString().replace('\\', '/'), pkg, code(text), (int) text.lines().count()));
			}
		}
		assertTrue(SOURCES.size() > 100, "found only " + SOURCES.size() + " sources under " + root);
	}

	@Test
	void onlyTheFijiFrontEndUsesFijiAndOnlyTheCommandLineUsesCli() {
		final List<String> problems = new ArrayList<>();
		for (final Source s : SOURCES)
			for (final Map.Entry<String, String> use : uses(s).entrySet())
				if ((use.getKey().equals("fiji") || use.getKey().equals("cli")) && !use.getKey().equals(s.pkg()))
					problems.add(s.path() + " uses " + use.getValue() + " (only " + use.getKey() + "/ may)");
		assertEquals(List.of(), problems, "front ends must be leaves:\n  " + String.join("\n  ", problems));
	}

	@Test
	void topLevelPackagesFormNoCycle() {
		// package -> used package -> one file that uses it (for the message)
		final Map<String, Map<String, String>> graph = new TreeMap<>();
		for (final Source s : SOURCES) {
			graph.computeIfAbsent(s.pkg(), k -> new TreeMap<>());
			for (final Map.Entry<String, String> use : uses(s).entrySet())
				if (!use.getKey().equals(s.pkg())) graph.get(s.pkg()).putIfAbsent(use.getKey(), s.path() + " uses " + use.getValue());
		}
		final List<String> cycles = new ArrayList<>();
		final Set<String> reported = new TreeSet<>();
		for (final String start : graph.keySet()) {
			final List<String> cycle = shortestCycle(graph, start);
			if (cycle == null || !reported.add(new TreeSet<>(cycle).toString())) continue;
			final StringBuilder b = new StringBuilder(String.join(" -> ", cycle) + " -> " + cycle.get(0));
			for (int i = 0; i < cycle.size(); i++)
				b.append("\n      ").append(graph.get(cycle.get(i)).get(cycle.get((i + 1) % cycle.size())));
			cycles.add(b.toString());
		}
		if (!cycles.isEmpty()) fail("package cycles:\n  " + String.join("\n  ", cycles));
	}

	@Test
	void algorithmPackagesUseNoFrontEndLibraryAndNoWindow() {
		final List<String> problems = new ArrayList<>();
		for (final Source s : SOURCES) {
			if (FRONT_ENDS.contains(s.pkg())) continue;
			for (final String name : frontEndUses(s))
				problems.add(s.path() + " uses " + name);
		}
		assertEquals(List.of(), problems, "algorithm packages must not use front-end libraries or windows (only " + FRONT_ENDS +
			" may):\n  " + String.join("\n  ", problems));
	}

	@Test
	void noMainSourceFileIsLongerThanTheLimit() {
		final List<String> problems = new ArrayList<>();
		for (final Source s : SOURCES)
			if (s.lines() > MAX_LINES) problems.add(s.path() + ": " + s.lines() + " lines");
		assertEquals(List.of(), problems, "main source files over " + MAX_LINES + " lines:\n  " + String.join("\n  ", problems));
	}

	@Test
	void theReaderSeesCodeNotCommentsOrStrings() {
		final Source s = new Source("X.java", "posterior", code("""
			import org.innsight.image.Axes;
			import static org.innsight.io.TableFiles.write;
			/** {@link org.innsight.fiji.ResultImages} */
			// org.innsight.cli.InnSightCli
			class X { String s = "see org.innsight.ood.OodSets"; Object o = new org.innsight.optics.Camera(); org.innsight.Version v; }
			"""), 5);
		assertEquals(Set.of("image", "io", "optics", ROOT), uses(s).keySet());
	}

	@Test
	void windowsAndFrontEndLibrariesAreFoundButImageJsDataClassesAreNot() {
		final Source s = new Source("X.java", "posterior", code("""
			import ij.ImagePlus;
			import ij.gui.Plot;
			import ij.gui.Roi;
			import ij.gui.*;
			import org.scijava.plugin.Parameter;
			class X { ij.gui.GenericDialog d; ij.WindowManager w; String s = "picocli.CommandLine"; }
			"""), 6);
		assertEquals(List.of("ij.gui.*", "org.scijava.plugin.Parameter", "ij.gui.GenericDialog", "ij.WindowManager"), frontEndUses(s));
	}

	/** Top-level package -> the first fully qualified name in {@code s} that uses it. */
	static Map<String, String> uses(final Source s) {
		final Map<String, String> out = new TreeMap<>();
		final Matcher m = INNSIGHT.matcher(s.code());
		while (m.find()) {
			final String[] parts = m.group().split("\\.");
			if (parts.length < 3) continue; // package org.innsight;
			out.putIfAbsent(Character.isUpperCase(parts[2].charAt(0)) ? ROOT : parts[2], m.group());
		}
		return out;
	}

	/** The names in {@code s} of classes of front-end libraries and windows. */
	static List<String> frontEndUses(final Source s) {
		final List<String> out = new ArrayList<>();
		final Matcher m = QUALIFIED.matcher(s.code());
		while (m.find()) {
			final String name = m.group(1);
			final boolean window = name.startsWith("ij.gui.") && !IJ_GUI_DATA.contains(name.substring("ij.gui.".length()).split("\\.")[0]);
			if (window || FRONT_END_LIBRARIES.stream().anyMatch(name::startsWith)) out.add(name);
		}
		return out;
	}

	/** The shortest path from {@code start} back to it, as the list of packages on it, or null. */
	static List<String> shortestCycle(final Map<String, Map<String, String>> graph, final String start) {
		final Map<String, String> previous = new TreeMap<>();
		final List<String> queue = new ArrayList<>(List.of(start));
		for (int i = 0; i < queue.size(); i++) {
			final String p = queue.get(i);
			for (final String next : graph.getOrDefault(p, Map.of()).keySet()) {
				if (next.equals(start)) {
					final List<String> path = new ArrayList<>();
					for (String q = p; q != null; q = previous.get(q))
						path.add(0, q);
					return path;
				}
				if (!previous.containsKey(next) && graph.containsKey(next)) {
					previous.put(next, p);
					queue.add(next);
				}
			}
		}
		return null;
	}

	/** The source without comments, string and character literals and text blocks (each replaced by a space). */
	static String code(final String source) {
		final StringBuilder b = new StringBuilder(source.length());
		int i = 0;
		while (i < source.length()) {
			final char c = source.charAt(i);
			if (source.startsWith("/*", i)) {
				final int end = source.indexOf("*/", i + 2);
				i = end < 0 ? source.length() : end + 2;
				b.append(' ');
			}
			else if (source.startsWith("//", i)) {
				final int end = source.indexOf('\n', i);
				i = end < 0 ? source.length() : end;
			}
			else if (source.startsWith("\"\"\"", i)) {
				final int end = source.indexOf("\"\"\"", i + 3);
				i = end < 0 ? source.length() : end + 3;
				b.append(' ');
			}
			else if (c == '"' || c == '\'') {
				int j = i + 1;
				while (j < source.length() && source.charAt(j) != c && source.charAt(j) != '\n')
					j += source.charAt(j) == '\\' ? 2 : 1;
				i = j + 1;
				b.append(' ');
			}
			else {
				b.append(c);
				i++;
			}
		}
		return b.toString();
	}

	/** {@code src/main/java/org/innsight} of the plugins module, from the module or the repository root. */
	private static Path mainSources() {
		for (final String candidate : List.of("src/main/java/org/innsight", "plugins/src/main/java/org/innsight")) {
			final Path p = Paths.get(candidate).toAbsolutePath();
			if (Files.isDirectory(p)) return p;
		}
		throw new AssertionError("main sources not found from " + Paths.get("").toAbsolutePath());
	}
}
