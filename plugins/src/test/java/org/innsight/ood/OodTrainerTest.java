package org.innsight.ood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.innsight.engine.Device;
import org.innsight.engine.ModelCard;
import org.innsight.image.Normalisation;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny ensemble trained in the test (seconds) on a known 4-D Gaussian: its density matches the analytic one,
 * its threshold flags about the chosen fraction of fresh in-distribution data, it separates an obviously
 * out-of-distribution set, and it survives saving and loading unchanged.
 */
class OodTrainerTest {

	/** x = MEAN + A g, g ~ N(0, I): correlated, with very different scales per band. */
	static final double[] MEAN = { 0.2, 0.4, 0.5, 0.45 };
	static final double[][] A = { { 0.05, 0, 0, 0 }, { 0.04, 0.02, 0, 0 }, { 0.01, 0.03, 0.01, 0 }, { 0, 0.02, 0.01, 0.005 } };

	static OodModel model;

	static TableSpectra gaussian(final int n, final long seed) {
		final SplittableRandom r = new SplittableRandom(seed);
		final float[] v = new float[n * 4];
		for (int i = 0; i < n; i++) {
			final double[] g = { r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian() };
			for (int j = 0; j < 4; j++) {
				double x = MEAN[j];
				for (int k = 0; k < 4; k++) x += A[j][k] * g[k];
				v[i * 4 + j] = (float) x;
			}
		}
		return new TableSpectra(v, n, List.of("band_0", "band_1", "band_2", "band_3"), new double[] { 500, 600, 700, 800 }, Normalisation.NONE, null);
	}

	/** Analytic log N(x; MEAN, A A^T): A is lower triangular, so solve A g = x - MEAN by substitution. */
	static double trueLogDensity(final float[] v, final int row) {
		final double[] g = new double[4];
		double logDet = 0;
		for (int j = 0; j < 4; j++) {
			double s = v[row * 4 + j] - MEAN[j];
			for (int k = 0; k < j; k++) s -= A[j][k] * g[k];
			g[j] = s / A[j][j];
			logDet += Math.log(A[j][j]);
		}
		double q = 0;
		for (final double x : g) q += x * x;
		return -0.5 * q - 2 * Math.log(2 * Math.PI) - logDet;
	}

	static OodTrainingOptions tiny() {
		final OodTrainingOptions o = new OodTrainingOptions();
		o.members = 2;
		o.seed = 5;
		o.blocks = 2;
		o.subnetWidth = 32;
		o.maxEpochs = 12;
		o.batchSize = 256;
		o.learningRate = 5e-3;
		o.targetNoise = 0;
		return o;
	}

	@BeforeAll
	static void train() {
		model = new OodTrainer(tiny()).train(gaussian(3000, 1), new OodTrainer.Provenance("tiny", "innsight train-ood --test", ModelCard.UNKNOWN_SHA256,
			"4-D Gaussian"), Device.CPU, ProgressListener.NONE, null, null);
	}

	@AfterAll
	static void close() {
		if (model != null) model.close();
	}

	@Test
	void learnedDensityMatchesTheAnalyticGaussian() {
		final TableSpectra test = gaussian(2000, 2);
		final double[][] logP = model.memberLogDensities(test.values(), test.rows());
		for (int m = 0; m < model.members(); m++) {
			double learned = 0, truth = 0;
			for (int i = 0; i < test.rows(); i++) {
				learned += logP[m][i];
				truth += trueLogDensity(test.values(), i);
			}
			learned /= test.rows() * 4.0;
			truth /= test.rows() * 4.0;
			System.out.printf("member %d: held-out mean log p per band %.4f, analytic %.4f%n", m, learned, truth);
			// per band in nats; without the standardisation's Jacobian this would be off by mean log sd = ~3.5 nats
			assertEquals(truth, learned, 0.05, "member " + m + ": mean log p per band");
		}
	}

	@Test
	void thresholdFlagsAboutTheChosenFractionOfFreshInDistributionSpectra() {
		final ModelCard card = model.card();
		assertEquals(OodModel.KIND, card.kind);
		assertEquals(2, card.details.getAsJsonArray("members").size());
		assertEquals(300, card.details.get("calibration_rows").getAsInt());
		// the training range of the spectra, for the units check: over all 3000 rows, as the table holds them
		final TableSpectra data = gaussian(3000, 1);
		for (int j = 0; j < 4; j++) {
			float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
			for (int r = 0; r < 3000; r++) {
				lo = Math.min(lo, data.values()[r * 4 + j]);
				hi = Math.max(hi, data.values()[r * 4 + j]);
			}
			assertEquals(lo, card.inputs.range.min[j], 0);
			assertEquals(hi, card.inputs.range.max[j], 0);
			assertTrue(card.inputs.range.q001[j] > lo && card.inputs.range.q999[j] < hi);
		}
		assertEquals(3000, card.inputs.range.rows);
		assertEquals("none", card.inputs.range.normalisation);
		assertEquals(0.05, model.calibrationFpr(), 0);
		final TableSpectra fresh = gaussian(4000, 3);
		int flagged = 0;
		for (final boolean f : model.flags(fresh.values(), fresh.rows())) if (f) flagged++;
		final double rate = flagged / 4000.0;
		// 300 calibration rows: the quantile's own sampling error is ~1.3 percentage points
		assertTrue(rate > 0.02 && rate < 0.09, "fresh in-distribution flagged " + rate);
	}

	@Test
	void separatesAnObviouslyOutOfDistributionSet() {
		final TableSpectra in = gaussian(2000, 4);
		// band 3 raised by 0.05: about 2 of its marginal sd (0.023), but 10 sd off the data's ridge given bands 0-2
		final float[] out = in.values().clone();
		for (int i = 0; i < in.rows(); i++) out[i * 4 + 3] += 0.05f;
		final OodValidation.Report r = OodValidation.run(model, in, new TableSpectra(out, in.rows(), in.bandNames(), in.wavelengthsNm(), Normalisation.NONE, null));
		assertTrue(r.method(OodValidation.WAIC).auroc() > 0.99, "AUROC " + r.method(OodValidation.WAIC).auroc());
		assertTrue(r.method(OodValidation.SINGLE).auroc() > 0.99);
		assertTrue(r.oodFlagged() > 0.9, "flagged " + r.oodFlagged());
		assertTrue(r.text("in", "out").contains("waic"));
	}

	@Test
	void savedModelLoadsWithTheSameScores(@TempDir final Path dir) throws Exception {
		final TableSpectra s = gaussian(300, 5);
		model.save(dir.resolve("m"), false);
		try (OodModel loaded = OodModel.load(dir.resolve("m"), Device.CPU)) {
			assertArrayEquals(model.score(s.values(), s.rows()), loaded.score(s.values(), s.rows()));
			assertEquals(model.threshold(), loaded.threshold(), 0);
			assertEquals("innsight train-ood --test", loaded.card().training.command);
			assertEquals(5L, loaded.card().training.seed);
			assertArrayEquals(new double[] { 500, 600, 700, 800 }, loaded.wavelengthsNm());
		}
		final Exception e = assertThrows(java.nio.file.NoSuchFileException.class, () -> OodModel.load(dir.resolve("nothing-here"), Device.CPU));
		assertTrue(e.getMessage().contains("nothing-here"), e.getMessage());
	}

	@Test
	void stoppingBeforeTheFirstStepKeepsOneUntrainedMemberAndSaysSo() {
		final AtomicBoolean stop = new AtomicBoolean(true);
		try (OodModel m = new OodTrainer(tiny()).train(gaussian(500, 6), new OodTrainer.Provenance("stopped", "x", ModelCard.UNKNOWN_SHA256, "test"),
			Device.CPU, ProgressListener.NONE, null, stop)) {
			assertEquals(1, m.members());
			assertTrue(m.card().details.get("interrupted").getAsBoolean());
		}
	}
}
