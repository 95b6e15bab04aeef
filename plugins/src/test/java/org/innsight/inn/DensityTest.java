package org.innsight.inn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.innsight.engine.Autograd;
import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.engine.TileScope;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Issue 4: an unconditional INN trained on a 2-D Gaussian mixture is a proper density (integrates to 1 +- 2%
 * on a grid) and close to the true one (held-out NLL near the mixture's own).
 */
class DensityTest {

	static final double[][] MEANS = { { -2, -1 }, { 2, -1 }, { 0, 2 } };
	static final double[] SD = { 0.6, 0.5, 0.8 };
	static final double[] WEIGHT = { 0.3, 0.3, 0.4 };

	static float[][] sample(final int n, final long seed) {
		final SplittableRandom r = new SplittableRandom(seed);
		final float[][] x = new float[n][2];
		for (int i = 0; i < n; i++) {
			final double u = r.nextDouble();
			final int k = u < WEIGHT[0] ? 0 : u < WEIGHT[0] + WEIGHT[1] ? 1 : 2;
			x[i][0] = (float) (MEANS[k][0] + SD[k] * r.nextGaussian());
			x[i][1] = (float) (MEANS[k][1] + SD[k] * r.nextGaussian());
		}
		return x;
	}

	static double trueLogDensity(final double x, final double y) {
		double p = 0;
		for (int k = 0; k < 3; k++) {
			final double dx = x - MEANS[k][0], dy = y - MEANS[k][1], v = SD[k] * SD[k];
			p += WEIGHT[k] * Math.exp(-(dx * dx + dy * dy) / (2 * v)) / (2 * Math.PI * v);
		}
		return Math.log(p);
	}

	@Test
	void trainedUnconditionalInnIntegratesToOneAndMatchesTheMixture() {
		final InnArchitecture arch = InnArchitecture.forTargets(2, 0);
		arch.blocks = 8;
		arch.subnetWidth = 96;
		arch.seed = 3;
		final TrainingOptions opt = new TrainingOptions();
		opt.seed = 4;
		opt.batchSize = 512;
		opt.maxEpochs = 32;
		opt.learningRate = 3e-3;
		opt.schedule = "step";
		opt.decayEvery = 8;
		opt.targetNoise = 0;
		try (NDManager root = Engines.newManager(Device.CPU); InvertibleNetwork net = InvertibleNetwork.create(arch, root)) {
			final long t0 = System.nanoTime();
			final InnTrainer.Result result = new InnTrainer(opt).train(net, new TrainingData(sample(20_000, 5), null), ProgressListener.NONE,
				e -> System.out.printf("epoch %d train %.4f val %.4f lr %.1e %.1fs%n", e.epoch(), e.trainNll(), e.validationNll(), e.learningRate(), e.seconds()), null);
			System.out.printf("trained %d epochs in %.1f s%n", result.epochs(), (System.nanoTime() - t0) / 1e9);

			// integral of exp(log p) over [-7, 7]^2 by the midpoint rule
			final int n = 280;
			final double h = 14.0 / n;
			final float[] grid = new float[n * n * 2];
			for (int i = 0; i < n; i++)
				for (int j = 0; j < n; j++) {
					grid[2 * (i * n + j)] = (float) (-7 + (i + 0.5) * h);
					grid[2 * (i * n + j) + 1] = (float) (-7 + (j + 0.5) * h);
				}
			final float[] logP;
			try (TileScope tile = TileScope.open(root); Autograd off = Autograd.pause()) {
				logP = net.logDensity(tile.manager().create(grid, new Shape(n * n, 2)), Conditioning.NONE).toFloatArray();
			}
			double integral = 0;
			for (final float lp : logP) integral += Math.exp(lp) * h * h;
			System.out.printf("integral of the learned density: %.4f%n", integral);
			assertEquals(1, integral, 0.02);

			// held-out NLL per dimension vs the true mixture's
			final float[][] test = sample(20_000, 6);
			final float[] flat = new float[test.length * 2];
			double trueNll = 0;
			for (int i = 0; i < test.length; i++) {
				flat[2 * i] = test[i][0];
				flat[2 * i + 1] = test[i][1];
				trueNll -= trueLogDensity(test[i][0], test[i][1]);
			}
			double nll = 0;
			try (TileScope tile = TileScope.open(root); Autograd off = Autograd.pause()) {
				for (final float lp : net.logDensity(tile.manager().create(flat, new Shape(test.length, 2)), Conditioning.NONE).toFloatArray()) nll -= lp;
			}
			nll /= 2 * test.length;
			trueNll /= 2 * test.length;
			System.out.printf("held-out NLL per dimension: learned %.4f, true mixture %.4f%n", nll, trueNll);
			assertTrue(nll - trueNll < 0.03, "learned NLL " + nll + " vs true " + trueNll);
		}
	}
}
