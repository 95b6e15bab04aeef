package org.innsight.cli;

import java.io.PrintWriter;

import org.innsight.engine.Device;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand may ask of the {@code innsight} command line it runs in: the root options
 * ({@code --device}, {@code --threads}, given before or after the subcommand) and picocli's writers, which tests
 * and the macro bridge redirect. A subcommand declares {@code @Mixin GlobalOptions cli;} and calls
 * {@code cli.device()}, {@code cli.out().println(...)}.
 */
@Command // picocli takes a class as a mixin only if it has a picocli annotation; @Spec(MIXEE) alone is not one
public final class GlobalOptions {

	@Spec(Spec.Target.MIXEE)
	CommandSpec mixee;

	private InnSightCli root() {
		final Object root = mixee.root().userObject();
		if (root instanceof InnSightCli cli) return cli;
		return new InnSightCli(); // a subcommand run on its own (tests): the root's defaults
	}

	/** {@code --device}: where networks run. */
	public Device device() {
		return root().device();
	}

	/** {@code --threads}, with 0 (the default) as all cores. */
	public int threads() {
		return root().threads();
	}

	/** Standard output of this command line (results, summaries). */
	public PrintWriter out() {
		return mixee.commandLine().getOut();
	}

	/** Standard error of this command line (warnings, notes). */
	public PrintWriter err() {
		return mixee.commandLine().getErr();
	}

	/** The subcommand's spec (for its name in messages, and {@link CliCommands#commandLine}). */
	public CommandSpec spec() {
		return mixee;
	}
}
