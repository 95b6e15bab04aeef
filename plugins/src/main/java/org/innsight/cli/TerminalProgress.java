package org.innsight.cli;

import org.innsight.progress.ProgressListener;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a {@link ProgressListener}'s progress as a terminal progress bar (on standard error, so standard
 * output stays clean for results). When standard output is not a terminal (a log file, a pipe, a test) no bar
 * is drawn at all: carriage-return animations make logs unreadable. Close it when the work is done.
 */
public final class TerminalProgress implements ProgressListener, AutoCloseable {

	private final String task;
	private final boolean visible;
	private ProgressBar bar;

	private TerminalProgress(final String task, final boolean visible) {
		this.task = task;
		this.visible = visible;
	}

	/** A bar named {@code task}, drawn only on an interactive terminal. */
	public static TerminalProgress start(final String task) {
		return new TerminalProgress(task, System.console() != null);
	}

	@Override
	public synchronized void progress(final long done, final long total, final String message) {
		if (!visible) return;
		if (bar == null) bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(total, 1)).setStyle(
			ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).build();
		if (bar.getMax() != total && total > 0) bar.maxHint(total);
		bar.stepTo(done);
		if (message != null && !message.equals(bar.getExtraMessage())) bar.setExtraMessage(message);
	}

	@Override
	public synchronized void close() {
		if (bar != null) bar.close();
		bar = null;
	}
}
