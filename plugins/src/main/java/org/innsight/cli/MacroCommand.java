package org.innsight.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.innsight.macro.MacroRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code innsight macro FILE.ijm [ARG]}: runs an ImageJ macro headless, InnSight's commands included. */
@Command(name = "macro", mixinStandardHelpOptions = true,
	description = { "Run an ImageJ macro headless, without Fiji. Inside it, run(\"<InnSight command>\", \"key=value ...\") " +
		"runs InnSight's commands as in Fiji, and print() writes to standard output.",
		"ImageJ menu commands that open a dialog need Fiji (fiji --headless -macro FILE.ijm ARG)." })
final class MacroCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Parameters(index = "0", paramLabel = "FILE.ijm", description = "The macro file.")
	Path file;

	@Parameters(index = "1", arity = "0..1", paramLabel = "ARG", description = "What getArgument() returns inside the macro.")
	String argument = "";

	@Override
	public Integer call() throws Exception {
		if (!Files.isRegularFile(file)) throw new IllegalArgumentException("macro file not found: " + file);
		// the macro's log goes to standard output as it runs; images it leaves open are closed
		new MacroRunner().echo(cli.out()).run(file, argument).close();
		return 0;
	}
}
