package org.innsight.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.innsight.optics.Camera;
import org.innsight.optics.CameraJson;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

/** The camera's variance-stabilising map: unit noise variance at every brightness, and only where it applies. */
class NoiseStabiliserTest {

	@Test
	void stabilisedCameraNoiseHasUnitVarianceFromDarkToBright() throws Exception {
		final Camera camera = CameraJson.load("msi-16band");
		final String[] why = { null };
		final NoiseStabiliser s = NoiseStabiliser.ofCamera(camera.definition(), "none", why);
		// msi-16band: SNR 100 at reflectance 1, 5% read noise: variance = 1e-4 * (0.95 s + 0.05)
		assertEquals(0.95e-4, s.shot(), 1e-12);
		assertEquals(0.05e-4, s.read(), 1e-12);
		final SplittableRandom rng = new SplittableRandom(1);
		for (final double level : new double[] { 0.005, 0.05, 0.3, 0.9 }) {
			final int n = 20_000;
			double sum = 0, sum2 = 0;
			final double[] bands = new double[16];
			for (int i = 0; i < n; i++) {
				java.util.Arrays.fill(bands, level);
				camera.addNoise(bands, rng);
				final double u = s.map(bands[3]);
				sum += u;
				sum2 += u * u;
			}
			final double var = sum2 / n - (sum / n) * (sum / n);
			// the raw noise sd differs 4x between 0.005 and 0.9; after the map it is 1 within sampling error
			assertEquals(1, var, 0.05, "stabilised noise variance at reflectance " + level);
		}
	}

	@Test
	void noStabiliserForNormalisedOrRelativeNoiseSpectra() throws Exception {
		final String[] why = { null };
		assertTrue(NoiseStabiliser.ofCamera(CameraJson.load("msi-16band").definition(), "l2", why).isIdentity());
		assertTrue(why[0].contains("normalised"), why[0]);
		assertTrue(NoiseStabiliser.ofCamera(CameraJson.load("pai-16wl").definition(), "none", why).isIdentity());
		assertTrue(why[0].contains("maximum"), why[0]);
		assertTrue(NoiseStabiliser.ofCamera(new JsonObject(), "none", why).isIdentity());
	}

	@Test
	void valuesFarBelowTheNoiseFloorCannotBeMappedAndTheJsonRoundTrips() {
		final NoiseStabiliser s = new NoiseStabiliser(1e-4, 1e-5);
		final float[] v = { 0.5f, -0.05f, -0.2f };
		s.apply(v, 0, 3);
		assertEquals(2 * Math.sqrt(1e-4 * 0.5 + 1e-5) / 1e-4, v[0], 1e-2);
		assertTrue(Float.isFinite(v[1])); // -0.05 > -read/shot = -0.1
		assertTrue(Float.isNaN(v[2]));
		final NoiseStabiliser back = NoiseStabiliser.fromJson(s.toJson(), "test");
		assertEquals(s, back);
		assertEquals(NoiseStabiliser.NONE, NoiseStabiliser.fromJson(NoiseStabiliser.NONE.toJson(), "test"));
		assertEquals(NoiseStabiliser.NONE, NoiseStabiliser.fromJson(null, "test"));
		// only read noise: a plain rescaling
		final NoiseStabiliser read = new NoiseStabiliser(0, 4e-4);
		assertEquals(-0.2 / 0.02, read.map(-0.2), 1e-12);
	}
}
