package org.innsight.cli;

import picocli.CommandLine.Command;

/** {@code innsight bench ...}: speed and memory figures, one subcommand per capability. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed and memory (prints figures).",
	subcommands = { // one per line, so branches adding a benchmark merge cleanly
		BenchTilingCommand.class,
		BenchOpticsCommand.class,
		BatchBenchCommand.class,
		BenchDalsaCommand.class,
		BenchPosteriorCommand.class,
		BenchInnCommand.class,
		BenchMwsCommand.class,
		BenchMemoryCommand.class,
		BenchStreamCommand.class,
	})
final class BenchCommand {
}
