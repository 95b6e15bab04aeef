package org.innsight.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LayeredTissueModelTest {

	/** Soret band, and both Q bands of HbO2, nm. */
	private static final double[] ABSORPTION_BANDS = { 420, 542, 576 };

	@Test
	void parametersAreNamedAndRangedAsInWirkertsModel() {
		final List<Parameter> ps = LayeredTissueModel.fast(3).parameters();
		assertEquals(19, ps.size());
		assertEquals("sO2", ps.get(0).name());
		assertEquals("vHb_1", ps.get(1).name());
		assertEquals("d_3", ps.get(18).name());
		final Parameter vHb = ps.get(1), d = ps.get(6), n = ps.get(5), g = ps.get(4);
		assertEquals(0.001, vHb.min());
		assertEquals(0.3, vHb.max());
		assertEquals(20e-6, d.min(), 1e-15);
		assertEquals(2e-3, d.max(), 1e-15);
		assertEquals(1.33, n.min());
		assertEquals(0.95, g.max());
	}

	@Test
	void moreBloodGivesLessReflectanceInTheSoretAndQBands() {
		final SpectralModel model = LayeredTissueModel.fast(3);
		final SpectralModel.Evaluator ev = model.evaluator(ABSORPTION_BANDS);
		final double[] design = LatinHypercube.sample(50, model.parameters(), 8);
		final int p = model.parameters().size();
		final double[] lo = new double[3], hi = new double[3];
		for (int s = 0; s < 50; s++) {
			final double[] row = java.util.Arrays.copyOfRange(design, s * p, (s + 1) * p);
			for (final int layer : new int[] { 1, 2, 3 }) {
				final int v = model.indexOf("vHb_" + layer);
				row[v] = 0.01;
				ev.spectrum(row, lo, null);
				row[v] = 0.1;
				ev.spectrum(row, hi, null);
				for (int j = 0; j < 3; j++)
					assertTrue(hi[j] <= lo[j] + 1e-12, "sample " + s + ", vHb_" + layer + " 0.01 -> 0.1 at " + ABSORPTION_BANDS[j] + " nm: " + lo[j] + " -> " + hi[j]);
			}
		}
	}

	@Test
	void moreBloodGivesLessReflectanceInTheMonteCarloModelToo() {
		final SpectralModel model = LayeredTissueModel.monteCarlo(3, 4000);
		final SpectralModel.Evaluator ev = model.evaluator(new double[] { 560 });
		final double[] row = { 0.7, 0.02, 2000, 1.2, 0.9, 1.4, 1e-4, 0.02, 2000, 1.2, 0.9, 1.4, 5e-4, 0.02, 2000, 1.2, 0.9, 1.4, 2e-3 };
		final double[] a = new double[1], b = new double[1];
		ev.spectrum(row, a, new SplittableRandom(1));
		row[model.indexOf("vHb_1")] = 0.2;
		row[model.indexOf("vHb_2")] = 0.2;
		ev.spectrum(row, b, new SplittableRandom(1));
		assertTrue(b[0] < 0.7 * a[0], a[0] + " -> " + b[0]);
	}

	@Test
	void reflectanceIsAPlausibleFractionAcrossTheParameterSpace() {
		final SpectralModel model = LayeredTissueModel.fast(3);
		final double[] grid = { 500, 560, 650, 800, 1000 };
		final SpectralModel.Evaluator ev = model.evaluator(grid);
		final int p = model.parameters().size();
		final double[] design = LatinHypercube.sample(2000, model.parameters(), 4);
		final double[] out = new double[grid.length];
		for (int s = 0; s < 2000; s++) {
			ev.spectrum(java.util.Arrays.copyOfRange(design, s * p, (s + 1) * p), out, null);
			for (final double v : out) assertTrue(v > 0 && v < 1, "sample " + s + ": " + v);
		}
	}
}
