package org.innsight.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Small things several subcommands share. */
final class CliCommands {

	private CliCommands() {}

	/** The command line as typed, "innsight ARGS" with shell quoting where needed: for model cards (provenance). */
	static String commandLine(final CommandSpec spec) {
		final StringBuilder b = new StringBuilder("innsight");
		final CommandLine.ParseResult parsed = spec.root().commandLine().getParseResult();
		if (parsed != null) for (final String a : parsed.originalArgs()) b.append(' ').append(quote(a));
		return b.toString();
	}

	static String quote(final String a) {
		if (!a.isEmpty() && a.matches("[A-Za-z0-9_./:=,+@%-]+")) return a;
		return "'" + a.replace("'", "'\\''") + "'";
	}
}
