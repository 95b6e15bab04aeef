package org.innsight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceTest {

	@Test
	void parsesEveryAcceptedSpelling() {
		assertEquals(Device.AUTO, Device.parse("auto"));
		assertEquals(Device.CPU, Device.parse(" CPU "));
		assertEquals(Device.gpu(0), Device.parse("gpu"));
		assertEquals(Device.gpu(0), Device.parse("gpu:0"));
		assertEquals(Device.gpu(3), Device.parse("GPU:3"));
		assertEquals(Device.Kind.GPU, Device.parse("gpu:1").kind());
		assertEquals(1, Device.parse("gpu:1").gpuIndex());
		assertEquals(-1, Device.CPU.gpuIndex());
	}

	@Test
	void printsWhatItParses() {
		for (final String s : new String[] { "auto", "cpu", "gpu:0", "gpu:2" })
			assertEquals(s, Device.parse(s).toString());
	}

	@Test
	void rejectsNonsenseWithAMessageListingTheChoices() {
		for (final String bad : new String[] { "", "tpu", "gpu:", "gpu:x", "gpu:-1", "cuda" }) {
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Device.parse(bad), bad);
			assertTrue(e.getMessage().contains("auto, cpu, gpu or gpu:N") || e.getMessage().contains(">= 0"), e.getMessage());
		}
		assertThrows(IllegalArgumentException.class, () -> Device.parse(null));
	}
}
