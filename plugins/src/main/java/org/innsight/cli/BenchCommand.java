package org.innsight.cli;

import picocli.CommandLine.Command;

/** {@code innsight bench ...}: speed and memory figures, one subcommand per capability. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed and memory (prints figures).",
	subcommands = { BenchTilingCommand.class, BenchOpticsCommand.class, BenchDalsaCommand.class })
final class BenchCommand {
}
