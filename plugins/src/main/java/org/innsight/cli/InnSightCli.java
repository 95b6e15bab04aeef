package org.innsight.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;

import org.innsight.Version;
import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.io.FileProblems;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code innsight} command line: every capability as a subcommand over the same facades the Fiji
 * commands use. Errors end with a non-zero exit code and a one-line reason; {@code --stacktrace} shows more.
 */
@Command(name = "innsight", mixinStandardHelpOptions = true, versionProvider = InnSightCli.VersionProvider.class,
	description = "Uncertainty-aware medical image analysis: tissue posteriors, OOD detection, domain transfer, " +
		"DALSA segmentation and Mutex Watershed.",
	subcommands = { // one per line, so branches adding a subcommand merge cleanly
		InfoCommand.class,
		DemoCommand.class,
		MacroCommand.class,
		BenchCommand.class,
		SimulateCommand.class,
		SimulateImageCommand.class,
		BatchCommand.class,
		DalsaCommand.class,
		PosteriorCommand.class,
		ValidateCommand.class,
		TrainPosteriorCommand.class,
		MwsCommand.class,
		TrainOodCommand.class,
		OodCommand.class,
		ValidateOodCommand.class,
		SimulateOodCommand.class,
		TrainTransferCommand.class,
		TransferCommand.class,
		ValidateTransferCommand.class,
		ModelRangeCommand.class,
		OodCalibrateCommand.class,
		MeasureCommand.class,
		UnmixCommand.class,
		ValidateUnmixingCommand.class,
	})
public final class InnSightCli implements Callable<Integer> {

	@Option(names = "--device", scope = ScopeType.INHERIT, paramLabel = "auto|cpu|gpu[:N]", defaultValue = "auto",
		description = "Device for networks: auto (first GPU if present, else CPU), cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
	String device;

	@Option(names = "--threads", scope = ScopeType.INHERIT, paramLabel = "N", defaultValue = "0",
		description = "CPU threads for the engine and for parallel work; 0 = all cores (default: ${DEFAULT-VALUE}).")
	int threads;

	@Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "On error, print the full stack trace.")
	boolean stacktrace;

	/** The device the user chose; a bad value is reported as a usage error. */
	public Device device() {
		return Device.parse(device);
	}

	public int threads() {
		return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
	}

	/** The InnSight checkout: {@code innsight.repo} (set by the launcher), else the working directory. */
	public static Path repo() {
		final String repo = System.getProperty("innsight.repo");
		return (repo == null || repo.isEmpty() ? Paths.get("") : Paths.get(repo)).toAbsolutePath().normalize();
	}

	/** {@code innsight} alone: the usage, as a usage error. */
	@Override
	public Integer call() {
		final CommandLine cli = new CommandLine(this);
		cli.usage(cli.getErr());
		return 2;
	}

	public static void main(final String... args) {
		// The CLI never opens a window; headless also keeps ImageJ1 from trying to show dialogs.
		if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
		// DJL logs through SLF4J; without a binding SLF4J prints a three-line warning on every run.
		if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity",
			"ERROR");
		System.exit(run(args));
	}

	/** Runs the CLI and returns its exit code (0 = success); for tests and the macro bridge. */
	public static int run(final String... args) {
		final InnSightCli root = new InnSightCli();
		final CommandLine cli = new CommandLine(root);
		cli.setDefaultValueProvider(new SettingOptions()); // capability settings' defaults, defined once in their requests
		cli.setExecutionStrategy(parsed -> {
			if (root.threads < 0) throw new CommandLine.ParameterException(cli, "--threads must be >= 0");
			try {
				root.device();
			}
			catch (final IllegalArgumentException e) {
				throw new CommandLine.ParameterException(cli, e.getMessage());
			}
			if (root.threads > 0) Engines.setThreads(root.threads);
			return new CommandLine.RunLast().execute(parsed);
		});
		cli.setParameterExceptionHandler((e, ignoredArgs) -> {
			final CommandLine commandLine = e.getCommandLine();
			final String name = commandLine.getCommandSpec().qualifiedName();
			commandLine.getErr().println(name + ": error: " + oneLine(e) + " (see " + name + " --help)");
			commandLine.getErr().flush();
			return commandLine.getCommandSpec().exitCodeOnInvalidInput();
		});
		cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
			final PrintWriter err = commandLine.getErr();
			err.println(commandLine.getCommandSpec().qualifiedName() + ": error: " + oneLine(e));
			if (root.stacktrace) e.printStackTrace(err);
			err.flush();
			return 1;
		});
		return cli.execute(args);
	}

	/** The message of the innermost useful cause, on one line. */
	static String oneLine(final Throwable e) {
		Throwable t = e;
		while (t.getMessage() == null && t.getCause() != null) t = t.getCause();
		final String described = FileProblems.describe(t); // e.g. "/proc/x: no such file or folder" for a bare path
		final String m = described != null ? described : t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
		return m.replace('\n', ' ').replace('\r', ' ');
	}

	static final class VersionProvider implements IVersionProvider {
		@Override
		public String[] getVersion() {
			return new String[] { "InnSight " + Version.get(), "Java " + System.getProperty("java.version") };
		}
	}
}
