package org.innsight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

class EnginesTest {

	@Test
	void autoTakesTheFirstGpuWhenThereIsOneElseTheCpu() {
		assertEquals(ai.djl.Device.cpu(), Engines.resolve(Device.AUTO, 0));
		assertEquals(ai.djl.Device.gpu(0), Engines.resolve(Device.AUTO, 2));
	}

	@Test
	void cpuIsAlwaysTheCpu() {
		assertEquals(ai.djl.Device.cpu(), Engines.resolve(Device.CPU, 0));
		assertEquals(ai.djl.Device.cpu(), Engines.resolve(Device.CPU, 2));
	}

	@Test
	void presentGpusResolveToThemselves() {
		assertEquals(ai.djl.Device.gpu(0), Engines.resolve(Device.gpu(0), 2));
		assertEquals(ai.djl.Device.gpu(1), Engines.resolve(Device.gpu(1), 2));
	}

	@Test
	void anAbsentGpuIsAClearError() {
		final IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Engines.resolve(Device.gpu(0), 0));
		assertTrue(none.getMessage().contains("gpu:0") && none.getMessage().contains("no GPU"), none.getMessage());
		final IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> Engines.resolve(Device.gpu(2), 2));
		assertTrue(two.getMessage().contains("gpu:2") && two.getMessage().contains("gpu:0 .. gpu:1"), two.getMessage());
	}

	@Test
	void theBundledCpuEngineLoadsOfflineAndComputes() {
		assertEquals("true", System.getProperty("ai.djl.offline"));
		assertEquals("PyTorch", Engines.pytorch().getEngineName());
		try (NDManager m = Engines.newManager(Device.CPU)) {
			final NDArray a = m.create(new float[] { 1, 2, 3, 4 }, new ai.djl.ndarray.types.Shape(2, 2));
			assertEquals(52f, a.matMul(a.transpose()).sum().getFloat(), 0f); // [[5,11],[11,25]]
			assertEquals(ai.djl.Device.cpu(), a.getDevice());
		}
	}

	@Test
	void autoOnThisMachineMatchesTheEnginesGpuCount() {
		final int gpus = Engines.pytorch().getGpuCount();
		assertEquals(gpus > 0 ? ai.djl.Device.gpu(0) : ai.djl.Device.cpu(), Engines.resolve(Device.AUTO));
		if (gpus == 0) assertThrows(IllegalArgumentException.class, () -> Engines.resolve(Device.parse("gpu")));
	}
}
