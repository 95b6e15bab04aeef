package org.innsight.batch;

import java.util.List;
import java.util.Map;

/**
 * What happened to one scan in a run.
 *
 * @param relative the scan's path relative to {@code --in}
 * @param status done (computed now), skipped (an up-to-date manifest was found) or failed
 * @param failedStep where it failed: {@code read}, a step's label, {@code write}, or {@code plan} (its outputs
 *        would collide with an input or another scan, or its name holds a line break); null unless failed
 * @param reason why it failed, or (when done) why it was not skipped; may be null
 * @param outputs output files, relative to {@code --out}
 * @param previews image name ({@code input} or an output) -> preview PNG relative to {@code --out}
 * @param millis wall time spent on this scan in this run
 */
public record FileOutcome(String relative, Status status, String failedStep, String reason, Map<String, Object> statistics,
	List<String> warnings, List<String> outputs, Map<String, String> previews, long millis)
{
	public enum Status {
		DONE, SKIPPED, FAILED;

		public String word() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	public static FileOutcome failed(final String relative, final String step, final String reason, final Map<String, Object> statistics,
		final List<String> warnings, final Map<String, String> previews, final long millis)
	{
		return new FileOutcome(relative, Status.FAILED, step, reason, statistics, warnings, List.of(), previews, millis);
	}

	public boolean failed() {
		return status == Status.FAILED;
	}

	/** {@code "at <step>: <reason>"}: where and why the scan failed, as logs and reports tell it (when {@link #failed()}). */
	public String failedAt() {
		return "at " + failedStep + ": " + reason;
	}
}
