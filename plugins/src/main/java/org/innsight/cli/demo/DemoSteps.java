package org.innsight.cli.demo;

import java.util.List;

/** The demo's steps, in the order they run. Each capability adds its step here: one line. */
public final class DemoSteps {

	private DemoSteps() {}

	public static List<DemoStep> all() {
		return List.of( //
			new EngineDemo(), //
			new NormaliseMacroDemo(), //
			new SampleSpectraDemo(), //
			new DalsaDemo(), //
			new PosteriorDemo(), //
			new OodDemo(), //
			new TransferDemo(), //
			new MwsDemo(), //
			new BatchDemo() //
		);
	}
}
