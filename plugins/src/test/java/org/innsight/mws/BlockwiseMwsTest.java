package org.innsight.mws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blockwise Mutex Watershed against the whole-volume result, block files, stride origin and affinity sources. */
class BlockwiseMwsTest {

	/** The benchmark's 3D offsets in (x, y, z). */
	static final int[][] OFFSETS = Affinities.reverseEach(MwsBenchmark.OFFSETS_3D_ZYX);
	static final int[] DIMS = { 64, 64, 32 };

	static MwsOptions options() {
		return new MwsOptions().attractive(3).strides(2, 2, 1).threads(1);
	}

	static AffinitySource smooth() {
		return new VoronoiAffinitySource(DIMS, OFFSETS, 60, 0.05, 3);
	}

	@Test
	void oneBlockCoveringTheVolumeIsTheWholeVolumeResult() throws IOException {
		final AffinitySource s = smooth();
		final int[] whole = MutexWatershed.segment(s.read(new int[3], DIMS), options());
		assertArrayEquals(whole, BlockwiseMws.segment(s, DIMS, 0, options()));
	}

	@Test
	void blockwiseAgreesWithWholeOnASmoothVolume() throws IOException {
		final AffinitySource s = smooth();
		final int[] whole = MutexWatershed.segment(s.read(new int[3], DIMS), options());
		final int[] blocks = BlockwiseMws.segment(s, new int[] { 32, 32, 16 }, 9, options());
		final AdaptedRand.Result r = AdaptedRand.of(blocks, whole);
		System.out.println("blockwise 8 blocks of 32x32x16, halo 9, vs whole 64x64x32: " + r);
		assertTrue(r.error <= 0.01, r.toString());
	}

	@Test
	void withoutAHaloBlocksDisagreeMore() throws IOException {
		final AffinitySource s = smooth();
		final int[] whole = MutexWatershed.segment(s.read(new int[3], DIMS), options());
		final double halo9 = AdaptedRand.of(BlockwiseMws.segment(s, new int[] { 32, 32, 16 }, 9, options()), whole).error;
		final double halo0 = AdaptedRand.of(BlockwiseMws.segment(s, new int[] { 32, 32, 16 }, 0, options()), whole).error;
		System.out.println("adapted Rand error halo 0: " + halo0 + ", halo 9: " + halo9);
		assertTrue(halo0 > halo9, halo0 + " <= " + halo9);
	}

	@Test
	void blockFilesStitchedEqualInProcessBlockwise(@TempDir final Path dir) throws IOException {
		final AffinitySource s = smooth();
		final int[] block = { 32, 32, 16 };
		final BlockGrid grid = new BlockGrid(DIMS, block, 9);
		assertEquals(8, grid.blocks());
		// written in reverse, as independent shards might
		for (int i = grid.blocks() - 1; i >= 0; i--) BlockwiseMws.solve(s, grid, i, options()).write(dir.resolve(BlockLabels.fileName(i)), List.of());
		final BlockwiseMws.Stitcher st = new BlockwiseMws.Stitcher(DIMS);
		for (int i = 0; i < grid.blocks(); i++) st.add(BlockLabels.read(dir.resolve(BlockLabels.fileName(i))));
		assertArrayEquals(BlockwiseMws.segment(s, block, 9, options()), st.finish());
	}

	@Test
	void stitchingOutOfOrderOrANonBlockFileIsRefused(@TempDir final Path dir) throws IOException {
		final AffinitySource s = smooth();
		final BlockGrid grid = new BlockGrid(DIMS, new int[] { 32, 32, 16 }, 9);
		final BlockwiseMws.Stitcher st = new BlockwiseMws.Stitcher(DIMS);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> st.add(BlockwiseMws.solve(s, grid, 1, options())));
		assertTrue(e.getMessage().contains("expected block 0"), e.getMessage());
		final Path junk = dir.resolve("junk.mwsblock");
		Files.writeString(junk, "not a block");
		final IOException io = assertThrows(IOException.class, () -> BlockLabels.read(junk));
		assertTrue(io.getMessage().contains(junk.toString()), io.getMessage());
	}

	@Test
	void maskSeedsAndRandomStridesAreRefused() {
		final AffinitySource s = smooth();
		assertThrows(IllegalArgumentException.class, () -> BlockwiseMws.segment(s, DIMS, 0, options().randomStrides(true, 1)));
		assertThrows(IllegalArgumentException.class, () -> BlockwiseMws.segment(s, DIMS, 0, options().minSize(10)));
	}

	@Test
	void strideOriginKeepsTheWholeVolumesRepulsiveEdges() {
		// a 1D-like row: 10 x 1 pixels, offsets (+1,0) attractive and (+2,0) repulsive, stride 3 in x
		final int[][] offsets = { { 1, 0 }, { 0, 1 }, { 2, 0 } };
		final Affinities a = Affinities.ofXyz(new float[3 * 10], new int[] { 10, 1 }, offsets);
		// whole volume from 0: sources 0, 3, 6 (9 + 2 leaves the image) -> 3 repulsive edges
		assertEquals(9 + 0 + 3, new GridEdges(a, new MwsOptions().attractive(2).strides(3, 1)).count());
		// the same 10 pixels as a block starting at x = 4: global sources 6, 9, 12 -> local 2, 5, 8; 8 + 2 leaves -> 2
		assertEquals(9 + 0 + 2, new GridEdges(a, new MwsOptions().attractive(2).strides(3, 1).strideOrigin(4, 0)).count());
	}

	@Test
	void voronoiBoxesMatchTheWholeVolume() throws IOException {
		final AffinitySource s = smooth();
		final Affinities whole = s.read(new int[3], DIMS);
		final Affinities box = s.read(new int[] { 5, 17, 9 }, new int[] { 20, 11, 7 });
		final Affinities expected = AffinitySource.of(whole).read(new int[] { 5, 17, 9 }, new int[] { 20, 11, 7 });
		assertArrayEquals(expected.values(), box.values());
	}

	@Test
	void hdf5BoxesMatchMemory(@TempDir final Path dir) throws IOException {
		final int[] dims = { 12, 10, 6 };
		final Affinities whole = new VoronoiAffinitySource(dims, OFFSETS, 5, 0.1, 1).read(new int[3], dims);
		final Path file = dir.resolve("aff.h5");
		AffinityFiles.writeHdf5(file, AffinityFiles.DEFAULT_DATASET, whole, 3, List.of());
		try (Hdf5AffinitySource h = new Hdf5AffinitySource(file, AffinityFiles.DEFAULT_DATASET, null)) {
			assertArrayEquals(dims, h.dims());
			assertEquals(3, h.attractive());
			final Affinities box = h.read(new int[] { 2, 3, 1 }, new int[] { 7, 5, 4 });
			assertArrayEquals(AffinitySource.of(whole).read(new int[] { 2, 3, 1 }, new int[] { 7, 5, 4 }).values(), box.values());
			assertArrayEquals(OFFSETS, box.offsets());
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.read(new int[] { 8, 0, 0 }, new int[] { 7, 1, 1 }));
			assertTrue(e.getMessage().contains("not inside the volume"), e.getMessage());
		}
	}

	@Test
	void chunkedHdf5BoxesMatchTheWholeDataset() throws Exception {
		// aff2d in the fixture is a chunked float64 dataset (3, 6, 7) with an offsets attribute
		final Path file = java.nio.file.Paths.get(getClass().getResource("affinities.h5").toURI());
		final Affinities whole = AffinityFiles.readHdf5(file, "aff2d", null).affinities;
		try (Hdf5AffinitySource h = new Hdf5AffinitySource(file, "aff2d", null)) {
			assertArrayEquals(new int[] { 7, 6 }, h.dims());
			final Affinities box = h.read(new int[] { 2, 1 }, new int[] { 4, 5 });
			assertArrayEquals(AffinitySource.of(whole).read(new int[] { 2, 1 }, new int[] { 4, 5 }).values(), box.values());
			final int[] labels = BlockwiseMws.segment(h, new int[] { 7, 6 }, 0, new MwsOptions().threads(1));
			assertArrayEquals(MutexWatershed.segment(whole, new MwsOptions().threads(1)), labels);
		}
	}

	@Test
	void twoDimensionalBlockwiseAgreesWithWhole() throws IOException {
		// smooth2d-like: 2D 128x96, the benchmark's 2D offsets, 2 attractive; 4x3 blocks of 32, halo 9
		final int[] dims = { 128, 96 };
		final AffinitySource s = new VoronoiAffinitySource(dims, Affinities.reverseEach(MwsBenchmark.OFFSETS_2D_YX), 25, 0.05, 5);
		final MwsOptions o = new MwsOptions().attractive(2).strides(2, 2).threads(1);
		final int[] whole = MutexWatershed.segment(s.read(new int[2], dims), o);
		assertArrayEquals(whole, BlockwiseMws.segment(s, dims, 0, o));
		final AdaptedRand.Result r = AdaptedRand.of(BlockwiseMws.segment(s, new int[] { 32, 32 }, 9, o), whole);
		System.out.println("2D 128x96, 12 blocks of 32x32, halo 9, vs whole: " + r);
		assertTrue(r.error <= 0.01, r.toString());
	}
}
