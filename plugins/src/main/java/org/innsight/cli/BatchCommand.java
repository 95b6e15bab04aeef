package org.innsight.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.batch.BatchReport;
import org.innsight.batch.BatchRunner;
import org.innsight.batch.BatchSettings;
import org.innsight.batch.FileOutcome;
import org.innsight.batch.InputFiles;
import org.innsight.batch.Pipeline;
import org.innsight.batch.Shard;
import org.innsight.batch.ShardReports;
import org.innsight.batch.Step;
import org.innsight.batch.StepRegistry;
import org.innsight.progress.ProgressListener;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight batch}: a pipeline over a folder of scans, resumable, shardable, with a report. */
@Command(name = "batch", mixinStandardHelpOptions = true,
	description = { "Run a pipeline (JSON list of steps) over every scan in a folder.",
		"Outputs go to --out as <scan>.<output>.<format> with a <scan>.manifest.json each; report.html and summary.csv " +
			"describe the run. Re-running skips scans whose manifest is up to date.",
		"Exit code: 0 = every scan done or up to date, 3 = some scans failed (see the report; with --merge-shards also: " +
			"some shards missing), 1 = the batch could not start or its report could not be written." },
	footer = { "", "Example: innsight batch --pipeline qc.json --in scans/ --out results/ --jobs 4",
		"Cluster: innsight batch ... --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT (with --array=1-N), then " +
			"innsight batch --merge-shards OUT (scripts/slurm-batch.sh)" })
final class BatchCommand implements Callable<Integer> {

	/** Exit code when the batch ran but some scans failed. */
	static final int SOME_FAILED = 3;

	@Mixin
	GlobalOptions cli;

	@Option(names = "--pipeline", paramLabel = "PIPELINE.json", description = "The pipeline file: a list of {\"step\": name, \"options\": {...}}.")
	Path pipeline;

	@Option(names = "--in", paramLabel = "DIR", description = "Folder with the scans (searched recursively).")
	Path in;

	@Option(names = "--out", paramLabel = "DIR", description = "Folder for outputs, manifests and the report; must not be --in.")
	Path out;

	@Option(names = "--glob", paramLabel = "GLOB", defaultValue = InputFiles.DEFAULT_GLOB,
		description = "Which files under --in are scans, relative to --in; ** crosses folders (default: ${DEFAULT-VALUE}).")
	String glob;

	@Option(names = "--jobs", paramLabel = "N", description = "Scans processed at once (default: half the cores, at least 1).")
	Integer jobs;

	@Option(names = "--shard", paramLabel = "i/n", description = "Process only part i of n (1-based) of the sorted scan list.")
	String shard;

	@Option(names = "--force", description = "Recompute every scan, even those whose manifest is up to date.")
	boolean force;

	@Option(names = "--no-previews", negatable = false, description = "Do not write preview PNGs for the report.")
	boolean noPreviews;

	@Option(names = "--quiet", description = "No progress bar; print each failure as it happens and the final summary (for logs).")
	boolean quiet;

	@Option(names = "--list-steps", description = "List the steps a pipeline may use, then exit.")
	boolean listSteps;

	@Option(names = "--merge-shards", paramLabel = "DIR", description = "Merge the reports the shards (--shard i/n) left in DIR into one " +
		"report.html and summary.csv, naming missing shards, then exit (the last shard to finish does this by itself).")
	Path mergeShards;

	@Override
	public Integer call() throws Exception {
		final StepRegistry registry = StepRegistry.standard();
		final PrintWriter stdout = cli.out();
		if (listSteps) {
			for (final Step<?> s : registry.all())
				stdout.printf("%-12s %s%n", s.name(), s.description());
			return 0;
		}
		if (mergeShards != null) {
			final ShardReports.Merge m = ShardReports.write(ShardReports.merge(mergeShards, 0));
			for (final FileOutcome f : m.report().failures())
				stdout.println("failed: " + InputFiles.printable(f.relative()) + " " + f.failedAt());
			printFiles(m.report(), m.summary(), stdout);
			return m.complete() && !m.report().anyFailed() ? 0 : SOME_FAILED;
		}
		if (pipeline == null || in == null || out == null)
			throw new IllegalArgumentException("--pipeline, --in and --out are required (see innsight batch --help)");
		final BatchSettings settings = new BatchSettings(in, out).glob(glob).force(force).previews(!noPreviews).device(cli.device())
			.threads(cli.threads());
		if (jobs != null) settings.jobs(jobs);
		if (shard != null) settings.shard(Shard.parse(shard));

		final Pipeline p = Pipeline.read(pipeline);
		final BatchReport report;
		if (quiet) {
			report = new BatchRunner(registry).run(p, settings, ProgressListener.NONE, o -> {
				if (o.failed()) stdout.println("failed: " + InputFiles.printable(o.relative()) + " " + o.failedAt());
			});
		}
		else {
			try (TerminalProgress bar = TerminalProgress.start("batch")) {
				report = new BatchRunner(registry).run(p, settings, bar);
			}
			for (final FileOutcome f : report.failures())
				stdout.println("failed: " + InputFiles.printable(f.relative()) + " " + f.failedAt());
		}
		stdout.printf(Locale.ROOT, "batch: %s%s in %.1f s (%.2f scans/s)%n", report.counts(),
			settings.shard().isAll() ? "" : " (shard " + settings.shard() + " of " + report.totalScans() + ")",
			report.millis() / 1000.0, report.filesPerSecond());
		for (final String problem : report.problems())
			stdout.println("warning: " + problem);
		printFiles(report, null, stdout);
		if (!settings.shard().isAll()) {
			final ShardReports.Merge m = ShardReports.mergeIfComplete(settings.out(), settings.shard());
			if (m != null) printFiles(m.report(), "the last shard: " + m.summary(), stdout);
			else stdout.println("the merged report.html and summary.csv are written when the last shard finishes (or now, naming the " +
				"missing shards: innsight batch --merge-shards " + settings.out() + ")");
		}
		return report.anyFailed() ? SOME_FAILED : 0;
	}

	/** Prints where a report went, after {@code title} (if any); a report that could not be written ends the command with why. */
	private static void printFiles(final BatchReport report, final String title, final PrintWriter stdout) throws IOException {
		if (title != null) stdout.println(title);
		if (report.unwrittenMessage() != null) { // e.g. a full disk: say so, after what the run did
			stdout.flush();
			throw new IOException(report.unwrittenMessage());
		}
		stdout.println("report:  " + report.reportFile());
		stdout.println("summary: " + report.summaryFile());
	}
}
