package org.innsight.progress;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import net.imglib2.parallel.TaskExecutor;
import net.imglib2.parallel.TaskExecutors;

/**
 * The one way InnSight runs independent numbered tasks on several threads (DALSA's tiles and trees, the Mutex
 * Watershed's channels and blocks): an imglib2 {@link TaskExecutor} over a fixed pool of daemon threads, so a
 * forgotten pool never keeps Fiji or the CLI alive. Within a task, imglib2 code runs single-threaded (the pool
 * already uses the cores). Tasks must not depend on each other's order; each writes its own part of the result,
 * so results do not depend on the thread count.
 */
public final class ParallelTasks {

	private static final AtomicInteger POOLS = new AtomicInteger();

	private ParallelTasks() {}

	/** Threads to use: {@code requested} if positive, else all cores. */
	public static int threads(final int requested) {
		return requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
	}

	/** Runs task(0) .. task(count - 1) on {@code threads} threads (0: all cores), without progress. */
	public static void run(final int count, final int threads, final IntConsumer task) {
		run(count, threads, task, null, "");
	}

	/**
	 * Runs task(0) .. task(count - 1) on at most {@code threads} threads (0: all cores), telling {@code progress}
	 * (may be null) as each task finishes. After the first failure no further task starts, and that failure is
	 * rethrown as it was thrown (not wrapped) once the running tasks have ended.
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
		final AtomicLong done = new AtomicLong();
		final AtomicReference<Throwable> failure = new AtomicReference<>();
		final List<Integer> indices = IntStream.range(0, count).boxed().toList();
		final List<Thread> started = new CopyOnWriteArrayList<>();
		try (TaskExecutor executor = TaskExecutors.forExecutorService(pool(n, started))) {
			executor.forEach(indices, i -> {
				if (failure.get() != null) return;
				try {
					task.accept(i);
					synchronized (listener) { // one report at a time, counting up
						listener.progress(done.incrementAndGet(), count, message);
					}
				}
				catch (final Throwable e) {
					failure.compareAndSet(null, e);
				}
			});
		}
		catch (final RuntimeException e) {
			failure.compareAndSet(null, e); // tasks still queued do not start
			if (e.getCause() instanceof InterruptedException) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted: " + message, e.getCause());
			}
			throw e;
		}
		awaitEnd(started);
		final Throwable e = failure.get();
		if (e instanceof RuntimeException re) throw re;
		if (e instanceof Error err) throw err;
		if (e != null) throw new IllegalStateException(e);
	}

	/**
	 * Waits until the threads of a pool that has been shut down (by closing its executor) have ended. A worker lets
	 * the caller go on as soon as its last task is done, before it lets go of that task and so of whatever the task
	 * captured: in the Mutex Watershed the sort keys (64 MiB on a 1024x1024 image) then sometimes survived the
	 * collection before the greedy pass, and the process's peak resident memory rose from about 230 to about
	 * 300 MiB. Once the threads have ended, the tasks are garbage.
	 */
	private static void awaitEnd(final List<Thread> threads) {
		try {
			for (final Thread t : threads) {
				t.join(TimeUnit.MINUTES.toMillis(1));
				if (t.isAlive()) throw new IllegalStateException(t.getName() + " did not end after its tasks were done");
			}
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static ExecutorService pool(final int threads, final List<Thread> started) {
		final int pool = POOLS.incrementAndGet();
		final AtomicInteger number = new AtomicInteger();
		final ThreadFactory daemons = r -> {
			final Thread t = new Thread(r, "innsight-" + pool + "-" + number.incrementAndGet());
			t.setDaemon(true);
			started.add(t);
			return t;
		};
		return Executors.newFixedThreadPool(threads, TaskExecutors.applyTaskExecutorToThreadFactory(TaskExecutors::singleThreaded, daemons));
	}
}
