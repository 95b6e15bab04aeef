package org.innsight.mws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HDF5 affinities written by h5py (make_fixtures.py) read with the right axis and offset order. */
class AffinityFilesTest {

	static Path fixture(final String name) {
		try {
			return Paths.get(AffinityFilesTest.class.getResource(name).toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void a3dDatasetKeepsNumpyOrderAndItsOffsetsAreReversedToXyz() throws IOException {
		final AffinityFiles.Loaded l = AffinityFiles.readHdf5(fixture("affinities.h5"), "aff3d", null);
		final Affinities a = l.affinities;
		assertArrayEquals(new int[] { 5, 4, 3 }, a.dims());
		assertEquals(4, a.channels());
		assertEquals(3, (int) l.attractive);
		for (int c = 0; c < 4; c++)
			for (int z = 0; z < 3; z++)
				for (int y = 0; y < 4; y++)
					for (int x = 0; x < 5; x++) assertEquals(c * 1000 + z * 100 + y * 10 + x, a.get(c, x + 5 * (y + 4 * z)), 0);
		// File offsets (dz, dy, dx): [-1,0,0], [0,-1,0], [0,0,-1], [-2,1,3].
		assertArrayEquals(new int[][] { { 0, 0, -1 }, { 0, -1, 0 }, { -1, 0, 0 }, { 3, 1, -2 } }, a.offsets());
	}

	@Test
	void a2dFloat64ChunkedGzipDatasetReads() throws IOException {
		final Affinities a = AffinityFiles.readHdf5(fixture("affinities.h5"), "aff2d", null).affinities;
		assertArrayEquals(new int[] { 7, 6 }, a.dims());
		for (int c = 0; c < 3; c++) for (int y = 0; y < 6; y++) for (int x = 0; x < 7; x++) assertEquals(c * 100 + y * 10 + x, a.get(c, x + 7 * y), 0);
		assertArrayEquals(new int[][] { { 0, -1 }, { -1, 0 }, { -2, 4 } }, a.offsets());
		assertNull(AffinityFiles.readHdf5(fixture("affinities.h5"), "aff2d", null).attractive);
	}

	@Test
	void uint8AffinitiesAreScaledTo01() throws IOException {
		final Affinities a = AffinityFiles.readHdf5(fixture("affinities.h5"), "uint8", null).affinities;
		assertArrayEquals(new float[] { 0, 0.2f, 1, 0.4f, 0.8f, 1 / 255f }, a.values(), 1e-7f);
	}

	@Test
	void offsetsGivenByTheCallerWinAndMissingOnesAreNamed() throws IOException {
		final Affinities a = AffinityFiles.readHdf5(fixture("affinities.h5"), "noattr", new int[][] { { -1, 0 }, { 0, -1 } }).affinities;
		assertArrayEquals(new int[][] { { 0, -1 }, { -1, 0 } }, a.offsets());
		final IOException e = assertThrows(IOException.class, () -> AffinityFiles.readHdf5(fixture("affinities.h5"), "noattr", null));
		assertTrue(e.getMessage().contains("affinities.h5") && e.getMessage().contains("offsets"), e.getMessage());
		final IOException missing = assertThrows(IOException.class, () -> AffinityFiles.readHdf5(fixture("affinities.h5"), "nothere", null));
		assertTrue(missing.getMessage().contains("nothere"), missing.getMessage());
		assertThrows(IOException.class, () -> AffinityFiles.readHdf5(fixture("affinities.h5"), "noattr", new int[][] { { -1, 0 } }));
	}

	@Test
	void segmentingTheFileEqualsSegmentingTheSameValuesWithXyzOffsets() throws IOException {
		final AffinityFiles.Loaded l = AffinityFiles.readHdf5(fixture("affinities.h5"), "random", null);
		final int[] fromFile = MutexWatershed.segment(l.affinities, new MwsOptions().attractive(l.attractive));
		// The file holds (C=5, Y=9, X=11) with (dy, dx) offsets [-1,0], [0,-1], [-3,0], [0,-3], [2,-2].
		final int[] expected = NaiveMws.run(99, NaiveMws.gridEdges(l.affinities.values(), new int[] { 11, 9 },
			new int[][] { { 0, -1 }, { -1, 0 }, { 0, -3 }, { -3, 0 }, { -2, 2 } }, 2, false, new int[] { 1, 1 }, false, 0, null), null, null, 0);
		assertArrayEquals(expected, fromFile);
	}

	@Test
	void writtenAffinitiesReadBackIdentically(@TempDir final Path dir) throws IOException {
		final float[] v = new float[2 * 3 * 4 * 5];
		for (int i = 0; i < v.length; i++) v[i] = i / 7f;
		final Affinities a = Affinities.ofXyz(v, new int[] { 5, 4, 3 }, new int[][] { { -1, 0, 0 }, { 2, -1, 3 } });
		final Path file = dir.resolve("a.h5");
		AffinityFiles.writeHdf5(file, "affinities", a, 1, java.util.List.of());
		final AffinityFiles.Loaded back = AffinityFiles.readHdf5(file, "affinities", null);
		assertArrayEquals(v, back.affinities.values());
		assertArrayEquals(a.offsets(), back.affinities.offsets());
		assertEquals(1, (int) back.attractive);
		assertThrows(IllegalArgumentException.class, () -> AffinityFiles.writeHdf5(file, "affinities", a, 1, java.util.List.of(file)));
	}
}
