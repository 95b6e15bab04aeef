package org.innsight.cli;

import java.util.concurrent.Callable;

import org.innsight.Version;
import org.innsight.engine.Engines;

import ai.djl.engine.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code innsight info}: engine, device and models found. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show the engine, the chosen device and the models found.")
final class InfoCommand implements Callable<Integer> {

	@ParentCommand
	InnSightCli root;

	@Override
	public Integer call() {
		final Engine engine = Engines.pytorch();
		System.out.println("InnSight " + Version.get());
		System.out.println("engine:  " + engine.getEngineName() + " " + engine.getVersion());
		System.out.println("GPUs:    " + engine.getGpuCount());
		System.out.println("device:  " + root.device() + " -> " + Engines.resolve(root.device()));
		return 0;
	}
}
