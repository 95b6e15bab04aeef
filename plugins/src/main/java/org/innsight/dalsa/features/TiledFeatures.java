package org.innsight.dalsa.features;

import java.util.List;

import org.innsight.progress.ParallelTasks;
import org.innsight.progress.ProgressListener;

/**
 * Feature vectors of chosen voxels, computed tile by tile in parallel; only tiles holding a chosen voxel are
 * smoothed. Results are column-major: table[feature][i] belongs to voxels[i].
 */
public final class TiledFeatures {

	private TiledFeatures() {}

	/** Features of the given voxels (linear indices, x fastest), in the order given. */
	public static float[][] gather(final FeatureExtractor extractor, final int[] voxels, final int[] tileSize, final int threads,
		final ProgressListener progress)
	{
		final int[] dims = extractor.dimensions();
		final List<Box> tiles = extractor.tiles(tileSize);
		final int nx = ceilDiv(dims[0], Math.min(tileSize[0], dims[0])), ny = ceilDiv(dims[1], Math.min(tileSize[1], dims[1]));
		final int[] tx = { Math.min(tileSize[0], dims[0]), Math.min(tileSize[1], dims[1]), Math.min(tileSize[2], dims[2]) };
		// Bucket the voxels by tile (compressed rows: start[t] .. start[t+1] in members).
		final int[] start = new int[tiles.size() + 1];
		final int[] tileOf = new int[voxels.length];
		for (int i = 0; i < voxels.length; i++) {
			final int v = voxels[i];
			if (v < 0 || v >= dims[0] * dims[1] * dims[2]) throw new IllegalArgumentException("voxel index " + v + " outside the image");
			final int x = v % dims[0], y = (v / dims[0]) % dims[1], z = v / (dims[0] * dims[1]);
			tileOf[i] = x / tx[0] + nx * (y / tx[1] + ny * (z / tx[2]));
			start[tileOf[i] + 1]++;
		}
		for (int t = 0; t < tiles.size(); t++) start[t + 1] += start[t];
		final int[] members = new int[voxels.length];
		final int[] fill = start.clone();
		for (int i = 0; i < voxels.length; i++) members[fill[tileOf[i]]++] = i;
		final int[] busy = java.util.stream.IntStream.range(0, tiles.size()).filter(t -> start[t + 1] > start[t]).toArray();

		final int features = extractor.featureCount();
		final float[][] table = new float[features][voxels.length];
		ParallelTasks.run(busy.length, threads, b -> {
			final int t = busy[b];
			final TileFeatures tile = extractor.compute(tiles.get(t));
			final float[] row = new float[features];
			for (int k = start[t]; k < start[t + 1]; k++) {
				final int i = members[k], v = voxels[i];
				tile.featuresAt(v % dims[0], (v / dims[0]) % dims[1], v / (dims[0] * dims[1]), row, 0);
				for (int f = 0; f < features; f++) table[f][i] = row[f];
			}
		}, progress, "features");
		return table;
	}

	/** Every feature of every voxel: table[feature][voxel]. Needs features x voxels floats; for small scans. */
	public static float[][] all(final FeatureExtractor extractor, final int[] tileSize, final int threads) {
		final int[] dims = extractor.dimensions();
		final int[] voxels = new int[dims[0] * dims[1] * dims[2]];
		for (int i = 0; i < voxels.length; i++) voxels[i] = i;
		return gather(extractor, voxels, tileSize, threads, ProgressListener.NONE);
	}

	private static int ceilDiv(final int a, final int b) {
		return (a + b - 1) / b;
	}
}
