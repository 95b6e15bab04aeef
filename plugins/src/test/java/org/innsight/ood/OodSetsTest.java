package org.innsight.ood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.innsight.io.Table;
import org.innsight.optics.Camera;
import org.innsight.optics.CameraJson;
import org.innsight.optics.LayeredTissueModel;
import org.innsight.optics.Simulator;
import org.innsight.optics.SpectralModel;
import org.junit.jupiter.api.Test;

/** The seeded OOD sets: reproducible, and each kind has the property that defines it. */
class OodSetsTest {

	static final SpectralModel TISSUE = LayeredTissueModel.fast(3);

	static float[][] bands(final Table t) {
		final List<String> names = t.match("band_*");
		final float[][] b = new float[names.size()][];
		for (int j = 0; j < b.length; j++) b[j] = t.column(names.get(j));
		return b;
	}

	@Test
	void sameSeedSameSpectraOtherSeedOtherSpectra() throws Exception {
		final Camera cam = CameraJson.load("msi-16band");
		for (final OodSets.Kind k : OodSets.Kind.values()) {
			final Table a = OodSets.simulate(k, TISSUE, cam, 300, 3, null), b = OodSets.simulate(k, TISSUE, cam, 300, 3, null);
			final Table c = OodSets.simulate(k, TISSUE, cam, 300, 4, null);
			assertEquals(a.columns(), b.columns());
			for (int j = 0; j < a.columnCount(); j++) assertArrayEquals(a.column(j), b.column(j), k + " column " + a.columns().get(j));
			assertTrue(a.column("band_05")[0] != c.column("band_05")[0], k.label());
			assertEquals(k.label(), a.header().getAsJsonObject("ood_set").get("kind").getAsString());
			assertEquals(16, a.header().getAsJsonArray("wavelengths_nm").size());
			assertEquals(Simulator.bandColumns(16), a.match("band_*"));
		}
	}

	@Test
	void saturatedSpectraReachFullScaleAndNeverExceedIt() throws Exception {
		final Camera cam = CameraJson.load("msi-16band");
		final float[][] b = bands(OodSets.simulate(OodSets.Kind.SATURATED, TISSUE, cam, 500, 1, null));
		for (int i = 0; i < 500; i++) {
			float max = 0;
			for (final float[] band : b) max = Math.max(max, band[i]);
			assertEquals(1f, max, 0, "row " + i + ": the brightest band is clipped at full scale (gain 1)");
		}
	}

	@Test
	void specularAndExposureSetsChangeTheTissueSignalAsDescribed() throws Exception {
		final Camera noiseless = CameraJson.load("msi-16band").withoutNoise();
		// same seed: the same tissue rows (Latin hypercube) under every tissue-based kind
		final Table spec = OodSets.simulate(OodSets.Kind.SPECULAR, TISSUE, noiseless, 200, 9, null);
		final Table dark = OodSets.simulate(OodSets.Kind.UNDEREXPOSED, TISSUE, noiseless, 200, 9, null);
		final float[][] s = bands(spec), d = bands(dark);
		final float[] offset = spec.column("specular_offset"), exposure = dark.column("exposure");
		for (int i = 0; i < 200; i++) {
			assertTrue(offset[i] >= 0.1f && offset[i] <= 0.5f);
			assertTrue(exposure[i] >= 0.02f && exposure[i] <= 0.2f);
			for (int j = 0; j < 16; j++) {
				// without noise: specular = tissue + offset, underexposed = exposure * tissue
				final double tissue = s[j][i] - offset[i];
				assertEquals(exposure[i] * tissue, d[j][i], 1e-5, "row " + i + " band " + j);
			}
		}
		assertArrayEquals(spec.column("sO2"), dark.column("sO2"));
	}

	@Test
	void aNonLinearCamerasResponseCurveIsAppliedToEveryKind() throws Exception {
		// the same camera without noise, linear and with gamma 0.5 (no saturation): every band of every kind is the square root
		final String bandsJson = "\"centres_nm\": [520, 560, 600, 650, 700, 760], \"fwhm_nm\": 20";
		final Camera linear = CameraJson.parse(com.google.gson.JsonParser.parseString("{" + bandsJson + "}").getAsJsonObject(), null, "test");
		final Camera curved = CameraJson.parse(
			com.google.gson.JsonParser.parseString("{" + bandsJson + ", \"response_curve\": {\"gamma\": 0.5}}").getAsJsonObject(), null, "test");
		for (final OodSets.Kind k : OodSets.Kind.values()) {
			if (k == OodSets.Kind.SATURATED) continue; // clipped at full scale after the curve: not a plain square root
			final float[][] a = bands(OodSets.simulate(k, TISSUE, linear.withoutNoise(), 50, 5, null));
			final float[][] b = bands(OodSets.simulate(k, TISSUE, curved.withoutNoise(), 50, 5, null));
			for (int j = 0; j < a.length; j++)
				for (int i = 0; i < 50; i++) {
					// (exposure clips at full scale, gain 1, after the curve: sqrt(min(v, 1)) = min(sqrt(v), 1))
					assertEquals(Math.sqrt(Math.max(0, a[j][i])), b[j][i], 1e-5, k + " row " + i + " band " + j);
				}
		}
	}

	@Test
	void instrumentsHaveNoTissueColumnsAndFlatOrSteppedSpectra() throws Exception {
		final Table t = OodSets.simulate(OodSets.Kind.INSTRUMENT, TISSUE, CameraJson.load("msi-16band").withoutNoise(), 400, 2, null);
		assertTrue(!t.hasColumn("sO2"));
		final float[][] b = bands(t);
		final float[] material = t.column("material"), r500 = t.column("reflectance_500nm"), slope = t.column("metal_slope_per_nm");
		int metals = 0;
		for (int i = 0; i < 400; i++) {
			if (material[i] != 0) continue;
			metals++;
			// a grey line through the band centres (Gaussian filters average a linear spectrum to its centre value)
			for (int j = 0; j < 16; j++) assertEquals(Math.max(0.01, r500[i] + slope[i] * 20 * j), b[j][i], 2e-3, "metal row " + i + " band " + j);
		}
		assertTrue(metals > 150 && metals < 250, "metals " + metals);
		assertThrows(IllegalArgumentException.class, () -> OodSets.Kind.parse("lava"));
	}
}
