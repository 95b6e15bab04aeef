package org.innsight.fiji;

import org.innsight.progress.ProgressListener;
import org.scijava.app.StatusService;

/**
 * Shows an algorithm's progress in Fiji's status bar (and progress bar) through SciJava's
 * {@link StatusService}. Updates are passed on only when the shown permille or the message changes, so a
 * loop reporting every pixel does not flood the event bus.
 */
public final class StatusProgress implements ProgressListener {

	private static final int SCALE = 1000;

	private final StatusService status;
	private int lastPermille = -1;
	private String lastMessage;

	private StatusProgress(final StatusService status) {
		this.status = status;
	}

	/** A listener for {@code status}, or {@link ProgressListener#NONE} when there is no status service. */
	public static ProgressListener of(final StatusService status) {
		return status == null ? ProgressListener.NONE : new StatusProgress(status);
	}

	@Override
	public synchronized void progress(final long done, final long total, final String message) {
		// StatusService takes ints; long totals (pixel counts of big volumes) are scaled to permille.
		final int permille = total <= 0 ? SCALE : (int) Math.min(SCALE, Math.max(0, done * SCALE / total));
		final String text = message == null ? "" : message;
		if (permille == lastPermille && text.equals(lastMessage)) return;
		lastPermille = permille;
		lastMessage = text;
		// At permille == SCALE Fiji's progress bar is full, which ImageJ shows as "done" (bar hidden).
		status.showStatus(permille, SCALE, text);
	}
}
