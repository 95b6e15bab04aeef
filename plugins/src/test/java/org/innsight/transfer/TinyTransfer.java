package org.innsight.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.innsight.engine.Device;
import org.innsight.engine.ModelCard;

/**
 * A tiny transfer model trained once per test run (seconds) on two 4-band Gaussian "domains" with the same
 * kind of spectra but different means and band correlations, and its data: the shared fixture of the transfer tests.
 * Source: mean (10, 12, 9, 11), independent bands (sd 0.8). Target: mean (11, 10, 12, 9), bands 0 and 1 correlated
 * +0.9, bands 2 and 3 +0.85 (sd 0.8). Per-domain standardisation matches means and variances but not the
 * correlations: those the network must learn.
 */
final class TinyTransfer {

	static final double[] SOURCE_NM = { 500, 600, 700, 800 }, TARGET_NM = { 505, 605, 705, 805 };
	static final int ROWS = 2000;

	private static TransferModel model;
	private static Path folder;

	private TinyTransfer() {}

	static Spectra source(final int rows, final long seed) {
		final SplittableRandom r = new SplittableRandom(seed);
		final float[] v = new float[rows * 4];
		final double[] mean = { 10, 12, 9, 11 };
		for (int i = 0; i < rows; i++)
			for (int j = 0; j < 4; j++) v[i * 4 + j] = (float) (mean[j] + 0.8 * r.nextGaussian());
		return new Spectra(v, 4, SOURCE_NM, "tiny source");
	}

	static Spectra target(final int rows, final long seed) {
		final SplittableRandom r = new SplittableRandom(seed);
		final float[] v = new float[rows * 4];
		final double[] mean = { 11, 10, 12, 9 };
		final double a = 0.9, b = 0.85;
		for (int i = 0; i < rows; i++) {
			final double e0 = r.nextGaussian(), e1 = r.nextGaussian(), e2 = r.nextGaussian(), e3 = r.nextGaussian();
			v[i * 4] = (float) (mean[0] + 0.8 * e0);
			v[i * 4 + 1] = (float) (mean[1] + 0.8 * (a * e0 + Math.sqrt(1 - a * a) * e1));
			v[i * 4 + 2] = (float) (mean[2] + 0.8 * e2);
			v[i * 4 + 3] = (float) (mean[3] + 0.8 * (b * e2 + Math.sqrt(1 - b * b) * e3));
		}
		return new Spectra(v, 4, TARGET_NM, "tiny target");
	}

	static TransferSettings settings() {
		final TransferSettings s = new TransferSettings();
		s.seed = 3;
		s.blocks = 4;
		s.subnetWidth = 48;
		s.maxEpochs = 20;
		s.batchSize = 256;
		s.learningRate = 3e-3;
		s.earlyStoppingPatience = 20;
		return s;
	}

	/** The trained tiny model (trained on first use, then shared; closed by the JVM's end). */
	static synchronized TransferModel model() {
		if (model == null) model = new TransferTrainer(settings()).train(source(ROWS, 1), target(ROWS, 2), null, null, 0, null,
			Device.parse("cpu"), null, null, null).model();
		return model;
	}

	/** The tiny model saved as a model folder (once per run, in a temporary folder). */
	static synchronized Path folder() {
		if (folder == null) {
			try {
				final Path dir = Files.createTempDirectory("innsight-tiny-transfer");
				dir.toFile().deleteOnExit();
				final ModelCard card = new ModelCard();
				card.name = "tiny-transfer";
				card.description = "test fixture";
				card.training.command = "TinyTransfer.model() in the tests";
				card.training.seed = 3L;
				card.training.dataSha256 = ModelCard.UNKNOWN_SHA256;
				folder = dir.resolve("tiny-transfer");
				model().save(folder, card, false);
			}
			catch (final IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return folder;
	}

	/** Per-band mean and sd, and the correlation of bands (i, j), of rows x bands values. */
	static double[][] moments(final float[] v, final int bands) {
		final int n = v.length / bands;
		final double[] mean = new double[bands], sd = new double[bands];
		for (int r = 0; r < n; r++) for (int j = 0; j < bands; j++) mean[j] += v[r * bands + j] / (double) n;
		for (int r = 0; r < n; r++) for (int j = 0; j < bands; j++) sd[j] += Math.pow(v[r * bands + j] - mean[j], 2) / (n - 1);
		for (int j = 0; j < bands; j++) sd[j] = Math.sqrt(sd[j]);
		return new double[][] { mean, sd };
	}

	static double correlation(final float[] v, final int bands, final int i, final int j) {
		final double[][] m = moments(v, bands);
		final int n = v.length / bands;
		double c = 0;
		for (int r = 0; r < n; r++) c += (v[r * bands + i] - m[0][i]) * (v[r * bands + j] - m[0][j]);
		return c / (n - 1) / (m[1][i] * m[1][j]);
	}
}
