package org.innsight.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ParallelTasksTest {

	@Test
	void everyTaskRunsOnceOnDaemonThreadsAndProgressCountsUp() {
		final int[] runs = new int[100];
		final Set<Thread> threads = ConcurrentHashMap.newKeySet();
		final AtomicLong last = new AtomicLong();
		ParallelTasks.run(runs.length, 3, i -> {
			runs[i]++;
			threads.add(Thread.currentThread());
		}, (done, total, message) -> {
			assertEquals(100, total);
			assertEquals("work", message);
			assertTrue(done > last.getAndSet(done), "progress counts up");
		}, "work");
		for (final int r : runs) assertEquals(1, r);
		assertEquals(100, last.get());
		assertTrue(threads.size() <= 3, threads.toString());
		for (final Thread t : threads) assertTrue(t.isDaemon(), t + " is a daemon");
	}

	/**
	 * A worker lets the caller go on before it drops its last task; run waits for the pool's threads to end, so
	 * that what the tasks captured (the Mutex Watershed's 64 MiB of sort keys) is garbage when it returns. Before
	 * that wait, the array below was still reachable after the call in 26 of 300 rounds (a scratch program).
	 */
	@Test
	void thePoolsThreadsHaveEndedAndWhatTheTasksCapturedIsGarbageWhenRunReturns() {
		for (int round = 0; round < 50; round++) {
			final Set<Thread> threads = ConcurrentHashMap.newKeySet();
			final WeakReference<int[]> captured = runOnACapturedArray(threads);
			for (final Thread t : threads) assertFalse(t.isAlive(), t + " has ended (round " + round + ")");
			System.gc();
			assertNull(captured.get(), "the captured array is garbage (round " + round + ")");
		}
	}

	private static WeakReference<int[]> runOnACapturedArray(final Set<Thread> threads) {
		final int[] big = new int[1 << 16];
		final int[] sums = new int[2];
		ParallelTasks.run(2, 2, i -> {
			threads.add(Thread.currentThread());
			sums[i] = big[i] + 1;
		});
		assertEquals(2, sums[0] + sums[1]);
		return new WeakReference<>(big);
	}

	@Test
	void oneThreadRunsInTheCallerInOrder() {
		final StringBuilder order = new StringBuilder();
		ParallelTasks.run(5, 1, i -> {
			assertSame(Thread.currentThread(), mainThread);
			order.append(i);
		});
		assertEquals("01234", order.toString());
	}

	private final Thread mainThread = Thread.currentThread();

	@Test
	void theFirstFailureIsRethrownUnwrapped() {
		final IllegalArgumentException failure = new IllegalArgumentException("task 7");
		assertSame(failure, assertThrows(IllegalArgumentException.class, () -> ParallelTasks.run(20, 4, i -> {
			if (i == 7) throw failure;
		})));
		final AssertionError error = new AssertionError("an error");
		assertSame(error, assertThrows(AssertionError.class, () -> ParallelTasks.run(20, 4, i -> {
			if (i == 3) throw error;
		})));
	}
}
