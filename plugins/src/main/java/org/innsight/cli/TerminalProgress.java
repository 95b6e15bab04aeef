package org.innsight.cli;

import java.io.PrintStream;

import org.innsight.progress.ProgressListener;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a {@link ProgressListener}'s progress as a terminal progress bar (on standard error, so standard
 * output stays clean for results). When the program does not run in a terminal (a log file, a pipe, a test) no
 * bar is drawn at all: carriage-return animations make logs unreadable. Close it when the work is done.
 */
public final class TerminalProgress implements ProgressListener, AutoCloseable {

	private final String task;
	private final PrintStream target;
	private ProgressBar bar;

	/** @param target where the bar is drawn; null draws nothing */
	TerminalProgress(final String task, final PrintStream target) {
		this.task = task;
		this.target = target;
	}

	/** A bar named {@code task}, drawn on standard error only in an interactive terminal. */
	public static TerminalProgress start(final String task) {
		return new TerminalProgress(task, System.console() != null ? System.err : null);
	}

	@Override
	public synchronized void progress(final long done, final long total, final String message) {
		if (target == null) return;
		if (bar == null) bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(total, 1)).setStyle(
			ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).setConsumer(new ConsoleProgressBarConsumer(target))
			.build();
		if (total > 0 && bar.getMax() != total) bar.maxHint(total);
		bar.stepTo(done);
		if (message != null && !message.equals(bar.getExtraMessage())) bar.setExtraMessage(message);
	}

	/** The bar's state, "done/total message", or null when none is drawn; for tests. */
	synchronized String state() {
		return bar == null ? null : bar.getCurrent() + "/" + bar.getMax() + " " + bar.getExtraMessage();
	}

	@Override
	public synchronized void close() {
		if (bar != null) bar.close();
		bar = null;
	}
}
