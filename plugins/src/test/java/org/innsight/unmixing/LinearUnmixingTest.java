package org.innsight.unmixing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.innsight.io.Table;
import org.innsight.optics.Camera;
import org.innsight.optics.CameraJson;
import org.innsight.optics.Chromophores;
import org.innsight.optics.Models;
import org.innsight.optics.Simulator;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

/** Linear unmixing against known answers: its own attenuation model exactly, the project's tissue simulator within a measured bound. */
class LinearUnmixingTest {

	private static final double LN10 = Math.log(10);

	@Test
	void recoversSO2AndTHbExactlyFromBandsOfItsOwnModel() {
		final SplittableRandom rng = new SplittableRandom(7);
		for (final boolean slope : new boolean[] { false, true }) {
			final LinearUnmixing u = LinearUnmixing.forCamera(UnmixingSpectra.msi16(), slope);
			final double[] work = u.workspace(), out = new double[u.results()];
			for (int k = 0; k < 200; k++) {
				final double sO2 = k == 0 ? 0 : k == 1 ? 1 : rng.nextDouble(), tHb = 0.005 + 0.1 * rng.nextDouble(), g = rng.nextDouble(-0.5, 2);
				final double s = slope ? rng.nextDouble(-0.3, 0.3) : 0;
				final float[] r = UnmixingSpectra.reflectance(u, sO2, tHb, g, s);
				assertEquals(LinearUnmixing.Fit.FITTED, u.unmix(r, 0, work, out));
				// float reflectance: relative rounding 6e-8 in each band
				assertEquals(sO2, out[0], 1e-6, "sO2, slope " + slope);
				assertEquals(tHb, out[1], 1e-6 * Math.max(1, tHb) + 1e-7, "tHb");
				assertEquals(g, out[2], 1e-5, "offset");
				if (slope) assertEquals(s, out[3], 1e-5, "slope");
			}
		}
	}

	@Test
	void aLineCameraRecoversFineSpectraOfTheBeerLambertLawExactly() throws Exception {
		// laser lines: a band value is the fine reflectance at its line, so exp(-mu_a L - G) of Prahl's table itself
		final Camera lines = CameraJson.parse(JsonParser.parseString("{\"name\": \"lines\", \"centres_nm\": [500, 530, 560, 576, 600, 630, 660, 700, " +
			"760, 800], \"fwhm_nm\": 0, \"grid_step_nm\": 2}").getAsJsonObject(), null, "test");
		final LinearUnmixing u = LinearUnmixing.forCamera(lines, false);
		final double[] work = u.workspace(), out = new double[u.results()], grid = lines.grid(), fine = new double[grid.length];
		final double[] bands = new double[lines.bands()];
		final float[] r = new float[lines.bands()];
		for (final double sO2 : new double[] { 0, 0.3, 0.7, 0.95, 1 }) {
			final double cTotalMolar = 1e-4, pathCm = 0.2, g = 0.4; // 0.1 mM haemoglobin, 2 mm mean path
			for (int j = 0; j < grid.length; j++) {
				final double muA = LN10 * cTotalMolar * (sO2 * Chromophores.epsHbO2(grid[j]) + (1 - sO2) * Chromophores.epsHb(grid[j])); // 1/cm
				fine[j] = Math.exp(-muA * pathCm - g);
			}
			lines.integrate(fine, bands);
			for (int i = 0; i < r.length; i++) r[i] = (float) bands[i];
			assertEquals(LinearUnmixing.Fit.FITTED, u.unmix(r, 0, work, out));
			assertEquals(sO2, out[0], 1e-6);
			assertEquals(cTotalMolar * 1000 * pathCm, out[1], 1e-6, "tHb = L c in mM cm");
		}
		assertEquals(Chromophores.epsHbO2(576), u.epsHbO2()[3], 0, "a line's extinction is the table's");
	}

	@Test
	void degenerateSpectraAreNotFitted() {
		final LinearUnmixing u = LinearUnmixing.forCamera(UnmixingSpectra.msi16(), false);
		final double[] work = u.workspace(), out = new double[u.results()];
		final float[] r = UnmixingSpectra.reflectance(u, 0.7, 0.05, 0.3, 0);
		r[5] = 0;
		assertEquals(LinearUnmixing.Fit.NON_POSITIVE, u.unmix(r, 0, work, out));
		assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]));
		r[5] = -0.01f;
		assertEquals(LinearUnmixing.Fit.NON_POSITIVE, u.unmix(r, 0, work, out));
		// a flat spectrum: only the offset, no haemoglobin, sO2 undefined
		final float[] flat = new float[16];
		java.util.Arrays.fill(flat, 0.4f);
		assertEquals(LinearUnmixing.Fit.NO_HAEMOGLOBIN, u.unmix(flat, 0, work, out));
		assertTrue(Double.isNaN(out[0]));
		assertEquals(0, out[1], 1e-12);
		assertEquals(-Math.log(0.4f), out[2], 1e-9);
		// noisy spectra, some with less absorption where haemoglobin absorbs most: the fit never gives a negative concentration
		final SplittableRandom rng = new SplittableRandom(3);
		int clamped = 0;
		for (int k = 0; k < 500; k++) {
			final float[] noisy = UnmixingSpectra.reflectance(u, rng.nextDouble(), rng.nextDouble(-0.05, 0.05), 0.3, 0);
			for (int i = 0; i < noisy.length; i++) noisy[i] *= (float) (1 + 0.05 * rng.nextDouble(-1, 1));
			final LinearUnmixing.Fit fit = u.unmix(noisy, 0, work, out);
			assertTrue(out[1] >= 0, "tHb " + out[1]);
			if (fit == LinearUnmixing.Fit.FITTED) assertTrue(out[0] >= 0 && out[0] <= 1, "sO2 " + out[0]);
			if (fit == LinearUnmixing.Fit.NO_HAEMOGLOBIN || out[0] == 0 || out[0] == 1) clamped++;
		}
		assertTrue(clamped > 100, "the constraint was active in " + clamped + " of 500 spectra");
	}

	/**
	 * On the project's 3-layer diffusion model with camera noise (Latin hypercube over Wirkert's ranges), the
	 * attenuation model's assumptions break (see the class comment): measured MAE 0.228 with an offset, 0.173 with an
	 * offset and slope, bias -0.21 and -0.14, Spearman 0.87 and 0.86, on these 2000 rows (seed 5; 1980 fitted), against 0.25 for always guessing 0.5. The bounds
	 * keep that, loosely; the rank correlation shows the unmixed sO2 still follows the truth.
	 */
	@Test
	void onTheTissueSimulatorTheErrorStaysWithinItsMeasuredBound() throws Exception {
		final Camera camera = UnmixingSpectra.msi16();
		final Table t = Simulator.simulate(Models.byName("msi", 3, 0), camera, 2000, 5, 1, null);
		for (final boolean slope : new boolean[] { false, true }) {
			final Unmixing.Result r = Unmixing.run(t, t.match("band_*"), camera, UnmixingRequest.defaults().with(UnmixingRequest.SLOPE, slope));
			final Table fits = r.outputs().tables().get("unmixing");
			final float[] est = fits.column("sO2"), truth = t.column("sO2");
			double mae = 0, bias = 0;
			int n = 0;
			final List<double[]> pairs = new java.util.ArrayList<>();
			for (int i = 0; i < est.length; i++) {
				if (!Float.isFinite(est[i])) continue;
				mae += Math.abs(est[i] - truth[i]);
				bias += est[i] - truth[i];
				pairs.add(new double[] { est[i], truth[i] });
				n++;
			}
			mae /= n;
			bias /= n;
			final double rho = UnmixingValidation.spearman(pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray());
			System.out.printf(Locale.ROOT, "unmixing on 2000 simulated spectra, slope %s: fitted %d, MAE %.4f, bias %+.4f, Spearman %.3f%n", slope, n, mae, bias, rho);
			assertTrue(n >= 1960, "fitted " + n + " of 2000: " + r.counts());
			assertEquals(n, r.counts().fitted());
			assertTrue(mae < (slope ? 0.20 : 0.26), "MAE " + mae);
			assertTrue(bias < -0.1, "sO2 biased low (constant path length): " + bias);
			assertTrue(rho > 0.8, "rank correlation with the truth " + rho);
		}
	}

	@Test
	void aCameraWithANonLinearResponseIsRefused() throws Exception {
		final Camera gamma = CameraJson.parse(JsonParser.parseString("{\"name\": \"gamma\", \"centres_nm\": [500, 560, 600], \"fwhm_nm\": 20, " +
			"\"response_curve\": {\"gamma\": 0.6}}").getAsJsonObject(), null, "test");
		final IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
			() -> LinearUnmixing.forCamera(gamma, false));
		assertTrue(e.getMessage().startsWith("camera gamma has a non-linear response_curve"), e.getMessage());
	}
}
