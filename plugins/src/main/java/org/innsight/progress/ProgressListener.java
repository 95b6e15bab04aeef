package org.innsight.progress;

/**
 * Receives progress from long-running work. Algorithms take one of these instead of knowing who shows
 * progress: the Fiji adapter forwards it to the StatusService, the CLI to a terminal progress bar.
 */
@FunctionalInterface
public interface ProgressListener {

	/** Does nothing; for callers that do not show progress. */
	ProgressListener NONE = (done, total, message) -> {};

	/**
	 * @param done units of work finished so far
	 * @param total units of work in all (constant during one task)
	 * @param message what is being done, in the user's words; may be empty
	 */
	void progress(long done, long total, String message);
}
