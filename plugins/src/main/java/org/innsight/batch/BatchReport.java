package org.innsight.batch;

import java.nio.file.Path;
import java.util.List;

import org.innsight.batch.FileOutcome.Status;

/**
 * The result of one run: every scan's outcome in sorted order, plus where the report and summary went.
 *
 * @param problems things about the run that are not one scan's fault (e.g. a folder that could not be listed)
 * @param totalScans scans matching the glob before sharding
 * @param unwritten the report files ({@code report.html}, {@code summary.csv}) that could not be written, each as
 *        one line with the file and the reason (e.g. a full disk); empty when both were written
 */
public record BatchReport(BatchSettings settings, String pipeline, String pipelineSha256, List<FileOutcome> outcomes,
	List<String> problems, int totalScans, long millis, Path reportFile, Path summaryFile, List<String> unwritten)
{
	/** A report whose files are still to be written. */
	public BatchReport(final BatchSettings settings, final String pipeline, final String pipelineSha256, final List<FileOutcome> outcomes,
		final List<String> problems, final int totalScans, final long millis, final Path reportFile, final Path summaryFile)
	{
		this(settings, pipeline, pipelineSha256, outcomes, problems, totalScans, millis, reportFile, summaryFile, List.of());
	}

	/**
	 * {@code "could not write report.html (...); summary.csv was written"}: what went wrong with the report files
	 * and what there is instead, or null when both were written.
	 */
	public String unwrittenMessage() {
		if (unwritten.isEmpty()) return null;
		final String kept = unwritten.size() == 2 ? "the outcomes above and the scans' manifests are what this run left"
			: (unwritten.get(0).contains(reportFile.getFileName().toString()) ? summaryFile : reportFile) + " was written";
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
