package org.innsight.batch;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.innsight.engine.Device;

/**
 * Lets several batch jobs share one device safely: work inside {@link #run} holds one of the device's slots.
 * A GPU has one slot (two networks on one GPU compete for its memory and rarely finish sooner); the CPU has as
 * many as the batch has jobs, i.e. it never waits. One lock per device and JVM, so two batches in one Fiji
 * share it too.
 */
public final class DeviceLock {

	private static final Map<String, DeviceLock> LOCKS = new ConcurrentHashMap<>();

	private final String device;
	private final Semaphore slots;

	private DeviceLock(final String device, final int slots) {
		this.device = device;
		this.slots = new Semaphore(slots, true);
	}

	/** The lock of a device; a GPU has one slot, the CPU and {@code auto} are not limited. */
	public static DeviceLock of(final Device device) {
		final boolean gpu = device.kind() == Device.Kind.GPU;
		return LOCKS.computeIfAbsent(device.toString(), d -> new DeviceLock(d, gpu ? 1 : Integer.MAX_VALUE));
	}

	/** A lock with an explicit number of slots, not shared with anyone; for tests and custom set-ups. */
	public static DeviceLock withSlots(final String device, final int slots) {
		return new DeviceLock(device, slots);
	}

	public String device() {
		return device;
	}

	/** Runs {@code work} while holding a slot of this device. */
	public <T> T run(final Callable<T> work) throws Exception {
		slots.acquire();
		try {
			return work.call();
		}
		finally {
			slots.release();
		}
	}
}
