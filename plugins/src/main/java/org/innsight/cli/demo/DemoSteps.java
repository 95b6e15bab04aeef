package org.innsight.cli.demo;

import java.util.List;

/** The demo's steps, in the order they run. Each capability adds its step here: one line. */
public final class DemoSteps {

	private DemoSteps() {}

	public static List<DemoStep> all() {
		return List.of( //
			new EngineStep(), //
			new NormaliseMacroStep(), //
			new SampleSpectraStep(), //
			new DalsaStep(), //
			new PosteriorStep(), //
			new OodStep(), //
			new TransferStep(), //
			new MwsStep(), //
			new BatchStep() //
		);
	}
}
