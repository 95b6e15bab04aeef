package org.innsight.mws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.innsight.io.TiffFiles;

import ij.ImagePlus;
import ij.process.FloatProcessor;

/**
 * The Mutex Watershed sample ({@code sample-data/mws}): a synthetic membrane-stained tissue image of Voronoi
 * cells with dim nuclei, its true cell labels, and affinities like those of a good but noisy network.
 * <ul>
 * <li>{@code cells.tif}: 32-bit, 0.15 background + 0.7 x membrane profile + 0.1 inside nuclei (radius 5 px) +
 * Gaussian noise (sd 0.08)</li>
 * <li>{@code truth.tif}: 16-bit cell labels 1..cells</li>
 * <li>{@code affinities.h5}: dataset {@code affinities} (8, Y, X) float32 with attributes {@code offsets}
 * ((dy, dx): {@link #OFFSETS_YX}) and {@code attractive} = 2; value = 0.85 if both pixels lie in one cell else
 * 0.15, plus Gaussian noise (sd 0.12), clipped to [0, 1]; 0 where the edge leaves the image</li>
 * </ul>
 */
public final class MwsSample {

	public static final int SIZE = 256;
	public static final int GRID = 7;
	public static final int[][] OFFSETS_YX = { { -1, 0 }, { 0, -1 }, { -3, 0 }, { 0, -3 }, { -9, 0 }, { 0, -9 }, { -9, -9 }, { 9, -9 } };

	public final float[] image;
	public final int[] truth;
	public final Affinities affinities;
	public final int cells;

	private MwsSample(final float[] image, final int[] truth, final Affinities affinities, final int cells) {
		this.image = image;
		this.truth = truth;
		this.affinities = affinities;
		this.cells = cells;
	}

	/** Makes the sample from {@code seed}; the same seed gives the same values on every machine. */
	public static MwsSample make(final long seed) {
		final SyntheticCells tissue = SyntheticCells.voronoi(SIZE, SIZE, GRID, GRID, 1.0, seed);
		final SplittableRandom rng = new SplittableRandom(seed ^ 0x5EEDL);
		final int n = SIZE * SIZE;
		final float[] image = new float[n];
		for (int y = 0, p = 0; y < SIZE; y++)
			for (int x = 0; x < SIZE; x++, p++) {
				final int cell = tissue.labels[p] - 1;
				final double dx = x + 0.5 - tissue.seedX[cell], dy = y + 0.5 - tissue.seedY[cell];
				final double nucleus = dx * dx + dy * dy <= 25 ? 0.1 : 0;
				image[p] = (float) (0.15 + 0.7 * tissue.boundary[p] + nucleus + 0.08 * rng.nextGaussian());
			}
		final int[][] offsets = Affinities.reverseEach(OFFSETS_YX);
		final float[] v = new float[offsets.length * n];
		for (int c = 0; c < offsets.length; c++)
			for (int y = 0; y < SIZE; y++)
				for (int x = 0; x < SIZE; x++) {
					final int tx = x + offsets[c][0], ty = y + offsets[c][1];
					if (tx < 0 || ty < 0 || tx >= SIZE || ty >= SIZE) continue;
					final boolean same = tissue.labels[y * SIZE + x] == tissue.labels[ty * SIZE + tx];
					final double a = (same ? 0.85 : 0.15) + 0.12 * rng.nextGaussian();
					v[c * n + y * SIZE + x] = (float) Math.min(1, Math.max(0, a));
				}
		return new MwsSample(image, tissue.labels, Affinities.ofXyz(v, new int[] { SIZE, SIZE }, offsets), tissue.cells());
	}

	/** The files {@link #write} writes into {@code dir}. */
	public static List<Path> files(final Path dir) {
		return List.of(dir.resolve("cells.tif"), dir.resolve("truth.tif"), dir.resolve("affinities.h5"));
	}

	/** Writes cells.tif, truth.tif and affinities.h5 into {@code dir} (created if missing). */
	public void write(final Path dir) throws IOException {
		Files.createDirectories(dir);
		final ImagePlus cellsImage = new ImagePlus("cells", new FloatProcessor(SIZE, SIZE, image.clone()));
		cellsImage.resetDisplayRange();
		TiffFiles.write(cellsImage, dir.resolve("cells.tif"), List.of());
		final ImagePlus labels = MwsImages.labels(truth, new int[] { SIZE, SIZE }, "truth", null);
		labels.setProperty("Info", "True cell labels of the Mutex Watershed sample: " + cells + " cells\n");
		TiffFiles.write(labels, dir.resolve("truth.tif"), List.of());
		AffinityFiles.writeHdf5(dir.resolve("affinities.h5"), AffinityFiles.DEFAULT_DATASET, affinities, 2, List.of());
	}
}
