package org.innsight.ood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.image.Normalisation;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ai.djl.ndarray.NDManager;

/**
 * The highlight score on an untrained ensemble, whose density is the Gaussian of its standardisation (every member
 * alike, so the WAIC score is -log p / D): h is worked out by hand.
 */
class HighlightScoreTest {

	static final double[] MEAN = { 0.3, 0.4 }, SD = { 0.01, 0.02 };
	static final double[] OFFSETS = { 0.05, 0.1, 0.2 };

	/** -log p / D of the Gaussian at x, less the same at the mean: 0.5 sum (u_j)^2 / D. */
	static double excess(final double... x) {
		double s = 0;
		for (int j = 0; j < 2; j++) s += 0.5 * Math.pow((x[j] - MEAN[j]) / SD[j], 2);
		return s / 2;
	}

	@Test
	void ratioOfTheBestWhiteOffsetByHand() {
		final HighlightScore hs = new HighlightScore(OFFSETS, new float[] { 1, 1 }, 1.0);
		try (NDManager root = Engines.newManager(Device.CPU); OodModel model = OodDensityTest.untrained(root, 2, "none", MEAN, SD, null, null, hs)) {
			// row 0: the mean lifted by 0.1 (shift 0.1 takes it back to the mean); row 1: the mean (every shift is worse, 0.05 the least);
			// row 2: lifted by 0.12 (best shift 0.1 leaves 0.02); row 3: NaN (unscorable whatever the shift)
			final float[] x = { 0.4f, 0.5f, 0.3f, 0.4f, 0.42f, 0.52f, Float.NaN, 0.4f };
			final OodModel.Verdicts v = model.judge(x, 4);
			final float[] h = v.highlight();
			assertEquals(excess(0.4, 0.5), h[0], 2e-3); // 31.25
			assertEquals(-excess(0.25, 0.35), h[1], 2e-3); // -7.8125
			assertEquals(excess(0.42, 0.52) - excess(0.32, 0.42), h[2], 2e-3);
			assertTrue(Float.isNaN(h[3]));
			assertTrue(v.flag()[0] && !v.flag()[1] && v.flag()[2] && v.flag()[3], "the lifted rows and the NaN row are flagged");
			assertEquals(2, v.highlightFlagged(), "NaN is the WAIC score's to flag, not the highlight score's");
			assertEquals(List.of(OodMaps.SCORE, OodMaps.MASK, OodMaps.HIGHLIGHT), OodMaps.imageNames(model, false));
			assertNull(v.intensityZ());
		}
	}

	@Test
	void whiteIsTheCamerasGain() {
		final float[] x = new float[6];
		final JsonObject camera = new JsonObject();
		final JsonArray gain = new JsonArray();
		gain.add(0.5);
		gain.add(2.0);
		camera.add("gain", gain);
		assertArrayEquals(new float[] { 0.5f, 2f },
			OodCalibration.white(new TableSpectra(x, 3, List.of("band_0", "band_1"), null, Normalisation.NONE, camera)));
		assertArrayEquals(new float[] { 1f, 1f }, OodCalibration.white(new TableSpectra(x, 3, List.of("band_0", "band_1"), null, Normalisation.NONE, null)));
	}

	@Test
	void calibrationFlagsAtMostTheAskedSharesOfTheHeldOutRows() {
		final int n = 600, held = 300;
		final SplittableRandom rng = new SplittableRandom(5);
		final float[] x = new float[n * 2];
		for (int r = 0; r < n; r++)
			for (int j = 0; j < 2; j++) x[r * 2 + j] = (float) (MEAN[j] + SD[j] * rng.nextGaussian());
		final TableSpectra table = new TableSpectra(x, n, List.of("band_0", "band_1"), null, Normalisation.NONE, null);
		try (NDManager root = Engines.newManager(Device.CPU); OodModel withRows = OodDensityTest.untrained(root, 2, "none", MEAN, SD, null, null, null, c -> {
			c.training.seed = 3L;
			c.details.addProperty("calibration_rows", held);
		}))
		{
			final OodCalibration.Result r = OodCalibration.run(withRows, table, 0.02, 0.03, 0.04, false, "test card");
			assertEquals(held, r.rows());
			assertTrue(r.waicShare() <= 0.03 + 1e-9 && r.waicShare() >= 0.03 - 2.0 / held, "WAIC share " + r.waicShare());
			assertTrue(r.highlightShare() <= 0.04 + 1e-9 && r.highlightShare() >= 0.04 - 2.0 / held, "highlight share " + r.highlightShare());
			assertTrue(r.combinedShare() >= Math.max(r.waicShare(), r.highlightShare()) && r.combinedShare() <= 0.03 + 0.04 + 0.025);
			// a spectrum lifted by a white 0.1 is far above the calibrated highlight threshold, the mean below it
			assertTrue(r.highlight().outside(r.highlight().values(withRows, new float[] { 0.4f, 0.5f }, 1, withRows.score(new float[] { 0.4f, 0.5f }, 1))[0]));
			assertFalse(r.highlight().outside(r.highlight().values(withRows, new float[] { 0.3f, 0.4f }, 1, withRows.score(new float[] { 0.3f, 0.4f }, 1))[0]));
			// no highlight asked for: none in the result, and the card loses an old one
			final OodCalibration.Result none = OodCalibration.run(withRows, table, 0.02, 0.03, 0, false, "test card");
			assertNull(none.highlight());
			final JsonObject json = new JsonObject();
			final JsonObject details = new JsonObject();
			details.add(HighlightScore.DETAILS, r.highlight().toJson());
			details.addProperty("threshold", 1.0);
			json.add("details", details);
			assertFalse(OodCalibration.apply(json, none).getAsJsonObject("details").has(HighlightScore.DETAILS));
			assertEquals(r.threshold(), none.threshold(), 0, "the WAIC threshold does not depend on the highlight score");
		}
	}

	@Test
	void cardEntryRoundTripsAndBadEntriesNameTheCard() {
		final HighlightScore hs = new HighlightScore(OFFSETS, new float[] { 1, 2 }, 0.25);
		final HighlightScore back = HighlightScore.fromJson(hs.toJson(), 2, "card.json");
		assertArrayEquals(OFFSETS, back.offsets());
		assertArrayEquals(new float[] { 1, 2 }, back.white());
		assertEquals(0.25, back.threshold());
		final IllegalArgumentException wrongBands = assertThrows(IllegalArgumentException.class, () -> HighlightScore.fromJson(hs.toJson(), 3, "card.json"));
		assertTrue(wrongBands.getMessage().startsWith("card.json: 'details.highlight.white' has 2 values, the model has 3 bands"), wrongBands.getMessage());
		final JsonObject noThreshold = hs.toJson();
		noThreshold.remove("threshold");
		assertTrue(assertThrows(IllegalArgumentException.class, () -> HighlightScore.fromJson(noThreshold, 2, "card.json")).getMessage()
			.contains("card.json: 'details.highlight.threshold' is missing"));
		final JsonObject negative = hs.toJson();
		negative.getAsJsonArray("offsets").set(0, new com.google.gson.JsonPrimitive(-0.1));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> HighlightScore.fromJson(negative, 2, "card.json")).getMessage()
			.contains("offsets must be positive finite numbers"));
		assertThrows(IllegalArgumentException.class, () -> new HighlightScore(OFFSETS, new float[] { 0, 0 }, 0));
	}
}
