package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * Every subcommand's {@code --help} renders: exit code 0, the usage on standard output and nothing on standard
 * error. Picocli formats descriptions with {@code String.format}, so a bare {@code %} ("95% TPR") makes it print a
 * warning ("[picocli WARN] Could not format ...") and show the text unformatted; a bad {@code ${...}} or format
 * fails outright. This walks the whole command tree, so a new subcommand is checked without being listed here.
 */
class UsageHelpTest {

	@Test
	void everySubcommandsHelpRendersWithoutWarnings() {
		final List<String> problems = new ArrayList<>();
		final List<List<String>> commands = new ArrayList<>();
		walk(new CommandLine(new InnSightCli()), new ArrayList<>(), commands);
		assertTrue(commands.size() > 20, "found only " + commands.size() + " commands");
		for (final List<String> path : commands) {
			final List<String> args = new ArrayList<>(path);
			args.add("--help");
			final CliRun run = CliRun.of(args.toArray(String[]::new));
			final String name = String.join(" ", List.of("innsight", String.join(" ", path))).trim();
			if (run.exit() != 0) problems.add(name + " --help: exit code " + run.exit() + ": " + run.err().strip());
			else if (!run.err().isEmpty()) problems.add(name + " --help wrote to standard error: " + run.err().strip());
			else if (!run.out().startsWith("Usage: " + name)) problems.add(name + " --help printed no usage: " + run.out().lines().findFirst().orElse(""));
		}
		assertEquals(List.of(), problems, String.join("\n", problems));
	}

	/** The argument paths of every command under {@code c} (the root as the empty path), in tree order. */
	private static void walk(final CommandLine c, final List<String> path, final List<List<String>> out) {
		out.add(List.copyOf(path));
		for (final Map.Entry<String, CommandLine> sub : c.getSubcommands().entrySet()) {
			if (!sub.getKey().equals(sub.getValue().getCommandName())) continue; // an alias: the same command again
			final List<String> next = new ArrayList<>(path);
			next.add(sub.getKey());
			walk(sub.getValue(), next, out);
		}
	}
}
