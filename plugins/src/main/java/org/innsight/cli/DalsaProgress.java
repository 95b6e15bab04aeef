package org.innsight.cli;

import org.innsight.progress.ProgressListener;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** Terminal progress for DALSA: one progress bar per stage (a new message starts a new bar). */
final class DalsaProgress implements ProgressListener, AutoCloseable {

	private ProgressBar bar;
	private String stage;

	@Override
	public synchronized void progress(final long done, final long total, final String message) {
		if (bar == null || !message.equals(stage)) {
			close();
			stage = message;
			bar = new ProgressBarBuilder().setTaskName(message).setInitialMax(total).build();
		}
		bar.stepTo(done);
	}

	@Override
	public synchronized void close() {
		if (bar != null) bar.close();
		bar = null;
	}
}
