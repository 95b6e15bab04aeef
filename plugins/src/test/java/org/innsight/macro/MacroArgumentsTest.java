package org.innsight.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

/**
 * The macros in {@code macros/} run unchanged in Fiji, where there is no InnSight checkout: they take their inputs
 * from the argument ({@code key=[value]} pairs) or the open image, and nothing else. (Each macro's own test, declared
 * with {@link RunsMacros}, checks what it computes.)
 */
class MacroArgumentsTest {

	private static List<Path> shipped() throws Exception {
		try (Stream<Path> files = Files.list(Macros.folder())) {
			return files.filter(p -> p.toString().endsWith(".ijm")).sorted().toList();
		}
	}

	@Test
	void noMacroLooksForTheRepositoryOrAFolderOfItsOwn() throws Exception {
		for (final Path macro : shipped()) {
			final String source = Files.readString(macro);
			// in ImageJ2 an unset property reads as "0" through call(), so a default built on it points nowhere
			for (final String forbidden : List.of("innsight.repo", "getProperty", "getDirectory(", "getInfo(\"user.dir\")", "sample-data\""))
				assertFalse(source.contains(forbidden), macro.getFileName() + " uses " + forbidden);
		}
	}

	/** Tissue Posterior Estimation's check boxes, one per statistic; a call may give statistics=[...] instead. */
	private static final java.util.Set<String> STATISTIC_BOXES = java.util.Set.of("median", "mean", "iqr", "modes", "sd", "q05", "q25", "q75", "q95");

	/**
	 * In Fiji a key left out of {@code run("Command", "...")} takes the value last used in that command's dialog (the
	 * bridge takes the default), so a macro gives every remembered key of every InnSight command it runs: then it does
	 * the same in every Fiji, whatever ran before it. Checkboxes are given as key=true or key=false. (InnSight commands
	 * now give omitted keys their defaults in Fiji too; the rule stays, so shipped macros also run in older releases.)
	 */
	@Test
	void everyInnSightCommandCallGivesEveryRememberedKeyAndNoBareCheckbox() throws Exception {
		final Map<String, List<String>> keys = new HashMap<>(), flags = new HashMap<>();
		final Context context = new Context(CommandService.class);
		try {
			for (final CommandInfo c : context.service(CommandService.class).getCommands()) {
				if (!c.getClassName().startsWith("org.innsight.") || c.getMenuPath() == null || c.getMenuPath().isEmpty()) continue;
				final List<String> remembered = new ArrayList<>(), checkboxes = new ArrayList<>();
				for (final ModuleItem<?> item : c.inputs()) {
					if (item.isPersisted() && item.getVisibility() != ItemVisibility.MESSAGE && !Service.class.isAssignableFrom(item.getType()) &&
						!org.scijava.Context.class.isAssignableFrom(item.getType()))
						remembered.add(item.getName());
					if (item.getType() == boolean.class || item.getType() == Boolean.class) checkboxes.add(item.getName());
				}
				keys.put(c.getMenuPath().getLeaf().getName(), remembered);
				flags.put(c.getMenuPath().getLeaf().getName(), checkboxes);
			}
		}
		finally {
			context.dispose();
		}
		assertTrue(keys.getOrDefault("Tissue Posterior Estimation", List.of()).contains("tile_size"), "commands found: " + keys);
		final Pattern call = Pattern.compile("run\\(\"([^\"]+)\",(.*?)\\);\\n", Pattern.DOTALL);
		int calls = 0;
		for (final Path macro : shipped()) {
			final Matcher m = call.matcher(Files.readString(macro));
			while (m.find()) {
				final List<String> wanted = keys.get(m.group(1));
				if (wanted == null) continue; // one of ImageJ's own commands
				calls++;
				for (final String key : wanted) {
					// statistics=[...] (the key before the check boxes) stands for the statistic check boxes
					if (STATISTIC_BOXES.contains(key) && Pattern.compile("[\\s\"\\[]statistics=").matcher(m.group(2)).find()) continue;
					assertTrue(Pattern.compile("[\\s\"\\[]" + key + "(=|[\\s\"])").matcher(m.group(2)).find(),
						macro.getFileName() + ": run(\"" + m.group(1) + "\", ...) does not give " + key);
				}
				// a bare checkbox key means true to the bridge and to ImageJ 1 dialogs, but imagej-legacy 2.0.3 does not
				// read it for SciJava commands (seen in ../shared/imagej2: start_new and probability_maps were false)
				for (final String flag : flags.get(m.group(1)))
					assertFalse(Pattern.compile("[\\s\"\\[]" + flag + "([\\s\"]|$)").matcher(m.group(2)).find(),
						macro.getFileName() + ": run(\"" + m.group(1) + "\", ...) gives the checkbox " + flag + " bare: write " + flag + "=true");
			}
		}
		assertTrue(calls >= 15, "InnSight command calls found in the macros: " + calls);
	}

	@Test
	void withoutAnArgumentEveryMacroStopsWithItsUsage() throws Exception {
		for (final Path macro : shipped()) {
			final String name = macro.getFileName().toString();
			try (MacroResult r = Macros.runner().run(macro, "")) {
				assertTrue(r.log().contains("usage: " + name + " "), name + " printed: " + r.log());
			}
		}
	}

	@Test
	void aMissingImageFileIsOneLineNamingIt(@TempDir final Path out) throws Exception {
		final Path missing = out.resolve("no scan.tif");
		for (final String name : List.of("ood.ijm", "posterior.ijm", "unmix.ijm")) {
			try (MacroResult r = Macros.run(name, "image=[" + missing + "] out=[" + out.resolve("o") + "]")) {
				assertTrue(r.log().contains(name + ": image=[" + missing + "]: no such file"), name + " printed: " + r.log());
			}
			assertFalse(Files.exists(out.resolve("o")), name + " made its output folder before it had an input");
		}
	}

	@Test
	void anOutputFolderThatCannotBeMadeIsOneLineNamingIt(@TempDir final Path tmp) throws Exception {
		final Path out = tmp.resolve("no such parent").resolve("out");
		try (MacroResult r = Macros.run("mws.ijm", "out=[" + out + "]")) {
			assertTrue(r.log().contains("mws.ijm: cannot make the output folder out=[" + out + "] (does its parent folder exist?)"), r.log());
		}
	}

	@Test
	void aBareFolderIsTheOutputFolderAsBefore(@TempDir final Path out) throws Exception {
		try (MacroResult r = Macros.run("info_and_normalise.ijm", out.toString())) {
			assertTrue(r.log().contains("wrote " + out.resolve("spectrum_normalised.tif")), r.log());
		}
		assertEquals(List.of("spectrum_normalised.tif"), Files.list(out).map(p -> p.getFileName().toString()).toList());
	}
}
