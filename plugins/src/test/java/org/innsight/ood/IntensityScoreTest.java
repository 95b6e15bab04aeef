package org.innsight.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class IntensityScoreTest {

	@Test
	void zIsTheStandardisedLogOfTheMeanBrightness() {
		// spectrum (0.1, 0.3): mean 0.2, ln 0.2 = -1.6094379; (ln 0.2 - (-1.5)) / 0.5 = -0.2188758
		final IntensityScore s = new IntensityScore(-1.5, 0.5, -2, 2);
		final float[] x = { 0.1f, 0.3f, 0.4f, 0.4f, 0f, 0f };
		final float[] z = s.z(x, 3, 2);
		assertEquals(-0.2188758, z[0], 1e-6);
		// (0.4, 0.4): ln 0.4 = -0.9162907; (-0.9162907 + 1.5) / 0.5 = 1.1674186
		assertEquals(1.1674186, z[1], 1e-6);
		assertEquals(Float.NEGATIVE_INFINITY, z[2]); // mean 0: darker than anything, flagged
		assertFalse(s.outside(z[0]));
		assertTrue(s.outside(z[2]));
		assertTrue(s.outside(2.01));
		assertTrue(s.outside(Double.NaN));
	}

	@Test
	void calibrationPutsTheChosenShareOutside() {
		// 1000 one-band spectra exp(k / 999 - 0.5): ln is a uniform grid on [-0.5, 0.5]
		final int n = 1000;
		final float[] x = new float[n];
		for (int k = 0; k < n; k++) x[k] = (float) Math.exp(k / 999.0 - 0.5);
		final IntensityScore s = IntensityScore.calibrate(x, n, 1, 0.02);
		assertEquals(0, s.mu(), 1e-6);
		// sample sd of that grid (spacing 1 / (n - 1)): sqrt(n (n + 1) / 12) / (n - 1) = 288.8194 / 999 = 0.2891085
		assertEquals(0.2891085, s.sigma(), 1e-5);
		// quantile 0.01 at rank 9.99: -0.5 + 9.99 / 999 = -0.49
		assertEquals(-0.49 / 0.2891085, s.lo(), 1e-4);
		assertEquals(0.49 / 0.2891085, s.hi(), 1e-4);
		int out = 0;
		for (final float z : s.z(x, n, 1)) if (s.outside(z)) out++;
		assertEquals(20, out, 2);
	}

	@Test
	void theShapeRegressionRecoversAKnownBrightnessLawAndTakesItOff() {
		// two bands x = (e^(c + t), e^(c - t)) * exposure: mean = e^c cosh t, shape s = (ln(e^t / cosh t), ln(e^-t / cosh t)),
		// s_1 - s_2 = 2t. Tissue here has brightness c = 0.5 * t^2 - 1 exactly (a law of the shape), so the fit leaves no residual
		// (mean 0, sd at the ridge's level) and the residual of a spectrum at half exposure is ln 0.5, whatever its t.
		final int n = 400;
		final float[] x = new float[2 * n];
		final java.util.SplittableRandom rng = new java.util.SplittableRandom(2);
		for (int r = 0; r < n; r++) {
			final double t = rng.nextDouble(-1, 1), c = 0.5 * t * t - 1 + 0.01 * rng.nextGaussian();
			x[2 * r] = (float) Math.exp(c + t);
			x[2 * r + 1] = (float) Math.exp(c - t);
		}
		final double[] coef = IntensityScore.fitShape(x, n, 2);
		assertEquals(IntensityScore.features(2), coef.length);
		final IntensityScore s = IntensityScore.calibrate(x, n, 2, 0.02, coef);
		assertTrue(s.givenShape());
		// ln mean = c + ln cosh t; the quadratic fit of c + ln cosh t in t (through s) leaves the noise (0.01) and the quartic rest of ln cosh
		assertTrue(s.sigma() < 0.02, "residual sd " + s.sigma());
		final IntensityScore plain = IntensityScore.calibrate(x, n, 2, 0.02);
		assertTrue(plain.sigma() > 5 * s.sigma(), "brightness alone spreads " + plain.sigma());
		final float[] half = { (float) (0.5 * Math.exp(-1 + 0.5 * 0.25 + 0.5)), (float) (0.5 * Math.exp(-1 + 0.5 * 0.25 - 0.5)) }; // t = 0.5
		assertEquals((Math.log(0.5) - s.mu()) / s.sigma(), s.zAt(half, 0, 2), 0.03 / s.sigma());
		assertTrue(s.outside(s.zAt(half, 0, 2)));
		// the card entry keeps the coefficients; a wrong count for the bands is refused naming the card
		final IntensityScore back = IntensityScore.fromJson(s.toJson(), 2, "m/model.json");
		assertEquals(s.zAt(half, 0, 2), back.zAt(half, 0, 2), 1e-12);
		assertEquals(IntensityScore.KIND_GIVEN_SHAPE, s.toJson().get("kind").getAsString());
		final IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> IntensityScore.fromJson(s.toJson(), 3, "m/model.json"));
		assertTrue(wrong.getMessage().startsWith("m/model.json: 'details.intensity.shape_coefficients' has 6 values, 3 bands need 10"), wrong.getMessage());
	}

	@Test
	void theCardEntryRoundTripsAndBadValuesAreRefusedNamingTheCard() {
		final IntensityScore s = new IntensityScore(-1.57, 0.42, -2.4, 1.9);
		final IntensityScore back = IntensityScore.fromJson(s.toJson(), "m/model.json");
		assertEquals(-2.4, back.lo());
		assertEquals(1.9, back.hi());
		final JsonObject swapped = s.toJson();
		swapped.addProperty("z_lo", 3.0);
		final IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> IntensityScore.fromJson(swapped, "m/model.json"));
		assertTrue(a.getMessage().startsWith("m/model.json: "), a.getMessage());
		assertTrue(a.getMessage().contains("z_lo (3.0) is above z_hi (1.9)"), a.getMessage());
		final JsonObject nan = JsonParser.parseString("{\"log_mean\": -1.5, \"log_sd\": 0.4, \"z_lo\": \"NaN\", \"z_hi\": 2}").getAsJsonObject();
		final IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> IntensityScore.fromJson(nan, "m/model.json"));
		assertTrue(b.getMessage().contains("m/model.json") && b.getMessage().contains("must be finite"), b.getMessage());
		final JsonObject sd = JsonParser.parseString("{\"log_mean\": -1.5, \"log_sd\": 0, \"z_lo\": -2, \"z_hi\": 2}").getAsJsonObject();
		assertTrue(assertThrows(IllegalArgumentException.class, () -> IntensityScore.fromJson(sd, "m/model.json")).getMessage().contains("log_sd"));
	}
}
