package org.innsight.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C during training: a shutdown hook sets the stop flag the trainer watches, then holds the JVM open until
 * the command has saved the best checkpoint so far (or a time limit passes). Close it when the command is done
 * normally; the hook is then removed.
 */
final class TrainingInterruption implements AutoCloseable {

	private final AtomicBoolean stop = new AtomicBoolean();
	private final CountDownLatch saved = new CountDownLatch(1);
	private final Thread hook;
	private final long waitSeconds;

	private TrainingInterruption(final long waitSeconds) {
		this.waitSeconds = waitSeconds;
		this.hook = new Thread(this::interrupted, "innsight-ctrl-c");
	}

	/** Installs the hook. */
	static TrainingInterruption install(final long waitSeconds) {
		final TrainingInterruption t = new TrainingInterruption(waitSeconds);
		Runtime.getRuntime().addShutdownHook(t.hook);
		return t;
	}

	/** Not installed: for tests that call {@link #interrupted()} themselves. */
	static TrainingInterruption detached(final long waitSeconds) {
		return new TrainingInterruption(waitSeconds);
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
		System.err.println("innsight: interrupted; saving the best checkpoint so far ...");
		try {
			if (!saved.await(waitSeconds, TimeUnit.SECONDS)) System.err.println("innsight: gave up waiting for the checkpoint to be saved");
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
