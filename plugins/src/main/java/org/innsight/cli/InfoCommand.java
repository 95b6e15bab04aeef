package org.innsight.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.innsight.engine.EngineReport;
import org.innsight.engine.ModelLookup;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight info}: engine, GPUs, the chosen device and the models found. */
@Command(name = "info", mixinStandardHelpOptions = true,
	description = "Show the engine, its GPUs, the device --device resolves to, and the models found.")
final class InfoCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--models", paramLabel = "DIR",
		description = "Report on this folder of model folders only (default: every model the lookup finds, with where it came from: "
			+ "-Dinnsight.models, the Fiji/ImageJ app's models/, the checkout's models/, the class path).")
	Path models;

	@Override
	public Integer call() {
		final EngineReport report = models != null ? EngineReport.create(cli.device(), models)
			: EngineReport.create(cli.device(), ModelLookup.standard());
		for (final String line : report.lines())
			cli.out().println(line);
		return 0;
	}
}
