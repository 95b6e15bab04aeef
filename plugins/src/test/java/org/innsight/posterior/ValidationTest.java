package org.innsight.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.innsight.io.Table;
import org.junit.jupiter.api.Test;

class ValidationTest {

	/**
	 * A held-out table for {@link KnownPosterior}: observations whose band mean is m, truth level ~ N(m, 0.05^2)
	 * (so the known posterior is calibrated for level), truth split = 0; a column "depth" = row / rows.
	 */
	static Table heldOut(final int rows, final long seed) {
		final SplittableRandom rng = new SplittableRandom(seed);
		final float[][] c = new float[6][rows];
		for (int r = 0; r < rows; r++) {
			final double m = 0.1 + 0.3 * rng.nextDouble();
			c[0][r] = (float) (m - 0.05);
			c[1][r] = (float) m;
			c[2][r] = (float) (m + 0.05);
			c[3][r] = (float) (m + KnownPosterior.LEVEL_SD * rng.nextGaussian());
			c[4][r] = 0;
			c[5][r] = r / (float) rows;
		}
		return new Table(List.of("band_0", "band_1", "band_2", "level", "split", "depth"), c, null, "held-out");
	}

	@Test
	void aCalibratedModelValidatesAsCalibratedOverallAndPerBin() {
		final ValidationOptions o = new ValidationOptions();
		o.samples = 200;
		o.groupBy = "depth";
		o.bins = 4;
		final ValidationReport r = Validation.run(heldOut(3000, 1), List.of("band_0", "band_1", "band_2"), new KnownPosterior(500, 600, 700), null, o,
			null).report();
		assertEquals(3000, r.rows());
		final ParameterFigures level = r.parameter("level");
		assertTrue(level.calibrationError() < 0.015, "level calibration error " + level.calibrationError());
		assertEquals(2 * 0.6745 * KnownPosterior.LEVEL_SD, level.medianIqr(), 0.01);
		assertEquals(4, r.groups().size());
		for (final ValidationReport.Group g : r.groups()) {
			assertEquals(750, g.rows());
			assertTrue(g.parameters().get(0).calibrationError() < 0.04, "bin " + g.lower() + ": " + g.parameters().get(0).calibrationError());
		}
		assertNull(r.resimulation());
		assertTrue(r.toText().contains("level") && r.toText().contains("depth in [0.7498, 0.9997]: 750 rows"), r.toText());
		assertTrue(r.toJson().getAsJsonArray("groups").size() == 4);
	}

	@Test
	void conditionsSelectTheRowsValidated() {
		final ValidationOptions o = new ValidationOptions();
		o.samples = 20;
		o.where.add(RowFilter.parse("depth>=0.5"));
		o.where.add(RowFilter.parse("depth < 0.75"));
		final ValidationReport r = Validation.run(heldOut(400, 2), List.of("band_0", "band_1", "band_2"), new KnownPosterior(500, 600, 700), null, o, null)
			.report();
		assertEquals(100, r.rows());
		assertEquals(List.of("depth>=0.5", "depth<0.75"), r.where());
	}

	@Test
	void aTableWithoutTheModelsParametersIsAClearError() {
		final Table t = new Table(List.of("band_0", "band_1", "band_2"), new float[3][5], null, "obs.csv");
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Validation.run(t, List.of("band_0", "band_1", "band_2"),
			new KnownPosterior(500, 600, 700), null, new ValidationOptions(), null));
		assertTrue(e.getMessage().contains("obs.csv has no column 'level'"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> RowFilter.parse("depth ~ 3"));
	}

	@Test
	void reSimulationOfTheTruthGivesTheNoiseFloorOfTheCamera() throws Exception {
		// a real simulation: posterior samples equal to the truth re-simulate to exactly the noise floor
		final org.innsight.optics.SpectralModel model = org.innsight.optics.Models.byName("msi", 3, 1);
		final org.innsight.optics.Camera camera = org.innsight.optics.CameraJson.load("msi-16band");
		final Table table = org.innsight.optics.Simulator.simulate(model, camera, 40, 3, 1, null);
		final Resimulation resim = Validation.resimulationFor(table, List.of("sO2", "vHb_1"));
		assertNotNull(resim);
		final Resimulation.Worker w = resim.worker();
		final List<String> all = resim.modelParameters();
		final float[] obs = table.rowMajor(table.match("band_*"));
		for (int r = 0; r < 40; r++) {
			final double[] truth = new double[all.size()];
			for (int j = 0; j < truth.length; j++) truth[j] = table.column(all.get(j))[r];
			final float[] samples = { (float) truth[0], table.column("vHb_1")[r] };
			final double[] e = w.errors(truth, obs, r * 16, samples, 0, 1);
			assertEquals(e[1], e[0], 1e-6);
			// SNR 100 at reflectance 1, reflectances well below 1: a few per cent of noise
			assertTrue(e[1] > 0.001 && e[1] < 0.2, "noise floor " + e[1]);
		}
	}
}
