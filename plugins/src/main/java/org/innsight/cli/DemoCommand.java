package org.innsight.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.innsight.cli.demo.DemoRun;
import org.innsight.cli.demo.DemoStep;
import org.innsight.cli.demo.DemoSteps;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight demo}: every capability on the bundled sample data; outputs and an index in a results folder. */
@Command(name = "demo", mixinStandardHelpOptions = true,
	description = { "Run every capability on the bundled sample data and write the outputs, previews and an index " +
		"(README.md) into a results folder.", "A step whose sample data is missing is skipped; a failed step does not " +
		"stop the others, but makes the exit code 1." })
final class DemoCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--out", paramLabel = "DIR", defaultValue = "results",
		description = "Results folder (default: ${DEFAULT-VALUE}).")
	Path out;

	@Option(names = "--samples", paramLabel = "DIR",
		description = "Sample-data folder (default: sample-data/ of the InnSight checkout).")
	Path samples;

	@Option(names = "--steps", paramLabel = "NAME", split = ",",
		description = "Run only these steps (comma-separated); all by default.")
	List<String> only;

	@Override
	public Integer call() throws Exception {
		final Path repo = InnSightCli.repo();
		final List<DemoStep> steps = new ArrayList<>();
		final List<String> names = new ArrayList<>();
		for (final DemoStep s : DemoSteps.all()) {
			names.add(s.name());
			if (only == null || only.contains(s.name())) steps.add(s);
		}
		if (only != null) for (final String n : only)
			if (!names.contains(n)) throw new IllegalArgumentException("unknown demo step '" + n + "'; steps: " + String
				.join(", ", names));
		final Path sampleData = samples != null ? samples : repo.resolve("sample-data");
		if (samples != null && !Files.isDirectory(samples)) throw new IllegalArgumentException(
			"sample-data folder not found: " + samples);
		final DemoRun run = new DemoRun(out, sampleData, repo, cli.device(), cli.out(), cli.err());
		final int failed = run.run(steps);
		cli.out().println("results: " + out.resolve("README.md"));
		if (failed > 0) throw new IllegalStateException(failed + " of " + steps.size() + " demo steps failed; see " + out
			.resolve("README.md"));
		return 0;
	}
}
