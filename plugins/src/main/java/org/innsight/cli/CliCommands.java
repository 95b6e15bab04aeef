package org.innsight.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Small things several subcommands share. */
final class CliCommands {

	private CliCommands() {}

	/** The command line as typed, "innsight ARGS" with shell quoting where needed: for model cards (provenance). */
	static String commandLine(final CommandSpec spec) {
		final CommandLine.ParseResult parsed = spec.root().commandLine().getParseResult();
		return commandLine(parsed == null ? java.util.List.of() : parsed.originalArgs());
	}

	/** "innsight ARGS" with shell quoting where needed, so a user can retype it. */
	static String commandLine(final java.util.List<String> args) {
		final StringBuilder b = new StringBuilder("innsight");
		for (final String a : args) b.append(' ').append(quote(a));
		return b.toString();
	}

	static String quote(final String a) {
		if (!a.isEmpty() && a.matches("[A-Za-z0-9_./:=,+@%-]+")) return a;
		return "'" + a.replace("'", "'\\''") + "'";
	}
}
