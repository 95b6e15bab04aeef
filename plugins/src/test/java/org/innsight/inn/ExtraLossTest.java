package org.innsight.inn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;

import org.innsight.engine.Autograd;
import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.engine.NativeArrays;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/** {@link InnTrainer.ExtraLoss}: called every step, its term steers the weights, and weight 0 changes nothing. */
class ExtraLossTest {

	private static final int ROWS = 2000, EPOCHS = 4;

	/** Two standard-normal target columns, one uniform observation column that they do not depend on. */
	private static TrainingData data() {
		final SplittableRandom r = new SplittableRandom(17);
		final float[][] x = new float[ROWS][2], c = new float[ROWS][1];
		for (int i = 0; i < ROWS; i++) {
			x[i][0] = (float) r.nextGaussian();
			x[i][1] = (float) r.nextGaussian();
			c[i][0] = (float) r.nextDouble();
		}
		return new TrainingData(x, c);
	}

	private static InnArchitecture arch() {
		final InnArchitecture a = InnArchitecture.forTargets(2, 1);
		a.blocks = 2;
		a.subnetWidth = 16;
		a.conditionFeatures = 4;
		a.conditionWidth = 8;
		a.seed = 9;
		return a;
	}

	private static TrainingOptions options() {
		final TrainingOptions o = new TrainingOptions();
		o.seed = 4;
		o.maxEpochs = EPOCHS;
		o.batchSize = 200;
		o.learningRate = 1e-2;
		o.earlyStoppingPatience = 0;
		return o;
	}

	/** Pulls the mean of the first latent column towards +2: (mean z_0 - 2)²; counts its calls. */
	private static final class PullFirstLatent implements InnTrainer.ExtraLoss {
		int losses, afterSteps;
		boolean recordingInLoss = true, recordingAfter;

		@Override
		public NDArray loss(final InnTrainer.StepBatch b) {
			losses++;
			recordingInLoss &= Autograd.isRecording();
			final InvertibleNetwork net = b.network();
			final NDArray z = net.forward(b.targets(), net.condition(b.observations())).out();
			return z.get(new NDIndex(":, 0")).mean().sub(NativeArrays.scalar(b.manager(), 2f)).square();
		}

		@Override
		public void afterStep(final InnTrainer.StepBatch b) {
			afterSteps++;
			recordingAfter |= Autograd.isRecording();
		}
	}

	/** Trains a fresh network; returns its weights and the mean of each latent column over the data. */
	private static Object[] train(final InnTrainer trainer) {
		try (NDManager root = Engines.newManager(Device.CPU); InvertibleNetwork net = InvertibleNetwork.create(arch(), root)) {
			final TrainingData d = data();
			final InnTrainer.Result result = trainer.train(net, d, ProgressListener.NONE, null, null);
			assertEquals(EPOCHS, result.epochs());
			final float[] x = new float[ROWS * 2], c = new float[ROWS];
			for (int i = 0; i < ROWS; i++) {
				x[2 * i] = d.targets[i][0];
				x[2 * i + 1] = d.targets[i][1];
				c[i] = d.observations[i][0];
			}
			final double[] mean = new double[2];
			try (NDManager m = root.newSubManager(); Autograd off = Autograd.pause()) {
				final float[] z = net.forward(m.create(x, new ai.djl.ndarray.types.Shape(ROWS, 2)),
					net.condition(m.create(c, new ai.djl.ndarray.types.Shape(ROWS, 1)))).out().toFloatArray();
				for (int i = 0; i < ROWS; i++) {
					mean[0] += z[2 * i] / ROWS;
					mean[1] += z[2 * i + 1] / ROWS;
				}
			}
			return new Object[] { net.parameters().snapshot(), mean };
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void theTermIsAddedEveryStepAndPullsTheLatentWhereItSays() {
		final Object[] plain = train(new InnTrainer(options()));
		final PullFirstLatent pull = new PullFirstLatent();
		final Object[] pulled = train(new InnTrainer(options(), pull, 1.0));
		final int steps = EPOCHS * ((ROWS - ROWS / 10 + 199) / 200);
		assertEquals(steps, pull.losses);
		assertEquals(steps, pull.afterSteps);
		assertTrue(pull.recordingInLoss, "loss() runs while gradients are recorded");
		assertFalse(pull.recordingAfter, "afterStep() runs with recording off");
		final double[] m0 = (double[]) plain[1], m1 = (double[]) pulled[1];
		// maximum likelihood keeps the latent centred; the extra term moves its first column towards +2 (the second stays)
		assertEquals(0, m0[0], 0.1, "plain training: mean z_0");
		assertTrue(m1[0] > 0.5 && m1[0] < 2.1, "with the pull: mean z_0 " + m1[0]);
		assertEquals(0, m1[1], 0.25, "with the pull: mean z_1");
		final Map<String, float[]> a = (Map<String, float[]>) plain[0], b = (Map<String, float[]>) pulled[0];
		assertTrue(a.keySet().stream().anyMatch(k -> !java.util.Arrays.equals(a.get(k), b.get(k))), "the term changed the weights");
	}

	@Test
	@SuppressWarnings("unchecked")
	void weightZeroTrainsTheSameWeightsAsNoTermAndNeverCallsIt() {
		final Map<String, float[]> plain = (Map<String, float[]>) train(new InnTrainer(options()))[0];
		final PullFirstLatent pull = new PullFirstLatent();
		final Map<String, float[]> zero = (Map<String, float[]>) train(new InnTrainer(options(), pull, 0))[0];
		assertEquals(0, pull.losses + pull.afterSteps);
		assertEquals(plain.keySet(), zero.keySet());
		for (final String k : plain.keySet()) assertArrayEquals(plain.get(k), zero.get(k), 0f, k);
		assertThrows(IllegalArgumentException.class, () -> new InnTrainer(options(), pull, -1));
		assertThrows(IllegalArgumentException.class, () -> new InnTrainer(options(), pull, Double.NaN));
	}
}
