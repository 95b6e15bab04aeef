package org.innsight.macro;

import ij.Macro;
import ij.plugin.PlugIn;

/**
 * The ImageJ1 plugin behind every InnSight entry in the bridge's ImageJ1 command table: ImageJ1 runs it with
 * the SciJava command's class name as argument (table value {@code CommandPlugIn("org.innsight...Command")}),
 * and it hands the macro's options to the {@link MacroBridge}. Public because ImageJ1 instantiates it by name.
 */
public final class CommandPlugIn implements PlugIn {

	@Override
	public void run(final String commandClass) {
		MacroBridge.active().runFromMacro(commandClass, Macro.getOptions());
	}
}
