package org.innsight.cli;

import java.io.PrintWriter;

import org.innsight.engine.Device;
import org.innsight.request.Outputs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand may ask of the {@code innsight} command line it runs in: the root options
 * ({@code --device}, {@code --threads}, given before or after the subcommand) and picocli's writers, which tests
 * and the macro bridge redirect. A subcommand declares {@code @Mixin GlobalOptions cli;} and calls
 * {@code cli.device()}, {@code cli.out().println(...)}.
 */
@Command // picocli accepts a mixin with only a @Spec field when the class is annotated
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

	/**
	 * A capability's warnings and notes, one line each on standard error: {@code innsight posterior: warning: ...},
	 * {@code innsight posterior: note: ...}.
	 */
	public void report(final Outputs outputs) {
		for (final String w : outputs.warnings()) err().println(mixee.qualifiedName() + ": warning: " + w);
		for (final String n : outputs.notes()) err().println(mixee.qualifiedName() + ": note: " + n);
		err().flush();
	}

	/** The subcommand's spec (for its name in messages, and {@link CliCommands#commandLine}). */
	public CommandSpec spec() {
		return mixee;
	}
}
