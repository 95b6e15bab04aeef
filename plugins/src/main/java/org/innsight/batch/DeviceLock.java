package org.innsight.batch;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.IntSupplier;

import org.innsight.engine.Device;
import org.innsight.engine.Engines;

/**
 * Lets several batch jobs share one device safely: work inside {@link #run} holds one of the device's slots.
 * A GPU has one slot (two networks on one GPU compete for its memory and rarely finish sooner); the CPU has as
 * many as the batch has jobs, i.e. it never waits. One lock per device and JVM, so two batches in one Fiji
 * share it too. {@code auto} is resolved at the first {@link #run}, i.e. when a step first needs the device:
 * to the lock of GPU 0 when the engine reports a GPU (where the networks then run), else of the CPU; a pipeline
 * without networks never loads the engine for it.
 */
public final class DeviceLock {

	private static final Map<String, DeviceLock> LOCKS = new ConcurrentHashMap<>();

	private final String device;
	private final int slotCount;
	private final Semaphore slots;
	/** For {@code auto}: how many GPUs the engine reports; null for a resolved lock. */
	private final IntSupplier gpuCount;
	private volatile DeviceLock resolved;

	private DeviceLock(final String device, final int slots) {
		this.device = device;
		this.slotCount = slots;
		this.slots = new Semaphore(slots, true);
		this.gpuCount = null;
	}

	private DeviceLock(final IntSupplier gpuCount) {
		this.device = "auto";
		this.slotCount = 0;
		this.slots = null;
		this.gpuCount = gpuCount;
	}

	/** The lock of a device: a GPU has one slot, the CPU is not limited, {@code auto} becomes one of them. */
	public static DeviceLock of(final Device device) {
		return of(device, () -> Engines.pytorch().getGpuCount());
	}

	/** As {@link #of(Device)}, with the engine's GPU count given (for {@code auto}; asked at most once). */
	public static DeviceLock of(final Device device, final IntSupplier gpuCount) {
		return switch (device.kind()) {
			case CPU -> shared("cpu", Integer.MAX_VALUE);
			case GPU -> shared("gpu:" + device.gpuIndex(), 1);
			case AUTO -> new DeviceLock(gpuCount);
		};
	}

	private static DeviceLock shared(final String device, final int slots) {
		return LOCKS.computeIfAbsent(device, d -> new DeviceLock(d, slots));
	}

	/** A lock with an explicit number of slots, not shared with anyone; for tests and custom set-ups. */
	public static DeviceLock withSlots(final String device, final int slots) {
		return new DeviceLock(device, slots);
	}

	/** The device this lock stands for; for {@code auto}, what it resolved to once a step used it. */
	public String device() {
		final DeviceLock r = resolved;
		return gpuCount == null ? device : r == null ? "auto (not used yet)" : r.device();
	}

	/** How many runs may hold the device at once (resolving {@code auto}). */
	public int slots() {
		return gpuCount == null ? slotCount : resolve().slots();
	}

	/** Runs {@code work} while holding a slot of this device. */
	public <T> T run(final Callable<T> work) throws Exception {
		if (gpuCount != null) return resolve().run(work);
		slots.acquire();
		try {
			return work.call();
		}
		finally {
			slots.release();
		}
	}

	private DeviceLock resolve() {
		DeviceLock r = resolved;
		if (r == null) synchronized (this) {
			r = resolved;
			if (r == null) resolved = r = of(gpuCount.getAsInt() > 0 ? Device.gpu(0) : Device.CPU, gpuCount);
		}
		return r;
	}
}
