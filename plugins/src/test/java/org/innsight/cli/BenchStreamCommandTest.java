package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.innsight.io.OmeZarr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench stream --capability ood} on a small image with the bundled OOD model: what it prints and keeps. */
class BenchStreamCommandTest {

	@Test
	void theOodCapabilityStreamsTheMapsOfTheSyntheticImageAndPrintsItsMemory(@TempDir final Path dir) throws Exception {
		final Path work = dir.resolve("work");
		final CliRun r = CliRun.of("--device", "cpu", "bench", "stream", "--capability", "ood", "--size", "40", "--tile-size", "16", "--work",
			work.toString());
		assertEquals(0, r.exit(), r.err());
		assertTrue(r.out().contains("model:     msi-ood-16band"), r.out());
		assertTrue(r.out().contains("image:     40 x 40 x 16 float32") && r.out().contains("chunks 16 x 16 x 16"), r.out());
		assertTrue(r.out().contains("of 1600 pixels flagged; maps ood_score, ood_mask"), r.out());
		assertTrue(r.out().contains("peak RSS:"), r.out());
		// the kept maps: one 40 x 40 map per name, read back
		final OmeZarr.Image mask = OmeZarr.open(work.resolve("maps/input_ood_mask.ome.zarr"));
		assertEquals("xy", mask.letters());
		assertEquals(40, mask.dimensions()[0]);
		assertTrue(Files.isDirectory(work.resolve("maps/input_ood_score.ome.zarr")));
		final CliRun wrong = CliRun.of("bench", "stream", "--capability", "mws", "--size", "8");
		assertEquals(1, wrong.exit());
		assertTrue(wrong.err().contains("--capability mws: give posterior or ood"), wrong.err());
	}
}
