package org.innsight.mws;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/** Runs independent tasks on a few plain threads (the caller is one of them); the first failure is rethrown. */
final class Parallel {

	private Parallel() {}

	static void forEach(final int tasks, final int threads, final IntConsumer task) {
		final int t = Math.max(1, Math.min(threads, tasks));
		if (t == 1) {
			for (int i = 0; i < tasks; i++) task.accept(i);
			return;
		}
		final AtomicInteger next = new AtomicInteger();
		final AtomicReference<Throwable> failure = new AtomicReference<>();
		final Runnable worker = () -> {
			try {
				for (int i; failure.get() == null && (i = next.getAndIncrement()) < tasks;) task.accept(i);
			}
			catch (final Throwable e) {
				failure.compareAndSet(null, e);
			}
		};
		final Thread[] others = new Thread[t - 1];
		for (int i = 0; i < others.length; i++) {
			others[i] = new Thread(worker, "innsight-mws-" + i);
			others[i].setDaemon(true);
			others[i].start();
		}
		worker.run();
		for (final Thread th : others) {
			try {
				th.join();
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", e);
			}
		}
		final Throwable e = failure.get();
		if (e instanceof RuntimeException) throw (RuntimeException) e;
		if (e instanceof Error) throw (Error) e;
		if (e != null) throw new IllegalStateException(e);
	}
}
