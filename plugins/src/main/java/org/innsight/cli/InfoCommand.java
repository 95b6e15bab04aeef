package org.innsight.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.innsight.engine.EngineReport;

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
		description = "Folder of model folders (default: models/ of the InnSight checkout, or -Dinnsight.models).")
	Path models;

	@Override
	public Integer call() {
		final EngineReport report = EngineReport.create(cli.device(), models != null ? models : EngineReport
			.defaultModelsFolder());
		for (final String line : report.lines())
			cli.out().println(line);
		return 0;
	}
}
