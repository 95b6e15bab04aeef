package org.innsight.fiji;

import java.awt.GraphicsEnvironment;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.innsight.progress.ProgressListener;
import org.scijava.app.StatusService;

import ij.IJ;

/**
 * Shows an algorithm's progress in Fiji's status bar (and progress bar) through SciJava's
 * {@link StatusService}. Updates are passed on only when the shown permille or the message changes, so a
 * loop reporting every pixel does not flood the event bus.
 * <p>
 * It is also how a long command is cancelled: once Esc is pressed in Fiji ({@link IJ#escapePressed()}), the next
 * report throws a {@link CancellationException}; the algorithms report as they go, and
 * {@link org.innsight.progress.ParallelTasks} starts no further task after it, so the work stops before any result
 * is shown ({@link InnSightCommand} says "cancelled" in the status bar and the Log).
 */
public final class StatusProgress implements ProgressListener {

	private static final int SCALE = 1000;

	private final StatusService status;
	private final BooleanSupplier cancelled;
	private int lastPermille = -1;
	private String lastMessage;

	private StatusProgress(final StatusService status, final BooleanSupplier cancelled) {
		this.status = status;
		this.cancelled = cancelled;
	}

	/**
	 * A listener for {@code status} that stops the work when Esc is pressed; without a status service (headless
	 * tests, scripts) {@link ProgressListener#NONE}.
	 */
	public static ProgressListener of(final StatusService status) {
		return of(status, GraphicsEnvironment.isHeadless() ? () -> false : IJ::escapePressed);
	}

	/** A listener for {@code status} that stops the work once {@code cancelled} says so. */
	static ProgressListener of(final StatusService status, final BooleanSupplier cancelled) {
		return status == null ? ProgressListener.NONE : new StatusProgress(status, cancelled);
	}

	@Override
	public synchronized void progress(final long done, final long total, final String message) {
		if (cancelled.getAsBoolean()) throw new CancellationException("cancelled" + (message == null || message.isEmpty() ? "" : " while " + message));
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
