package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

import ij.ImagePlus;

/** The conventions every InnSight command keeps so macros can drive it, in Fiji and headless. */
class CommandConventionsTest {

	private static List<CommandInfo> innSightCommands(final Context context) {
		final List<CommandInfo> list = new ArrayList<>();
		for (final CommandInfo info : context.service(CommandService.class).getCommands())
			if (info.getMenuPath() != null && info.getMenuPath().getMenuString().startsWith("Plugins > InnSight >")) list
				.add(info);
		return list;
	}

	@Test
	void macroKeysAreSnakeCaseResultImagesAreNotOutputsAndNoKeyHidesInAnother() {
		final Context context = new Context(CommandService.class);
		try {
			final List<CommandInfo> commands = innSightCommands(context);
			assertTrue(commands.size() >= 2, "InnSight commands found: " + commands);
			for (final CommandInfo info : commands) {
				final List<String> keys = new ArrayList<>();
				for (final ModuleItem<?> in : info.inputs()) {
					if (Service.class.isAssignableFrom(in.getType()) || Context.class.isAssignableFrom(in.getType())) continue;
					// Fiji looks a macro key up by field name, and ImageJ1 records keys in lower case
					assertTrue(in.getName().matches("[a-z][a-z0-9_]*"), info.getDelegateClassName() + ": parameter '" +
						in.getName() + "' is not lower snake_case");
					keys.add(in.getName());
				}
				// Macro.getValue finds "image=" inside "mask_image=": such a pair would read the wrong value
				for (final String a : keys)
					for (final String b : keys)
						assertFalse(!a.equals(b) && b.endsWith(a) && !Character.isLetter(b.charAt(b.length() - a.length() - 1)),
							info.getDelegateClassName() + ": key '" + a + "' is also the end of key '" + b + "'");
				// shown by the command itself (ResultImages); as an output too it would appear twice in Fiji
				for (final ModuleItem<?> out : info.outputs())
					assertFalse(ImagePlus.class.isAssignableFrom(out.getType()), info.getDelegateClassName() +
						": result image '" + out.getName() + "' is declared as an output; show it with ResultImages");
			}
		}
		finally {
			context.dispose();
		}
	}

	/** The README's macro table has a row per shipped command (by menu label) naming each of its keys as {@code `key`}. */
	@Test
	void theReadmeMacroTableExplainsEveryKeyOfEveryCommand() throws java.io.IOException {
		final String whole = java.nio.file.Files.readString(org.innsight.macro.Macros.repo().resolve("README.md"));
		final int table = whole.indexOf("| command | keys");
		assertTrue(table >= 0, "README.md has no macro table (\"| command | keys ...\")");
		final String readme = whole.substring(table);
		final Context context = new Context(CommandService.class);
		try {
			for (final CommandInfo info : innSightCommands(context)) {
				if (!info.getDelegateClassName().startsWith("org.innsight.fiji.")) continue; // test commands
				final String label = info.getMenuPath().getLeaf().getName();
				final String row = readme.lines().filter(l -> l.startsWith("| " + label + " |")).findFirst().orElse(null);
				assertTrue(row != null, "README.md: the macro table has no row \"| " + label + " | ...\"");
				for (final ModuleItem<?> in : info.inputs()) {
					// a message (the dialog's header) is no key
					if (Service.class.isAssignableFrom(in.getType()) || Context.class.isAssignableFrom(in.getType()) ||
						in.getVisibility() == org.scijava.ItemVisibility.MESSAGE) continue;
					assertTrue(row.contains("`" + in.getName() + "`"), "README.md: the row of " + label + " does not explain key `" + in.getName() + "`");
				}
			}
		}
		finally {
			context.dispose();
		}
	}
}
