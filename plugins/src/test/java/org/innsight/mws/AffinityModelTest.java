package org.innsight.mws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.innsight.engine.Device;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jhdf.HdfFile;

/** The TorchScript fixtures (make_fixtures.py) run tile by tile give the network's whole-image output. */
class AffinityModelTest {

	private static float[] dataset(final Path file, final String name) {
		try (HdfFile f = new HdfFile(file)) {
			return (float[]) f.getDatasetByPath(name).getDataFlat();
		}
	}

	private static void check(final String model, final int[] dims, final int[] tile) throws IOException {
		final AffinityModel m = AffinityModel.load(AffinityFilesTest.fixture(model));
		final Path io = AffinityFilesTest.fixture(model + "_io.h5");
		final float[] expected = dataset(io, "output");
		final long[] tiles = new long[1];
		final Affinities a = m.predict(dataset(io, "input"), dims, Device.CPU, tile, (done, total, message) -> tiles[0] = total);
		assertArrayEquals(dims, a.dims());
		assertEquals(expected.length, a.values().length);
		for (int i = 0; i < expected.length; i++) assertEquals(expected[i], a.values()[i], 2e-5f, model + " value " + i);
		if (tile != null) assertTrue(tiles[0] > 4, "tiles: " + tiles[0]);
	}

	@Test
	void the2dFixtureMatchesTheScriptsOutputWithSmallTiles() throws IOException {
		check("model2d", new int[] { 45, 37 }, new int[] { 8, 10 });
	}

	@Test
	void the2dFixtureMatchesWithTheCardsTiles() throws IOException {
		check("model2d", new int[] { 45, 37 }, null);
	}

	@Test
	void the3dFixtureMatchesTheScriptsOutputWithSmallTiles() throws IOException {
		check("model3d", new int[] { 11, 13, 7 }, new int[] { 4, 5, 3 });
	}

	@Test
	void theCardGivesOffsetsInXyzAttractiveChannelsAndMeaning() throws IOException {
		final AffinityModel m = AffinityModel.load(AffinityFilesTest.fixture("model2d"));
		// card: [[-1,0],[0,-1],[-3,0],[0,-3]] in (dy, dx)
		assertArrayEquals(new int[][] { { 0, -1 }, { -1, 0 }, { 0, -3 }, { -3, 0 } }, m.offsets());
		assertEquals(2, m.attractive());
		assertEquals(AffinityMeaning.SAME_OBJECT, m.meaning());
		assertArrayEquals(new int[] { 32, 32 }, m.tile());
	}

	@Test
	void aChangedWeightsFileOrAWrongImageIsRefused(@TempDir final Path dir) throws IOException {
		final Path copy = dir.resolve("m");
		Files.createDirectories(copy);
		final Path src = AffinityFilesTest.fixture("model2d");
		Files.copy(src.resolve("model.json"), copy.resolve("model.json"));
		final byte[] weights = Files.readAllBytes(src.resolve("model.pt"));
		weights[weights.length / 2] ^= 1;
		Files.write(copy.resolve("model.pt"), weights);
		final IOException e = assertThrows(IOException.class, () -> AffinityModel.load(copy));
		assertTrue(e.getMessage().contains("model.pt"), e.getMessage());
		final AffinityModel m = AffinityModel.load(src);
		assertThrows(IllegalArgumentException.class, () -> m.predict(new float[8], new int[] { 2, 2, 2 }, Device.CPU, null, ProgressListener.NONE));
		final String card = Files.readString(src.resolve("model.json"), StandardCharsets.UTF_8).replace("mws-affinities", "posterior-cinn");
		Files.writeString(copy.resolve("model.json"), card);
		Files.copy(src.resolve("model.pt"), copy.resolve("model.pt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		final IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> AffinityModel.load(copy));
		assertTrue(kind.getMessage().contains("not an affinity model"), kind.getMessage());
	}
}
