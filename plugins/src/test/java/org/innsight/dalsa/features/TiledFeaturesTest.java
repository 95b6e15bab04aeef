package org.innsight.dalsa.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.Volume;
import org.junit.jupiter.api.Test;

class TiledFeaturesTest {

	private static Volume noise(final long seed, final int w, final int h, final int d, final double[] spacing) {
		final Random random = new Random(seed);
		final Volume v = new Volume(w, h, d, spacing);
		for (int i = 0; i < v.size(); i++) v.voxels[i] = (float) random.nextGaussian();
		return v;
	}

	@Test
	void tiledFeaturesEqualUntiledFeaturesBitForBit() {
		final double[] spacing = { 1.0, 1.3, 2.5 };
		final MultiModalScan scan = new MultiModalScan(List.of("a", "b"),
			List.of(noise(1, 29, 23, 19, spacing), noise(2, 29, 23, 19, spacing)));
		final FeatureExtractor fx = new FeatureExtractor(scan, new FeatureSettings(new double[] { 1, 2, 4 }, true, 3));
		assertEquals(2 * (1 + 3 * 10), fx.featureCount());
		final float[][] whole = TiledFeatures.all(fx, new int[] { 29, 23, 19 }, 1);
		for (final int[] tile : new int[][] { { 7, 9, 5 }, { 29, 23, 4 }, { 3, 23, 19 }, { 6, 4, 2 } }) {
			final float[][] tiled = TiledFeatures.all(fx, tile, 2);
			for (int f = 0; f < whole.length; f++)
				assertArrayEquals(whole[f], tiled[f], 0f, "feature " + fx.featureNames().get(f) + " with tiles " + java.util.Arrays.toString(tile));
		}
	}

	@Test
	void gatherReturnsTheRequestedVoxelsInTheRequestedOrder() {
		final double[] spacing = { 1, 1, 1 };
		final MultiModalScan scan = new MultiModalScan(List.of("a"), List.of(noise(3, 16, 12, 10, spacing)));
		final FeatureExtractor fx = new FeatureExtractor(scan, new FeatureSettings(new double[] { 1, 2 }, false, 3));
		final float[][] all = TiledFeatures.all(fx, new int[] { 16, 12, 10 }, 1);
		final int[] voxels = { 1919, 0, 17, 500, 17, 1000 };
		final float[][] some = TiledFeatures.gather(fx, voxels, new int[] { 5, 5, 3 }, 2, null);
		for (int f = 0; f < all.length; f++)
			for (int i = 0; i < voxels.length; i++) assertEquals(all[f][voxels[i]], some[f][i], 0f);
	}
}
