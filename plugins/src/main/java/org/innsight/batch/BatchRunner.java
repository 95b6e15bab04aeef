package org.innsight.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.innsight.batch.report.ReportWriter;
import org.innsight.batch.report.SummaryCsv;
import org.innsight.progress.ProgressListener;

/**
 * Runs a pipeline over a folder of scans: finds them, keeps this shard's part, processes up to
 * {@code jobs} scans at a time (each one isolated, see {@link FileProcessor}), and writes the run's
 * {@code report.html} and {@code summary.csv}. Memory stays bounded because a job holds one scan at a time.
 */
public final class BatchRunner {

	private final StepRegistry registry;

	public BatchRunner(final StepRegistry registry) {
		this.registry = registry;
	}

	/**
	 * @throws IllegalArgumentException for a bad pipeline, bad folders or no matching scans: problems of the whole
	 *         run, found before any scan is touched. Problems of single scans are in the returned report.
	 */
	public BatchReport run(final Pipeline pipeline, final BatchSettings settings, final ProgressListener progress)
		throws IOException, InterruptedException
	{
		return run(pipeline, settings, progress, outcome -> {});
	}

	/** As {@link #run(Pipeline, BatchSettings, ProgressListener)}, telling {@code each} every scan's outcome as it comes. */
	public BatchReport run(final Pipeline pipeline, final BatchSettings settings, final ProgressListener progress,
		final Consumer<FileOutcome> each) throws IOException, InterruptedException
	{
		final long t0 = System.nanoTime();
		try (Plan plan = Plan.of(pipeline, registry, settings.device())) {
			final Path in = settings.in(), out = settings.out();
			if (!Files.isDirectory(in)) throw new IllegalArgumentException("input folder " + in + " does not exist or is not a folder");
			if (Files.exists(out) && !Files.isDirectory(out)) throw new IllegalArgumentException("--out " + out + " exists and is not a folder");
			if (in.toRealPath().equals(Files.exists(out) ? out.toRealPath() : out))
				throw new IllegalArgumentException("--out must not be --in (" + in + "): outputs would mix with the scans and be read as scans next time");

			final List<String> problems = new ArrayList<>();
			final List<InputFiles.Input> all = InputFiles.find(in, settings.glob(), out, problems);
			if (all.isEmpty()) throw new IllegalArgumentException("no files in " + in + " match \"" + settings.glob() + "\"");
			Files.createDirectories(out);
			try (OutputLock lock = OutputLock.acquire(out, settings.shard())) {
				if (lock.staleHolder() != null)
					problems.add("took over the stale lock " + lock.file() + " of a batch run that ended without releasing it (" + lock.staleHolder() + ")");
				return runLocked(plan, settings, progress, each, in, out, all, problems, t0);
			}
		}
	}

	private BatchReport runLocked(final Plan plan, final BatchSettings settings, final ProgressListener progress, final Consumer<FileOutcome> each,
		final Path in, final Path out, final List<InputFiles.Input> all, final List<String> problems, final long t0) throws IOException, InterruptedException
	{
		final String reportName = settings.reportName("report", "html"), summaryName = settings.reportName("summary", "csv");
		AtomicWrite.removeStale(out.resolve(reportName));
		AtomicWrite.removeStale(out.resolve(summaryName));
		final String recordName = settings.reportName(ShardReports.RECORD_STEM, "json");
		AtomicWrite.removeStale(out.resolve(recordName));
		// a shard's old record goes first and the new one comes last, so a shard killed in between is missing from the merge
		if (!settings.shard().isAll()) Files.deleteIfExists(out.resolve(recordName));
		// nor may a scan's outputs land on a shard's record or on the report merged from the shards
		final OutputLayout layout = new OutputLayout(all, in, out, plan.savedOutputs(), Set.copyOf(List.of(reportName, summaryName, recordName,
			ShardReports.REPORT, ShardReports.SUMMARY)));
		final List<InputFiles.Input> mine = settings.shard().select(all);

		final FileProcessor processor = new FileProcessor(plan, settings.force(), settings.previews(), settings.device(),
			settings.deviceLock(), settings.threadsPerJob(), out.toRealPath());
		final FileOutcome[] outcomes = process(mine, layout, processor, settings.jobs(), progress, each);

		final BatchReport report = new BatchReport(settings, plan.pipeline().toString(), plan.pipelineSha256(), Arrays.asList(outcomes),
			problems, all.size(), (System.nanoTime() - t0) / 1_000_000, out.resolve(reportName), out.resolve(summaryName));
		final List<String> unwritten = new ArrayList<>();
		if (!settings.shard().isAll()) write(out.resolve(recordName), ShardReports.json(report), unwritten);
		return writeFiles(report, unwritten);
	}

	/**
	 * Writes {@code report}'s {@code report.html} and {@code summary.csv}, each on its own: a full disk that stops the
	 * one still lets the other (smaller) through. Returns the report with what could not be written (and
	 * {@code unwritten} before).
	 */
	static BatchReport writeFiles(final BatchReport report, final List<String> unwritten) {
		write(report.reportFile(), ReportWriter.html(report), unwritten);
		write(report.summaryFile(), SummaryCsv.csv(report.outcomes()), unwritten);
		return report.withUnwritten(unwritten);
	}

	private static void write(final Path file, final String text, final List<String> unwritten) {
		try {
			AtomicWrite.write(file, s -> s.write(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (final IOException | RuntimeException e) {
			unwritten.add(file.getFileName() + " (" + FileProcessor.reason(e) + ")");
		}
	}

	private static FileOutcome[] process(final List<InputFiles.Input> mine, final OutputLayout layout, final FileProcessor processor,
		final int jobs, final ProgressListener progress, final Consumer<FileOutcome> each) throws InterruptedException
	{
		final FileOutcome[] outcomes = new FileOutcome[mine.size()];
		final AtomicInteger thread = new AtomicInteger();
		final ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, mine.size())), r -> {
			final Thread t = new Thread(r, "innsight-batch-" + thread.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
		try {
			final CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
			for (int i = 0; i < mine.size(); i++) {
				final int index = i;
				final InputFiles.Input input = mine.get(i);
				done.submit(() -> {
					outcomes[index] = processor.process(layout.scan(input), layout.refusal(input));
					return index;
				});
			}
			progress.progress(0, mine.size(), "");
			for (int finished = 1; finished <= mine.size(); finished++) {
				final Future<Integer> f = done.take();
				final FileOutcome o;
				try {
					o = outcomes[f.get()];
				}
				catch (final ExecutionException e) { // process() catches everything a scan can cause; this is a bug
					throw new IllegalStateException("batch worker crashed: " + e.getCause(), e.getCause());
				}
				each.accept(o);
				progress.progress(finished, mine.size(), InputFiles.printable(o.relative()) + " " + o.status().word() +
					(o.failed() ? " " + o.failedAt() : ""));
			}
		}
		finally {
			pool.shutdownNow();
		}
		return outcomes;
	}
}
