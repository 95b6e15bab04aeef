package org.innsight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.innsight.engine.Device;
import org.junit.jupiter.api.Test;

/** {@code --device auto} locks like the device it resolves to: one slot on a GPU, none on the CPU. */
class DeviceLockTest {

	/** The most runs that held {@code lock} at the same time when {@code threads} threads each ran once. */
	private static int mostAtOnce(final DeviceLock lock, final int threads) throws Exception {
		final AtomicInteger inside = new AtomicInteger(), most = new AtomicInteger();
		final CountDownLatch start = new CountDownLatch(1);
		final List<Thread> list = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			final Thread t = new Thread(() -> {
				try {
					start.await();
					lock.run(() -> {
						most.accumulateAndGet(inside.incrementAndGet(), Math::max);
						Thread.sleep(50);
						inside.decrementAndGet();
						return null;
					});
				}
				catch (final Exception e) {
					throw new IllegalStateException(e);
				}
			});
			t.start();
			list.add(t);
		}
		start.countDown();
		for (final Thread t : list) t.join(TimeUnit.SECONDS.toMillis(10));
		return most.get();
	}

	@Test
	void autoWithAGpuSharesTheLockOfGpuZeroAndLetsOneRunAtATime() throws Exception {
		final AtomicInteger asked = new AtomicInteger();
		final DeviceLock auto = DeviceLock.of(Device.AUTO, () -> {
			asked.incrementAndGet();
			return 2;
		});
		assertEquals("auto (not used yet)", auto.device());
		assertEquals(0, asked.get(), "the engine is not asked before a step needs the device");
		assertEquals(1, mostAtOnce(auto, 3));
		assertEquals("gpu:0", auto.device());
		assertEquals(1, auto.slots());
		assertEquals(1, asked.get(), "the GPU count is asked once");
	}

	@Test
	void autoWithoutAGpuAndTheCpuDoNotLimit() throws Exception {
		final DeviceLock auto = DeviceLock.of(Device.AUTO, () -> 0);
		assertEquals(3, mostAtOnce(auto, 3));
		assertEquals("cpu", auto.device());
		assertEquals(Integer.MAX_VALUE, auto.slots());
		final DeviceLock cpu = DeviceLock.of(Device.CPU, () -> {
			throw new AssertionError("the CPU needs no GPU count");
		});
		assertEquals(3, mostAtOnce(cpu, 3));
		assertEquals(1, DeviceLock.of(Device.gpu(1), () -> 0).slots());
		assertEquals("gpu:1", DeviceLock.of(Device.gpu(1), () -> 0).device());
	}
}
