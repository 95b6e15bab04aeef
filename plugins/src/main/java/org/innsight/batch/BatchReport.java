package org.innsight.batch;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.innsight.batch.FileOutcome.Status;

/**
 * The result of one run: every scan's outcome in sorted order, plus where the report and summary went.
 *
 * @param problems things about the run that are not one scan's fault (e.g. a folder that could not be listed)
 * @param totalScans scans matching the glob before sharding
 * @param unwritten the report files ({@code report.html}, {@code summary.csv}, a shard's record) that could not be
 *        written, each as one line with the file name and the reason (e.g. a full disk); empty when all were written
 * @param merged for the report merged from a sharded run's shards ({@link ShardReports}): which shards it holds,
 *        e.g. {@code "shards 1/4, 2/4, 4/4 (missing: 3/4)"}; null for the report of one run
 */
public record BatchReport(BatchSettings settings, String pipeline, String pipelineSha256, List<FileOutcome> outcomes,
	List<String> problems, int totalScans, long millis, Path reportFile, Path summaryFile, List<String> unwritten, String merged)
{
	/** A report of one run whose files are still to be written. */
	public BatchReport(final BatchSettings settings, final String pipeline, final String pipelineSha256, final List<FileOutcome> outcomes,
		final List<String> problems, final int totalScans, final long millis, final Path reportFile, final Path summaryFile)
	{
		this(settings, pipeline, pipelineSha256, outcomes, problems, totalScans, millis, reportFile, summaryFile, List.of(), null);
	}

	/** This report, after its files were written: {@code unwritten} names those that could not be. */
	public BatchReport withUnwritten(final List<String> unwritten) {
		return new BatchReport(settings, pipeline, pipelineSha256, outcomes, problems, totalScans, millis, reportFile, summaryFile,
			List.copyOf(unwritten), merged);
	}

	/**
	 * {@code "could not write report.html (...); summary.csv was written"}: what went wrong with the report files
	 * and what there is instead, or null when both were written.
	 */
	public String unwrittenMessage() {
		if (unwritten.isEmpty()) return null;
		final List<String> written = Stream.of(reportFile, summaryFile).filter(f -> unwritten.stream().noneMatch(u -> u.startsWith(f.getFileName() + " ")))
			.map(Path::toString).toList();
		final String kept = written.isEmpty() ? "the outcomes above and the scans' manifests are what this run left"
			: String.join(" and ", written) + (written.size() == 1 ? " was" : " were") + " written";
		return "could not write " + String.join("; nor ", unwritten) + "; " + kept;
	}

	public long count(final Status status) {
		return outcomes.stream().filter(o -> o.status() == status).count();
	}

	public List<FileOutcome> failures() {
		return outcomes.stream().filter(FileOutcome::failed).toList();
	}

	public boolean anyFailed() {
		return count(Status.FAILED) > 0;
	}

	/** {@code "N done, N up to date, N failed of N scans"}: the run's outcome in one phrase. */
	public String counts() {
		return count(Status.DONE) + " done, " + count(Status.SKIPPED) + " up to date, " + count(Status.FAILED) + " failed of " + outcomes.size() +
			" scans";
	}

	/** Scans handled per second of wall time in this run (skipped ones included). */
	public double filesPerSecond() {
		return millis <= 0 ? 0 : outcomes.size() * 1000.0 / millis;
	}
}
