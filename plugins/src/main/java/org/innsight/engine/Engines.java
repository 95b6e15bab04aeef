package org.innsight.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * The one place that creates InnSight's DJL engine (PyTorch) and picks its device.
 * <p>
 * Nothing is downloaded: unless the user set {@code ai.djl.offline} themselves, it is set to {@code true}
 * before the engine loads, so the CPU natives come from the bundled {@code pytorch-native-cpu} jar. A user
 * who wants CUDA sets {@code -Dai.djl.offline=false} and lets DJL fetch the matching natives.
 */
public final class Engines {

	public static final String ENGINE_NAME = "PyTorch";

	private static volatile int threads = 0;

	private Engines() {}

	private static volatile boolean loaded;

	/**
	 * Sets the number of intra-op threads the engine uses; 0 keeps DJL's default (all cores). Before the engine
	 * loads this configures it; afterwards it changes PyTorch's thread count for later operations.
	 */
	public static void setThreads(final int n) {
		if (n < 0) throw new IllegalArgumentException("threads must be >= 0, got " + n);
		threads = n;
		if (n > 0) {
			System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
			System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
			if (loaded) ai.djl.pytorch.jni.JniUtils.setNumThreads(n);
		}
	}

	/** The intra-op threads PyTorch uses now (loads the engine). */
	public static int engineThreads() {
		pytorch();
		return ai.djl.pytorch.jni.JniUtils.getNumThreads();
	}

	public static int threads() {
		return threads;
	}

	/** The PyTorch engine, loaded offline on first use. */
	public static Engine pytorch() {
		if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
		try {
			final Engine engine = Engine.getEngine(ENGINE_NAME);
			loaded = true;
			return engine;
		}
		catch (final RuntimeException | UnsatisfiedLinkError e) {
			throw new IllegalStateException("cannot load the " + ENGINE_NAME + " engine (" + e.getMessage() +
				"); InnSight needs the pytorch-native-cpu jar on the class path, or, with -Dai.djl.offline=false, " +
				"network access for DJL to fetch natives", e);
		}
	}

	/** Resolves a requested device against the engine's GPUs: a clear error for a GPU that is not there. */
	public static ai.djl.Device resolve(final Device requested) {
		return resolve(requested, pytorch().getGpuCount());
	}

	/**
	 * Pure device choice, given how many GPUs the engine reports: {@code auto} takes GPU 0 if there is one,
	 * else CPU; an absent GPU is an error naming what is there.
	 */
	public static ai.djl.Device resolve(final Device requested, final int gpuCount) {
		switch (requested.kind()) {
			case CPU:
				return ai.djl.Device.cpu();
			case AUTO:
				return gpuCount > 0 ? ai.djl.Device.gpu(0) : ai.djl.Device.cpu();
			case GPU:
			default:
				if (requested.gpuIndex() < gpuCount) return ai.djl.Device.gpu(requested.gpuIndex());
				throw new IllegalArgumentException("device " + requested + " was asked for, but the " + ENGINE_NAME +
					" engine reports " + (gpuCount == 0 ? "no GPU (CPU-only natives, or no CUDA driver)"
						: gpuCount + " GPU(s): gpu:0" + (gpuCount > 1 ? " .. gpu:" + (gpuCount - 1) : "")) +
					"; use --device cpu or auto");
		}
	}

	/** A new root manager on the requested device; close it (try-with-resources) to free native memory. */
	public static NDManager newManager(final Device requested) {
		return pytorch().newBaseManager(resolve(requested));
	}
}
