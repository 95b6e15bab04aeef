package org.innsight.optics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.innsight.image.Normalisation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class CameraTest {

	@TempDir
	Path dir;

	private static Camera parse(final String json) throws IOException {
		return CameraJson.parse(JsonParser.parseString(json).getAsJsonObject(), null, "test");
	}

	@Test
	void builtInCamerasHaveTheDocumentedBands() throws IOException {
		final Camera msi = CameraJson.load("msi-16band");
		assertEquals(16, msi.bands());
		assertEquals(500, msi.centres()[0]);
		assertEquals(520, msi.centres()[1]);
		assertEquals(800, msi.centres()[15]);
		final Camera hsi = CameraJson.load("hsi-100band");
		assertEquals(100, hsi.bands());
		assertEquals(500, hsi.centres()[0]);
		assertEquals(1000, hsi.centres()[99]);
		final Camera pai = CameraJson.load("pai-16wl");
		final double[] expected = new double[16];
		for (int i = 0; i < 16; i++) expected[i] = 700 + 10 * i;
		assertArrayEquals(expected, pai.centres());
		assertArrayEquals(expected, pai.grid(), "laser lines are sampled exactly");
		assertEquals(Normalisation.L2, pai.normalisation());
		assertEquals("700nm", pai.labels()[0]);
	}

	@Test
	void flatReflectanceReadsTheGainWhateverTheIllumination() throws IOException {
		final Camera c = parse("{\"centres_nm\": [520, 600, 700], \"fwhm_nm\": 20, \"gain\": [1, 0.5, 2], \"illumination\": {\"blackbody_k\": 3000}}");
		final double[] fine = new double[c.grid().length];
		Arrays.fill(fine, 1);
		final double[] bands = new double[3];
		c.integrate(fine, bands);
		assertArrayEquals(new double[] { 1, 0.5, 2 }, bands, 1e-12);
	}

	@Test
	void gaussianBandOfALinearSpectrumReadsItsCentreValue() throws IOException {
		final Camera c = parse("{\"centres_nm\": [600], \"fwhm_nm\": 30}");
		final double[] grid = c.grid();
		final double[] fine = new double[grid.length];
		for (int j = 0; j < grid.length; j++) fine[j] = 0.001 * grid[j];
		final double[] band = new double[1];
		c.integrate(fine, band);
		assertEquals(0.6, band[0], 1e-9);
	}

	@Test
	void normalisationMakesUnitL1OrL2Spectra() {
		final double[] a = { 3, 4 };
		Normalisation.L2.apply(a, 0, 2);
		assertArrayEquals(new double[] { 0.6, 0.8 }, a, 1e-12);
		final double[] b = { 1, 3 };
		Normalisation.L1.apply(b, 0, 2);
		assertArrayEquals(new double[] { 0.25, 0.75 }, b, 1e-12);
	}

	@Test
	void noiseHasTheStandardDeviationTheSnrPromises() throws IOException {
		final Camera c = parse("{\"centres_nm\": [600], \"fwhm_nm\": 0, \"noise\": {\"snr\": 50, \"reference\": 0.5, \"read_fraction\": 0.2}}");
		final SplittableRandom rng = new SplittableRandom(1);
		final int n = 40_000;
		for (final double level : new double[] { 0.5, 0.1 }) {
			double sum = 0, sum2 = 0;
			for (int i = 0; i < n; i++) {
				final double[] v = { level };
				c.addNoise(v, rng);
				sum += v[0];
				sum2 += v[0] * v[0];
			}
			final double mean = sum / n, sd = Math.sqrt(sum2 / n - mean * mean);
			// variance = (ref/snr)^2 * (0.8 * level/ref + 0.2)
			final double expected = 0.5 / 50 * Math.sqrt(0.8 * level / 0.5 + 0.2);
			assertEquals(level, mean, 4 * expected / Math.sqrt(n));
			assertEquals(expected, sd, 0.02 * expected, "level " + level);
		}
	}

	@Test
	void withoutNoiseGivesTheNoiseFreeSignal() throws IOException {
		final Camera noisy = CameraJson.load("msi-16band"), clean = noisy.withoutNoise();
		final double[] fine = new double[noisy.grid().length];
		Arrays.fill(fine, 0.3);
		final double[] a = new double[16], b = new double[16];
		noisy.signal(fine, a, new SplittableRandom(1));
		clean.signal(fine, b, new SplittableRandom(1));
		for (int i = 0; i < 16; i++) assertEquals(0.3, b[i], 1e-12);
		assertTrue(Arrays.stream(a).anyMatch(v -> Math.abs(v - 0.3) > 1e-4), "the built-in camera is noisy");
		assertTrue(!clean.definition().has("noise"));
	}

	@Test
	void specularOffsetIsAddedToEveryBand() throws IOException {
		final Camera c = parse("{\"centres_nm\": [550, 650], \"fwhm_nm\": 0, \"specular_offset\": 0.04, \"gain\": [1, 2]}");
		final double[] bands = new double[2];
		c.signal(new double[] { 0.2, 0.3 }, bands, new SplittableRandom(0));
		assertArrayEquals(new double[] { 0.24, 0.68 }, bands, 1e-12);
	}

	@Test
	void tabulatedResponsesComeFromACsvBesideTheJson() throws IOException {
		Files.writeString(dir.resolve("filters.csv"), "lambda_nm,blue,red\n500,1,0\n502,1,0\n504,0,1\n506,0,1\n");
		final Path json = dir.resolve("cam.json");
		Files.writeString(json, "{\"name\": \"two\", \"centres_nm\": [501, 505], \"response_csv\": \"filters.csv\"}");
		final Camera c = CameraJson.load(json.toString());
		assertArrayEquals(new double[] { 500, 502, 504, 506 }, c.grid());
		final double[] bands = new double[2];
		c.integrate(new double[] { 0.1, 0.3, 0.5, 0.7 }, bands);
		assertArrayEquals(new double[] { 0.2, 0.6 }, bands, 1e-12);
	}

	@Test
	void badCameraFilesAreReportedByName() throws IOException {
		final Path json = dir.resolve("broken.json");
		Files.writeString(json, "{\"centres_nm\": [500, 600], \"fwhm_nm\": [10, 20, 30]}");
		final IOException e = assertThrows(IOException.class, () -> CameraJson.load(json.toString()));
		assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("fwhm_nm"), e.getMessage());
		final IOException missing = assertThrows(IOException.class, () -> CameraJson.load("no-such-camera"));
		assertTrue(missing.getMessage().contains("no-such-camera"));
	}

	@Test
	void definitionRecordsTheResolvedBands() throws IOException {
		final JsonObject d = CameraJson.load("msi-16band").definition();
		assertEquals(16, d.getAsJsonArray("centres_nm").size());
		assertEquals(20, d.getAsJsonArray("fwhm_nm").get(3).getAsDouble());
	}

	@Test
	void aBadCameraFileNamesTheFileThePlaceAndTheProblemWithoutJavaNames() throws IOException {
		final Path camera = dir.resolve("camera.json");
		final java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
		expected.put("{\"name\": \"x\",\n \"centres_nm\": [500, 520,\n \"fwhm_nm\": 20}\n",
			"camera " + camera + ": not valid JSON at line 3, column 11: a list [...] is not closed: a ',' or ']' is missing");
		expected.put("{\"centres_nm\": [500, 600], \"fwhm_nm\": 20, \"centres_nm\": [700]}",
			"camera " + camera + ": key \"centres_nm\" appears twice in the same object at line 1, column 43; a later one would silently " +
				"replace the first: keep one");
		expected.put("{\"bands\": {\"start_nm\": 500, \"end_nm\": 800}}", "camera " + camera + ": bands.count is missing");
		expected.put("{\"centres_nm\": [500, \"x\"]}", "camera " + camera + ": centres_nm[1] must be a number, got \"x\"");
		expected.put("{\"centres_nm\": [500], \"noise\": 3}", "camera " + camera + ": noise must be an object {...}, got 3");
		expected.put("[500, 600]", "camera " + camera + ": a camera must be a JSON object {\"name\": ..., \"centres_nm\": [...]}");
		for (final java.util.Map.Entry<String, String> e : expected.entrySet()) {
			Files.writeString(camera, e.getKey());
			assertEquals(e.getValue(), assertThrows(IOException.class, () -> CameraJson.load(camera.toString())).getMessage(), e.getKey());
		}
	}

	@Test
	void responseCurveIsAPowerLawThenASoftSaturation() throws IOException {
		// gamma 0.5, full scale 1: 0.25 -> sqrt = 0.5 -> tanh(0.5) = 0.46211715726; 1.0 -> tanh(1) = 0.76159415596;
		// a negative (noisy dark) value clips to 0
		final Camera c = parse("{\"centres_nm\": [520, 600, 700], \"fwhm_nm\": 20, \"response_curve\": {\"gamma\": 0.5, \"full_scale\": 1}}");
		final double[] v = { 0.25, 1.0, -0.01 };
		c.respond(v);
		assertArrayEquals(new double[] { 0.46211715726, 0.76159415596, 0 }, v, 1e-10);
		// signal() applies it after the offset (no noise here): flat reflectance 0.04 + offset 0.05 = 0.09 -> 0.3 -> 0.3 * 1
		final Camera g = parse("{\"centres_nm\": [520, 600], \"fwhm_nm\": 20, \"specular_offset\": 0.05, \"response_curve\": {\"gamma\": 0.5}}");
		final double[] fine = new double[g.grid().length];
		Arrays.fill(fine, 0.04);
		final double[] bands = new double[2];
		g.signal(fine, bands, new SplittableRandom(1));
		assertArrayEquals(new double[] { 0.3, 0.3 }, bands, 1e-12);
		assertTrue(!g.linear() && g.withoutNoise().toString().contains("response gamma 0.5"));
		// without the field the camera is linear and keeps negative values
		final Camera lin = parse("{\"centres_nm\": [520], \"fwhm_nm\": 20}");
		final double[] n = { -0.01 };
		lin.respond(n);
		assertEquals(-0.01, n[0]);
		assertTrue(lin.linear());
	}

	@Test
	void badResponseCurvesAreRefusedNamingTheField() {
		final IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
			() -> parse("{\"centres_nm\": [520], \"response_curve\": {\"gamma\": 0}}"));
		assertTrue(g.getMessage().contains("response_curve.gamma must be > 0"), g.getMessage());
		final IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
			() -> parse("{\"centres_nm\": [520], \"response_curve\": {\"full_scale\": -1}}"));
		assertTrue(f.getMessage().contains("response_curve.full_scale"), f.getMessage());
		final IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
			() -> parse("{\"centres_nm\": [520], \"response_curve\": {\"gama\": 0.5}}"));
		assertTrue(k.getMessage().contains("unknown field \"gama\""), k.getMessage());
	}
}
