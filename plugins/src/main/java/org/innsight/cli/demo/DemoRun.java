package org.innsight.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.innsight.Version;
import org.innsight.engine.Device;

/** Runs demo steps one after another and writes the results index, {@code README.md}. */
public final class DemoRun {

	private static final class StepResult {
		final DemoStep step;
		final String status;
		final String reason;
		final double seconds;
		final DemoContext context;

		StepResult(final DemoStep step, final String status, final String reason, final double seconds,
			final DemoContext context)
		{
			this.step = step;
			this.status = status;
			this.reason = reason;
			this.seconds = seconds;
			this.context = context;
		}
	}

	private final Path results;
	private final Path samples;
	private final Path repo;
	private final Device device;
	private final PrintWriter out, err;

	/**
	 * @param out where one line per step goes ("[1/9] engine: ok (0.4 s)"), and what steps print
	 * @param err where steps' warnings go
	 */
	public DemoRun(final Path results, final Path samples, final Path repo, final Device device, final PrintWriter out,
		final PrintWriter err)
	{
		this.results = results.toAbsolutePath().normalize();
		this.samples = samples.toAbsolutePath().normalize();
		this.repo = repo;
		this.device = device;
		this.out = out;
		this.err = err;
	}

	/** Runs {@code steps} in order and writes the index; returns how many failed. */
	public int run(final List<DemoStep> steps) throws IOException {
		if (results.equals(samples) || results.startsWith(samples)) throw new IllegalArgumentException(
			"the results folder " + results + " must not be inside the sample data " + samples);
		Files.createDirectories(results);
		final List<StepResult> done = new ArrayList<>();
		int failed = 0;
		for (int i = 0; i < steps.size(); i++) {
			final DemoStep step = steps.get(i);
			final DemoContext context = new DemoContext(results, step.name(), samples, repo, device, out, err);
			final long start = System.nanoTime();
			String state = "ok";
			String reason = null;
			try {
				step.run(context);
			}
			catch (final DemoStep.Skipped e) {
				state = "skipped";
				reason = e.getMessage();
			}
			catch (final Exception | LinkageError e) {
				state = "FAILED";
				reason = oneLine(e);
				failed++;
			}
			final double seconds = (System.nanoTime() - start) / 1e9;
			done.add(new StepResult(step, state, reason, seconds, context));
			out.println(String.format(Locale.ROOT, "[%d/%d] %s: %s (%.1f s)%s", i + 1, steps.size(), step.name(),
				state, seconds, reason == null ? "" : ": " + reason));
		}
		writeIndex(done);
		return failed;
	}

	private void writeIndex(final List<StepResult> done) throws IOException {
		final StringBuilder md = new StringBuilder();
		md.append("# InnSight demo results\n\n");
		md.append("InnSight ").append(Version.get()).append(", ").append(ZonedDateTime.now().format(
			DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(", device `").append(device).append("`, sample data `")
			.append(samples).append("`.\n\n");
		md.append("| step | what it shows | status | time |\n|---|---|---|---|\n");
		for (final StepResult r : done)
			md.append(String.format(Locale.ROOT, "| [%s](#%s) | %s | %s | %.1f s |\n", r.step.name(), r.step.name(), r.step
				.description(), r.status, r.seconds));
		for (final StepResult r : done) {
			md.append("\n## ").append(r.step.name()).append("\n\n").append(r.step.description()).append(".\n\n");
			md.append("Status: ").append(r.status).append(r.reason == null ? "" : " (" + r.reason + ")").append(
				".\n\n");
			for (final String note : r.context.notes())
				md.append("- ").append(note).append('\n');
			for (final DemoContext.Output o : r.context.outputs())
				md.append("- [").append(o.file.toString().replace('\\', '/')).append("](").append(o.file.toString()
					.replace('\\', '/')).append("): ").append(o.what).append('\n');
		}
		final Path index = results.resolve("README.md");
		final Path tmp = results.resolve(".README.md." + java.util.UUID.randomUUID() + ".part");
		try {
			Files.write(tmp, md.toString().getBytes(StandardCharsets.UTF_8));
			Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	private static String oneLine(final Throwable e) {
		Throwable t = e;
		while (t.getMessage() == null && t.getCause() != null)
			t = t.getCause();
		final String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
		return m.replace('\n', ' ').replace('\r', ' ');
	}
}
