package org.innsight.cli;

import java.util.concurrent.Callable;

import org.innsight.Version;
import org.innsight.engine.Engines;
import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelCatalog;

import ai.djl.engine.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code innsight info}: engine, device and models found. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show the engine, the chosen device and the models found.")
final class InfoCommand implements Callable<Integer> {

	@ParentCommand
	InnSightCli root;

	@Override
	public Integer call() throws java.io.IOException {
		final Engine engine = Engines.pytorch();
		System.out.println("InnSight " + Version.get());
		System.out.println("engine:  " + engine.getEngineName() + " " + engine.getVersion());
		System.out.println("GPUs:    " + engine.getGpuCount());
		System.out.println("device:  " + root.device() + " -> " + Engines.resolve(root.device()));
		final ModelCatalog catalog = ModelCatalog.standard();
		final java.util.List<ModelCatalog.Entry> models = catalog.list();
		System.out.println("models:  " + models.size() + " in " + catalog.root().toAbsolutePath().normalize());
		for (final ModelCatalog.Entry e : models) {
			if (!e.ok()) {
				System.out.println("  " + e.dir.getFileName() + "  BROKEN: " + e.problem);
				continue;
			}
			final ModelCard c = e.model.card();
			System.out.println("  " + e.dir.getFileName() + "  " + c.kind + " v" + c.version + "  in: " + c.inputs.names.size() +
				" out: " + c.outputs.stream().map(o -> o.name).collect(java.util.stream.Collectors.joining(",")));
		}
		return 0;
	}
}
