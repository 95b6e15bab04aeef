package org.innsight.cli.demo;

import org.innsight.engine.EngineReport;

/** The engine, its GPUs, the chosen device and the installed models: what the rest of the demo ran on. */
final class EngineDemo implements DemoStep {

	@Override
	public String name() {
		return "engine";
	}

	@Override
	public String description() {
		return "Engine, GPUs, chosen device and installed models";
	}

	@Override
	public void run(final DemoContext demo) throws Exception {
		final EngineReport report = EngineReport.create(demo.device(), demo.repo().resolve("models"));
		demo.writeText("engine.txt", "engine report (as `innsight info` prints it)", report + "\n");
		demo.note(report.engineName + " " + report.engineVersion + " on " + report.resolved + "; " + report.models
			.size() + " model(s)");
	}
}
