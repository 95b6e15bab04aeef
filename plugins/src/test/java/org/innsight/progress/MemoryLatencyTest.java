package org.innsight.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The memory probe chases one cycle through every slot, so each read depends on the one before and none repeats early. */
class MemoryLatencyTest {

	@Test
	void theChaseIsOneCycleThroughEverySlot() {
		for (final long seed : new long[] { 1, 2, 3 }) {
			final MemoryLatency m = new MemoryLatency(1, seed);
			assertEquals(1 << 18, m.cycleLength(), "seed " + seed);
			assertEquals(1L << 20, m.bytes());
		}
	}

	@Test
	void timesReadsAndRejectsBadSizes() {
		final double ns = new MemoryLatency(1, 1).nanosPerRead(100_000);
		assertTrue(ns > 0 && ns < 1e6, "ns per read: " + ns);
		assertThrows(IllegalArgumentException.class, () -> new MemoryLatency(0, 1));
		assertThrows(IllegalArgumentException.class, () -> new MemoryLatency(1, 1).nanosPerRead(0));
		final MemoryLatency m = new MemoryLatency(1, 1);
		final double parallel = m.nanosPerRead(160_000, 16);
		assertTrue(parallel > 0 && parallel < 1e6, "ns per read, 16 chases: " + parallel);
		assertTrue(m.nanosPerRead(1000) > 0, "the single chase still runs after the parallel ones");
		assertThrows(IllegalArgumentException.class, () -> new MemoryLatency(1, 1).nanosPerRead(100, 0));
		assertThrows(IllegalArgumentException.class, () -> new MemoryLatency(1, 1).nanosPerRead(8, 16));
	}
}
