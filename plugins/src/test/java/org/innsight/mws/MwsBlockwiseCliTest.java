package org.innsight.mws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.innsight.cli.InnSightCli;
import org.innsight.io.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

/** {@code innsight mws --block}, {@code --blocks-only --shard} and {@code innsight mws stitch} on a small HDF5 volume. */
class MwsBlockwiseCliTest {

	@TempDir
	Path dir;

	private static int[] pixels(final Path file) throws IOException {
		final ImagePlus imp = ImageFiles.open(file);
		final int w = imp.getWidth(), h = imp.getHeight(), n = imp.getStackSize();
		final int[] v = new int[w * h * n];
		for (int z = 0; z < n; z++) {
			final ij.process.ImageProcessor ip = imp.getStack().getProcessor(z + 1);
			for (int i = 0; i < w * h; i++) v[z * w * h + i] = (int) ip.getf(i);
		}
		return v;
	}

	@Test
	void shardsStitchedEqualTheInProcessBlockwiseRun() throws IOException {
		final int[] dims = BlockwiseMwsTest.DIMS;
		final AffinitySource s = BlockwiseMwsTest.smooth();
		final Path h5 = dir.resolve("aff.h5");
		AffinityFiles.writeHdf5(h5, AffinityFiles.DEFAULT_DATASET, s.read(new int[3], dims), 3, List.of());
		final Path inProcess = dir.resolve("blockwise.tif"), stitched = dir.resolve("stitched.tif"), blocks = dir.resolve("blocks");
		assertEquals(0, InnSightCli.run("--threads", "1", "mws", "--affinities", h5.toString(), "--block", "16,32,32", "--halo", "9", "--strides", "1,2,2",
			"-o", inProcess.toString()));
		for (final String shard : new String[] { "2/3", "1/3", "3/3" })
			assertEquals(0, InnSightCli.run("--threads", "1", "mws", "--affinities", h5.toString(), "--block", "16,32,32", "--halo", "9", "--strides",
				"1,2,2", "--blocks-only", blocks.toString(), "--shard", shard));
		try (var files = Files.list(blocks)) {
			assertEquals(8, files.count());
		}
		assertEquals(0, InnSightCli.run("mws", "stitch", "--blocks", blocks.toString(), "-o", stitched.toString()));
		final int[] expected = BlockwiseMws.segment(s, new int[] { 32, 32, 16 }, 9, BlockwiseMwsTest.options());
		assertArrayEquals(expected, pixels(inProcess));
		assertArrayEquals(expected, pixels(stitched));
		// a missing block is named, and nothing is written
		Files.delete(blocks.resolve(BlockLabels.fileName(5)));
		final Path broken = dir.resolve("broken.tif");
		assertNotEquals(0, InnSightCli.run("mws", "stitch", "--blocks", blocks.toString(), "-o", broken.toString()));
		assertTrue(Files.notExists(broken));
	}

	@Test
	void blockNeedsAnHdf5File() throws IOException {
		final Path tif = dir.resolve("aff.tif");
		Files.writeString(tif, "x");
		assertNotEquals(0, InnSightCli.run("mws", "--affinities", tif.toString(), "--block", "16,32,32", "-o", dir.resolve("l.tif").toString()));
		assertNotEquals(0, InnSightCli.run("mws", "--affinities", tif.toString(), "--shard", "1/2", "-o", dir.resolve("l.tif").toString()));
	}
}
