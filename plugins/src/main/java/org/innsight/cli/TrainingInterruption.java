package org.innsight.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C during training: a shutdown hook sets the stop flag the trainer watches, then holds the JVM open until
 * the command has saved the best checkpoint so far (or a time limit passes). Close it when the command is done
 * normally; the hook is then removed. Every trainer's subcommand ({@code train-posterior}, {@code train-ood},
 * {@code train-transfer}) uses this one handler, so Ctrl-C behaves alike in all of them.
 */
final class TrainingInterruption implements AutoCloseable {

	private final AtomicBoolean stop = new AtomicBoolean();
	private final CountDownLatch saved = new CountDownLatch(1);
	private final Thread hook;
	private final long waitSeconds;
	private final PrintWriter err;

	private TrainingInterruption(final long waitSeconds, final PrintWriter err) {
		this.waitSeconds = waitSeconds;
		this.err = err;
		this.hook = new Thread(this::interrupted, "innsight-ctrl-c");
	}

	/** Installs the hook; its notes go to {@code err} (the command line's standard error). */
	static TrainingInterruption install(final long waitSeconds, final PrintWriter err) {
		final TrainingInterruption t = new TrainingInterruption(waitSeconds, err);
		Runtime.getRuntime().addShutdownHook(t.hook);
		return t;
	}

	/** Not installed: for tests that call {@link #interrupted()} themselves. */
	static TrainingInterruption detached(final long waitSeconds, final PrintWriter err) {
		return new TrainingInterruption(waitSeconds, err);
	}

	/** The flag to hand to the trainer. */
	AtomicBoolean stopFlag() {
		return stop;
	}

	boolean requested() {
		return stop.get();
	}

	/** What the hook runs: ask training to stop, then wait for {@link #savedCheckpoint()}. */
	void interrupted() {
		stop.set(true);
		err.println("innsight: interrupted; saving the best checkpoint so far ...");
		err.flush();
		try {
			if (!saved.await(waitSeconds, TimeUnit.SECONDS)) {
				err.println("innsight: gave up waiting for the checkpoint to be saved");
				err.flush();
			}
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Tells a waiting hook that saving is done (or was not possible). */
	void savedCheckpoint() {
		saved.countDown();
	}

	@Override
	public void close() {
		saved.countDown();
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (final IllegalStateException | IllegalArgumentException e) {
			// shutting down already (the hook is running), or never installed
		}
	}
}
