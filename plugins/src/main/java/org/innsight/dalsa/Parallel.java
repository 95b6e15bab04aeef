package org.innsight.dalsa;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import org.innsight.progress.ProgressListener;

/** Runs independent numbered tasks on a fixed number of threads, reporting progress as tasks finish. */
public final class Parallel {

	private Parallel() {}

	/** Threads to use: {@code requested} if positive, else all cores. */
	public static int threads(final int requested) {
		return requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
	}

	/**
	 * Runs task(0) .. task(count - 1); the first failure is rethrown (unwrapped) after the others were cancelled.
	 */
	public static void run(final int count, final int threads, final IntConsumer task, final ProgressListener progress, final String message) {
		final ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
		final int n = Math.min(threads(threads), Math.max(1, count));
		if (n == 1 || count <= 1) {
			for (int i = 0; i < count; i++) {
				task.accept(i);
				listener.progress(i + 1, count, message);
			}
			return;
		}
		final ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
			final Thread t = new Thread(r, "innsight-dalsa");
			t.setDaemon(true);
			return t;
		});
		final AtomicLong done = new AtomicLong();
		final List<Future<?>> futures = new ArrayList<>(count);
		try {
			for (int i = 0; i < count; i++) {
				final int index = i;
				futures.add(pool.submit(() -> {
					task.accept(index);
					final long d = done.incrementAndGet();
					synchronized (listener) {
						listener.progress(d, count, message);
					}
				}));
			}
			for (final Future<?> f : futures) f.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted: " + message, e);
		}
		catch (final ExecutionException e) {
			final Throwable cause = e.getCause();
			if (cause instanceof RuntimeException re) throw re;
			if (cause instanceof Error err) throw err;
			throw new IllegalStateException(cause);
		}
		finally {
			pool.shutdownNow();
		}
	}
}
