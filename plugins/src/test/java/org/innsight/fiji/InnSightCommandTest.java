package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.innsight.image.DerivedImages;
import org.innsight.macro.MacroException;
import org.innsight.macro.Macros;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;

import ij.ImagePlus;

/**
 * The base of every command: image inputs checked, failures as one line. (That a failure stops a macro in Fiji
 * and makes a headless Fiji exit non-zero is checked in the real runtime, by {@link RealRuntimeIT}.)
 */
class InnSightCommandTest {

	@Test
	void everyShippedCommandExtendsInnSightCommand() throws ClassNotFoundException {
		final Context context = new Context(CommandService.class);
		try {
			final List<String> others = new ArrayList<>();
			int commands = 0;
			for (final CommandInfo info : context.service(CommandService.class).getCommands()) {
				if (!info.getDelegateClassName().startsWith("org.innsight.fiji.")) continue;
				commands++;
				if (!InnSightCommand.class.isAssignableFrom(Class.forName(info.getDelegateClassName()))) others.add(info.getDelegateClassName());
			}
			assertTrue(commands >= 13, "InnSight commands found: " + commands);
			// two @Parameter fields of one name (a command's and the base class's) make Fiji skip the command silently
			for (final CommandInfo info : context.service(CommandService.class).getCommands()) {
				if (!info.getDelegateClassName().startsWith("org.innsight.fiji.")) continue;
				final java.util.Set<String> names = new java.util.HashSet<>();
				for (Class<?> c = Class.forName(info.getDelegateClassName()); c != Object.class; c = c.getSuperclass())
					for (final java.lang.reflect.Field f : c.getDeclaredFields())
						if (f.isAnnotationPresent(org.scijava.plugin.Parameter.class)) assertTrue(names.add(f.getName()),
							info.getDelegateClassName() + ": two parameters named " + f.getName());
			}
			assertEquals(List.of(), others, "commands whose failures would not stop a macro in Fiji");
		}
		finally {
			context.dispose();
		}
	}

	/** What Fiji's legacy layer passes for image=[a title no open image has]: an ImagePlus without pixels. */
	@Test
	void anImageWithoutPixelsIsRefusedNamingTheKeyOutsideAMacroTheExceptionIsThrown() throws Exception {
		final DomainTransferCommand command = new DomainTransferCommand();
		final java.lang.reflect.Field image = DomainTransferCommand.class.getDeclaredField("image");
		image.setAccessible(true);
		image.set(command, new ImagePlus());
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, command::run);
		assertTrue(e.getMessage().startsWith("key 'image': no open image has the title given (the image has no pixels) ("), e.getMessage());
		assertEquals("Domain Transfer", command.label());
	}

	@Test
	void floatCopyOfAnImageWithoutPixelsSaysSoInsteadOfStackIsEmpty() {
		final ImagePlus empty = new ImagePlus();
		empty.setTitle("scan.tif");
		assertEquals("image 'scan.tif' has no pixels (is it an open image?)",
			assertThrows(IllegalArgumentException.class, () -> DerivedImages.floatCopy(empty)).getMessage());
	}

	@Test
	void messagesAreOneLineAndBugsAreNamedByTheirClass() {
		assertEquals("model x: no such model, see models/", InnSightCommand.message(new IllegalArgumentException("model x:\n  no such model,\n see models/")));
		assertEquals("cannot read a.h5", InnSightCommand.message(new UncheckedIOException(new java.io.IOException("cannot read a.h5"))));
		assertEquals("NullPointerException", InnSightCommand.message(new NullPointerException()));
	}

	/** InnSight's own macro runner still reports a failing command as FILE:LINE: Label: message. */
	@Test
	void innsightMacroReportsAFailingCommandWithFileAndLine() {
		final MacroException e = assertThrows(MacroException.class, () -> Macros.runner().run("t.ijm",
			"newImage(\"rgb\", \"RGB black\", 4, 4, 1);\nrun(\"Spectral Normalise\", \"image=rgb\");\nprint(\"not reached\");", "").close());
		assertEquals(2, e.line());
		assertTrue(e.getMessage().startsWith("t.ijm:2: Spectral Normalise: image 'rgb' is RGB"), e.getMessage());
	}
}
