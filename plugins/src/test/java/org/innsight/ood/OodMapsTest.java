package org.innsight.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.image.AxisType;
import org.innsight.image.SpectralImage;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDManager;
import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/** OOD maps of an image: the per-pixel scores of the model, the mask at its threshold, NaN pixels flagged, frames kept. */
class OodMapsTest {

	static final double[] MEAN = { 0.2, 0.4 }, SD = { 0.05, 0.1 };

	/** A w x h x 2 [x frames] image: pixel value = mean + (x - 3) * 1.5 sd in band 0, mean in band 1. */
	static ArrayImg<FloatType, FloatArray> image(final int w, final int h, final int frames) {
		final ArrayImg<FloatType, FloatArray> img = frames > 1 ? ArrayImgs.floats(w, h, 2, frames) : ArrayImgs.floats(w, h, 2);
		final RandomAccess<FloatType> ra = img.randomAccess();
		for (int t = 0; t < frames; t++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					ra.setPosition(x, 0);
					ra.setPosition(y, 1);
					if (frames > 1) ra.setPosition(t, 3);
					ra.setPosition(0, 2);
					ra.get().set((float) (MEAN[0] + (x - 3) * 1.5 * SD[0] + t * SD[0]));
					ra.setPosition(1, 2);
					ra.get().set((float) MEAN[1]);
				}
		return img;
	}

	@Test
	void mapsHoldEachPixelsScoreAndTheMaskItsThresholdTest() {
		try (NDManager root = Engines.newManager(Device.CPU); OodModel model = OodDensityTest.untrained(root, 2, "none", MEAN, SD)) {
			final ArrayImg<FloatType, FloatArray> img = image(7, 3, 1);
			img.update(null).getCurrentStorageArray()[(1 * 7 + 2)] = Float.NaN; // pixel (2, 1), band 0
			final OodMaps.Result r = OodMaps.compute(new SpectralImage("scan", img, null, new double[] { 520, 560 }), model, true, null);
			assertEquals("xy", r.score().axes().letters());
			assertEquals(21, r.pixels());
			assertEquals("scan_ood_score", r.score().title());
			final RandomAccess<FloatType> score = r.score().image().randomAccess(), spread = r.spread().image().randomAccess();
			final var mask = r.mask().image().randomAccess();
			int flagged = 0;
			for (int y = 0; y < 3; y++)
				for (int x = 0; x < 7; x++) {
					score.setPosition(new long[] { x, y });
					mask.setPosition(new long[] { x, y });
					spread.setPosition(new long[] { x, y });
					if (x == 2 && y == 1) {
						assertTrue(Float.isNaN(score.get().get()));
						assertEquals(255, mask.get().get());
						flagged++;
						continue;
					}
					final float[] px = { (float) (MEAN[0] + (x - 3) * 1.5 * SD[0]), (float) MEAN[1] };
					final float expected = model.score(px, 1)[0];
					assertEquals(expected, score.get().get(), 1e-5, "pixel " + x + "," + y);
					// threshold 0: -log p per band of this Gaussian exceeds 0 from |u| > 2.63 sd (x = 0, 1, 5, 6)
					assertEquals(expected > 0 ? 255 : 0, mask.get().get());
					assertEquals(0, spread.get().get(), 1e-3); // untrained members agree
					if (expected > 0) flagged++;
				}
			assertEquals(flagged, r.flagged());
			assertEquals(1, r.unscorable());
			assertEquals(1 + 3 * 4, flagged);
		}
	}

	@Test
	void framesAreScoredOneByOneAndKeptAsTheLastAxis() {
		try (NDManager root = Engines.newManager(Device.CPU); OodModel model = OodDensityTest.untrained(root, 1, "none", MEAN, SD)) {
			final OodMaps.Result r = OodMaps.compute(new SpectralImage("movie", image(7, 2, 3), null, null), model, false, null);
			assertEquals("xyt", r.score().axes().letters());
			assertEquals(3, r.score().size(AxisType.TIME));
			assertEquals(null, r.spread());
			final RandomAccess<FloatType> s = r.score().image().randomAccess();
			s.setPosition(new long[] { 3, 1, 0 });
			final float atMean = s.get().get();
			s.setPosition(new long[] { 3, 1, 2 }); // frame 2 is shifted by 2 sd in band 0
			assertEquals(atMean + 0.5 * 4 / 2, s.get().get(), 1e-4);
		}
	}

	@Test
	void wavelengthsOtherThanTheModelsAreAnErrorNamingBothLists() {
		try (NDManager root = Engines.newManager(Device.CPU); OodModel model = OodDensityTest.untrained(root, 1, "none", MEAN, SD)) {
			model.card(); // the untrained card has no wavelengths: only the channel count is checked
			final Exception e = assertThrows(IllegalArgumentException.class,
				() -> OodMaps.compute(new SpectralImage("three", ArrayImgs.floats(2, 2, 3), null, null), model, false, null));
			assertTrue(e.getMessage().contains("3 channels") && e.getMessage().contains("expects 2"), e.getMessage());
		}
		try (NDManager root = Engines.newManager(Device.CPU);
			OodModel model = OodDensityTest.untrained(root, 1, "none", MEAN, SD, new double[] { 520, 560 })) {
			final Exception e = assertThrows(IllegalArgumentException.class,
				() -> OodMaps.compute(new SpectralImage("scan", ArrayImgs.floats(2, 2, 2), null, new double[] { 520, 600 }), model, false, null));
			assertTrue(e.getMessage().contains("520, 600") && e.getMessage().contains("520, 560"), e.getMessage());
		}
	}

	@Test
	void theFinalFlagIsWaicOrIntensityAndTheMapsHoldTheIntensityZ() {
		// intensity: ln of the mean over the 2 bands, mu = ln 0.3, sd 0.1, bounds [-1, 1]; a pixel (a, 0.4) has mean (a + 0.4) / 2
		final IntensityScore intensity = new IntensityScore(Math.log(0.3), 0.1, -1, 1);
		try (NDManager root = Engines.newManager(Device.CPU);
			OodModel model = OodDensityTest.untrained(root, 2, "none", MEAN, SD, null, intensity))
		{
			final ArrayImg<FloatType, FloatArray> img = image(7, 1, 1); // band 0 = 0.2 + (x - 3) * 0.075
			final OodMaps.Result r = OodMaps.compute(new SpectralImage("scan", img, null, null), model, false, null);
			final var mask = r.mask().image().randomAccess();
			final RandomAccess<FloatType> z = r.intensityZ().image().randomAccess();
			// x = 0..6: band 0 = -0.025, 0.05, 0.125, 0.2, 0.275, 0.35, 0.425; mean = 0.1875 .. 0.4125
			// z = (ln mean - ln 0.3) / 0.1: x=2: ln(0.2625/0.3)/0.1 = -1.335 (dark, outside); x=3: 0; x=4: ln(0.3375/0.3)/0.1 = 1.178 (bright, outside)
			final double[] expectedZ = { Math.log(0.1875 / 0.3) / 0.1, Math.log(0.225 / 0.3) / 0.1, Math.log(0.2625 / 0.3) / 0.1, 0,
				Math.log(0.3375 / 0.3) / 0.1, Math.log(0.375 / 0.3) / 0.1, Math.log(0.4125 / 0.3) / 0.1 };
			long flagged = 0;
			for (int x = 0; x < 7; x++) {
				z.setPosition(new long[] { x, 0 });
				mask.setPosition(new long[] { x, 0 });
				assertEquals(expectedZ[x], z.get().get(), 1e-4, "z of pixel " + x);
				final float[] px = { (float) (MEAN[0] + (x - 3) * 1.5 * SD[0]), (float) MEAN[1] };
				final boolean waic = model.score(px, 1)[0] > 0; // x = 0, 1, 5, 6 (see above)
				final boolean expected = waic || Math.abs(expectedZ[x]) > 1;
				assertEquals(expected ? 255 : 0, mask.get().get(), "mask of pixel " + x);
				if (expected) flagged++;
			}
			// WAIC alone flags 4 (x = 0, 1, 5, 6); intensity adds the dark x = 2 and the bright x = 4; only x = 3 stays in
			assertEquals(6, flagged);
			assertEquals(6, r.flagged());
			assertEquals(4, r.waicFlagged());
			assertEquals(6, r.intensityFlagged());
			assertEquals(java.util.List.of(OodMaps.SCORE, OodMaps.MASK, OodMaps.INTENSITY_Z), OodMaps.imageNames(model, false));
		}
	}

	@org.junit.jupiter.api.io.TempDir
	java.nio.file.Path dir;

	/** The value of a map at (x, y[, frame]). */
	private static float at(final net.imglib2.RandomAccessibleInterval<? extends net.imglib2.type.numeric.RealType<?>> map, final long... position) {
		final var ra = map.randomAccess();
		ra.setPosition(map.numDimensions() == 2 ? new long[] { position[0], position[1] } : position);
		return ra.get().getRealFloat();
	}

	@Test
	void streamedMapsFromALazyOmeZarrInputEqualTheInMemoryMaps() throws java.io.IOException {
		// 270 x 260 pixels: tiles of 256 leave edge tiles 14 wide and 4 high; spread and intensity z give all four maps
		final IntensityScore intensity = new IntensityScore(Math.log(0.3), 0.1, -1, 1);
		final OodRequest request = OodRequest.defaults().with(OodRequest.SPREAD, true);
		try (NDManager root = Engines.newManager(Device.CPU);
			OodModel model = OodDensityTest.untrained(root, 2, "none", MEAN, SD, new double[] { 520, 560 }, intensity))
		{
			for (final int frames : new int[] { 1, 2 }) {
				final ArrayImg<FloatType, FloatArray> img = image(270, 260, frames);
				img.update(null).getCurrentStorageArray()[5 * 270 + 260] = Float.NaN; // pixel (260, 5), band 0, frame 0
				final SpectralImage inMemory = new SpectralImage("scan", img, null, new double[] { 520, 560 });
				final OodMaps.Result expected = OodMaps.compute(inMemory, model, true, null);
				final java.nio.file.Path input = dir.resolve("scan" + frames + ".ome.zarr"), out = dir.resolve("maps" + frames);
				org.innsight.io.OmeZarr.writeSpectral(inMemory, input, 64);
				final org.innsight.request.Outputs streamed = OodMaps.runStreamed(org.innsight.io.OmeZarr.openSpectral(input, 4), model, request, out,
					"scan", null);
				assertEquals(expected.flagged(), streamed.statistics().get(OodMaps.FLAGGED));
				assertEquals(expected.pixels(), streamed.statistics().get(OodMaps.PIXELS));
				assertEquals(1L, streamed.statistics().get(OodMaps.UNSCORABLE));
				assertEquals(expected.waicFlagged(), streamed.statistics().get(OodMaps.WAIC_FLAGGED));
				assertEquals(expected.intensityFlagged(), streamed.statistics().get(OodMaps.INTENSITY_FLAGGED));
				assertTrue(expected.flagged() > 0 && expected.flagged() < expected.pixels(), "some pixels flagged, not all: " + expected.flagged());
				final java.util.Map<String, net.imglib2.RandomAccessibleInterval<? extends net.imglib2.type.numeric.RealType<?>>> maps = java.util.Map.of(
					OodMaps.SCORE, expected.score().image(), OodMaps.MASK, expected.mask().image(), OodMaps.SPREAD, expected.spread().image(),
					OodMaps.INTENSITY_Z, expected.intensityZ().image());
				assertEquals(java.util.Set.copyOf(OodMaps.imageNames(model, true)), maps.keySet());
				for (final String name : OodMaps.imageNames(model, true)) {
					// read back from disk, as another program would
					final org.innsight.io.OmeZarr.Image file = org.innsight.io.OmeZarr.open(OodMaps.streamedMap(out, "scan", name));
					assertEquals(frames == 1 ? "xy" : "xyt", file.letters());
					assertEquals(name.equals(OodMaps.MASK) ? "|u1" : "<f4", file.array().dataType().dtype());
					final var lazy = file.lazy(2);
					long compared = 0;
					for (int t = 0; t < frames; t++)
						for (int y = 0; y < 260; y++)
							for (int x = 0; x < 270; x++, compared++) {
								final float e = at(maps.get(name), x, y, t), a = at(lazy, x, y, t);
								if (Float.floatToIntBits(e) != Float.floatToIntBits(a)) assertEquals(e, a, name + " at " + x + "," + y + "," + t);
							}
					assertEquals(270L * 260 * frames, compared);
				}
				assertTrue(Float.isNaN(at(org.innsight.io.OmeZarr.open(OodMaps.streamedMap(out, "scan", OodMaps.SCORE)).lazy(2), 260, 5, 0)));
				assertEquals(255, at(org.innsight.io.OmeZarr.open(OodMaps.streamedMap(out, "scan", OodMaps.MASK)).lazy(2), 260, 5, 0));
			}
		}
	}
}
