package org.innsight.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Per-tile native memory: 200 tiles through a small network leave the native footprint where it was. */
class TileScopeTest {

	private static final int BANDS = 16, HIDDEN = 64, OUT = 4, PIXELS = 64 * 64;

	/** A two-layer perceptron whose weights live in the long-lived manager. */
	private static final class SmallNetwork {
		final NDArray w1, b1, w2;

		SmallNetwork(final NDManager root) {
			final SplittableRandom r = new SplittableRandom(1);
			w1 = root.create(random(r, BANDS * HIDDEN), new Shape(BANDS, HIDDEN));
			b1 = root.create(random(r, HIDDEN), new Shape(HIDDEN));
			w2 = root.create(random(r, HIDDEN * OUT), new Shape(HIDDEN, OUT));
		}

		/** Deliberately also starts ops from the weights, whose results DJL attaches to the weights' manager. */
		NDArray apply(final NDArray x) {
			final NDArray scaledW2 = w2.mul(0.5f);
			return x.matMul(w1).add(b1).maximum(0f).matMul(scaledW2);
		}
	}

	@Test
	void twoHundredTilesLeaveTheNativeFootprintUnchanged() throws IOException {
		try (NDManager root = Engines.newManager(Device.CPU)) {
			final SmallNetwork net = new SmallNetwork(root);
			final int arraysBefore = root.getManagedArrays().size();
			final SplittableRandom r = new SplittableRandom(2);
			final float[] pixels = random(r, PIXELS * BANDS);
			float[] first = null;
			long rssAfterWarmUp = 0;
			for (int tile = 0; tile < 200; tile++) {
				try (TileScope scope = TileScope.open(root)) {
					final NDArray x = scope.manager().create(pixels, new Shape(PIXELS, BANDS));
					final float[] out = net.apply(x).toFloatArray();
					if (first == null) first = out;
					else if (tile == 199) assertArrayEquals(first, out, 0f);
				}
				assertEquals(arraysBefore, root.getManagedArrays().size(), "arrays attached to the root after tile " + tile);
				if (tile == 19) rssAfterWarmUp = nativeBytes();
			}
			final long growth = nativeBytes() - rssAfterWarmUp;
			// One tile allocates ~2.3 MB of native arrays; 180 leaked tiles would be > 400 MB.
			assertTrue(growth < 48L << 20, "native memory (resident minus JVM-committed) grew by " + (growth >> 20) + " MB over 180 tiles");
		}
	}

	@Test
	void withoutTheScopeTheSameLoopLeaksIntoTheRootManager() {
		// The control for the test above: the count it watches does see a leak.
		try (NDManager root = Engines.newManager(Device.CPU)) {
			final SmallNetwork net = new SmallNetwork(root);
			final int before = root.getManagedArrays().size();
			final float[] pixels = random(new SplittableRandom(3), PIXELS * BANDS);
			for (int tile = 0; tile < 5; tile++) {
				try (NDManager tileManager = root.newSubManager()) {
					net.apply(tileManager.create(pixels, new Shape(PIXELS, BANDS))).toFloatArray();
				}
			}
			assertEquals(before + 5, root.getManagedArrays().size());
		}
	}

	@Test
	void keptArraysSurviveTheScope() {
		try (NDManager root = Engines.newManager(Device.CPU)) {
			final NDArray kept;
			try (TileScope scope = TileScope.open(root)) {
				kept = scope.keep(scope.manager().create(new float[] { 1, 2 }).mul(2f), root);
			}
			assertArrayEquals(new float[] { 2, 4 }, kept.toFloatArray(), 0f);
		}
	}

	private static long rssBytes() throws IOException {
		for (final String line : Files.readAllLines(Paths.get("/proc/self/status")))
			if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
		throw new IOException("no VmRSS in /proc/self/status");
	}

	private static float[] random(final SplittableRandom r, final int n) {
		final float[] a = new float[n];
		for (int i = 0; i < n; i++) a[i] = (float) (r.nextDouble() - 0.5);
		return a;
	}

	/**
	 * Resident memory outside the JVM's own committed heap and non-heap pools: what PyTorch holds. Earlier tests in
	 * the same JVM can make the Java heap grow during this loop; that must not count as native growth.
	 */
	private static long nativeBytes() throws IOException {
		System.gc();
		final java.lang.management.MemoryMXBean m = java.lang.management.ManagementFactory.getMemoryMXBean();
		return rssBytes() - m.getHeapMemoryUsage().getCommitted() - m.getNonHeapMemoryUsage().getCommitted();
	}
}
