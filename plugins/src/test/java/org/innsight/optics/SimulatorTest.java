package org.innsight.optics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.innsight.io.Table;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

class SimulatorTest {

	@Test
	void resultDoesNotDependOnTheThreadCount() throws IOException {
		final Camera cam = CameraJson.load("msi-16band");
		final SpectralModel m = LayeredTissueModel.fast(3);
		final Table one = Simulator.simulate(m, cam, 700, 5, 1, null);
		final Table two = Simulator.simulate(m, cam, 700, 5, 2, null);
		final Table three = Simulator.simulate(m, cam, 700, 5, 3, null);
		for (final String c : one.columns()) {
			assertArrayEquals(one.column(c), two.column(c), c);
			assertArrayEquals(one.column(c), three.column(c), c);
		}
		final Table other = Simulator.simulate(m, cam, 700, 6, 2, null);
		assertFalse(Arrays.equals(one.column("band_03"), other.column("band_03")));
	}

	@Test
	void tablesHoldParametersThenBandsAndAHeader() throws IOException {
		final Camera cam = CameraJson.load("pai-16wl");
		final SpectralModel m = PhotoacousticModel.standard();
		final Table t = Simulator.simulate(m, cam, 300, 1, 2, null);
		assertEquals(300, t.rows());
		assertEquals(List.of("sO2", "vHb", "depth", "bg_sO2", "bg_vHb", "bg_a_mie", "bg_b_mie"), t.columns().subList(0, 7));
		assertEquals(Simulator.bandColumns(16), t.match("band_*"));
		assertEquals("band_00", t.columns().get(7));
		final JsonObject h = t.header();
		assertEquals("pai", h.get("model").getAsString());
		assertEquals(1, h.get("seed").getAsLong());
		assertEquals(300, h.get("count").getAsInt());
		assertEquals("l2", h.get("normalisation").getAsString());
		assertEquals(700, h.getAsJsonArray("wavelengths_nm").get(0).getAsDouble());
		assertEquals("pai-16wl", h.getAsJsonObject("camera").get("name").getAsString());
		assertEquals(0.01, h.getAsJsonArray("parameters").get(2).getAsJsonObject().get("max").getAsDouble());
		// L2-normalised rows
		final float[] rows = t.rowMajor(t.match("band_*"));
		for (int r = 0; r < 300; r++) {
			double s = 0;
			for (int j = 0; j < 16; j++) s += rows[r * 16 + j] * rows[r * 16 + j];
			assertEquals(1, s, 1e-4);
		}
	}

	@Test
	void modelAndCameraAreRebuiltFromATableHeader() throws IOException {
		final SpectralModel narrowed = LayeredTissueModel.fast(3).withParameters(
			Models.byName("msi", 3, 0).parameters().stream().map(p -> p.name().equals("sO2") ? p.withRange(0.4, 0.6) : p).toList());
		final Table t = Simulator.simulate(narrowed, CameraJson.load("msi-16band"), 300, 9, 2, null);
		final SpectralModel m = Models.fromHeader(t.header());
		final Camera c = Models.cameraFromHeader(t.header());
		assertEquals(0.4, m.parameters().get(0).min());
		final Table again = Simulator.simulate(m, c, 300, 9, 1, null);
		for (final String col : t.columns()) assertArrayEquals(t.column(col), again.column(col), col);
	}

	@Test
	void noiseFreeObservationsMatchTheModelThroughTheCamera() throws IOException {
		final Camera cam = CameraJson.parse(com.google.gson.JsonParser.parseString(
			"{\"centres_nm\": [560, 700], \"fwhm_nm\": 0}").getAsJsonObject(), null, "test");
		final SpectralModel m = LayeredTissueModel.fast(3);
		final double[] row = LatinHypercube.sample(1, m.parameters(), 3);
		final float[] obs = Simulator.observe(m, cam, row, 1, 0, 1, null);
		final double[] direct = new double[2];
		m.evaluator(new double[] { 560, 700 }).spectrum(row, direct, null);
		assertEquals(direct[0], obs[0], 1e-6);
		assertEquals(direct[1], obs[1], 1e-6);
		assertTrue(direct[0] < direct[1], "blood absorbs more at 560 nm than at 700 nm");
	}

	@Test
	void classMixturesStackEachClassWithItsOwnRangesAndSeed() throws IOException {
		final Camera cam = CameraJson.load("msi-16band");
		final SpectralModel m = LayeredTissueModel.fast(3);
		final int v = m.indexOf("vHb_1");
		final List<Parameter> low = new java.util.ArrayList<>(m.parameters()), high = new java.util.ArrayList<>(m.parameters());
		low.set(v, low.get(v).withRange(0.01, 0.05));
		high.set(v, high.get(v).withRange(0.1, 0.3));
		final SpectralModel a = m.withParameters(low), b = m.withParameters(high);
		final Table t = Simulator.simulateClasses(List.of(a, b), null, cam, 301, 7, "tissue", 2, null);
		assertEquals(301, t.rows());
		assertEquals("tissue", t.columns().get(t.columnCount() - 1));
		final float[] cls = t.column("tissue"), vhb = t.column("vHb_1");
		// 151 rows of class 0 (vHb_1 in 0.01-0.05), then 150 of class 1 (0.1-0.3)
		for (int r = 0; r < 301; r++) {
			assertEquals(r < 151 ? 0 : 1, cls[r], "row " + r);
			assertTrue(r < 151 ? vhb[r] >= 0.01f && vhb[r] <= 0.05f : vhb[r] >= 0.1f && vhb[r] <= 0.3f, "row " + r + ": " + vhb[r]);
		}
		// class 1 is exactly the plain simulation of its ranges with seed 7 * 1000 + 1
		assertEquals(7001, Simulator.classSeed(7, 1));
		final Table alone = Simulator.simulate(b, cam, 150, 7001, 1, null);
		assertArrayEquals(alone.column("band_05"), Arrays.copyOfRange(t.column("band_05"), 151, 301));
		final JsonObject h = t.header();
		assertEquals("tissue", h.get("class_column").getAsString());
		assertEquals(2, h.getAsJsonArray("classes").size());
		assertEquals(7001, h.getAsJsonArray("classes").get(1).getAsJsonObject().get("seed").getAsLong());
		final JsonObject envelope = h.getAsJsonArray("parameters").get(v).getAsJsonObject();
		assertEquals(0.01, envelope.get("min").getAsDouble(), 1e-12);
		assertEquals(0.3, envelope.get("max").getAsDouble(), 1e-12);
		assertEquals(301, h.get("count").getAsInt());
		// fractions: 0.5 / 0.3 / 0.2 of 101 rows = 50.5 / 30.3 / 20.2 -> 50 / 30 / 20, the row left over to class 0
		assertArrayEquals(new int[] { 51, 30, 20 }, Simulator.classRows(101, 3, new double[] { 0.5, 0.3, 0.2 }));
		assertArrayEquals(new int[] { 34, 34, 33 }, Simulator.classRows(101, 3, null));
		final float[] mix = Simulator.simulateClasses(List.of(a, b), new double[] { 3, 1 }, cam, 160, 7, "tissue", 1, null).column("tissue");
		assertEquals(0, mix[119]);
		assertEquals(1, mix[120]);
	}
}
