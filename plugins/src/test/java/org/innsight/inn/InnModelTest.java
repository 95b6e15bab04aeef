package org.innsight.inn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.innsight.engine.Device;
import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelFolder;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files, determinism, interruption, bounded targets with padding, and densities in the user's units. */
class InnModelTest {

	@TempDir
	Path tmp;

	/** A small conditional problem: sO2 in [0, 1] and an unbounded offset, seen through 3 noisy "bands". */
	static float[][][] toyPosteriorData(final int n, final long seed) {
		final SplittableRandom r = new SplittableRandom(seed);
		final float[][] params = new float[n][2], obs = new float[n][3];
		for (int i = 0; i < n; i++) {
			final double so2 = r.nextDouble(), offset = r.nextGaussian();
			params[i][0] = (float) so2;
			params[i][1] = (float) offset;
			obs[i][0] = (float) (so2 + 0.5 * offset + 0.05 * r.nextGaussian());
			obs[i][1] = (float) (1 - so2 + 0.05 * r.nextGaussian());
			obs[i][2] = (float) (offset * so2 + 0.05 * r.nextGaussian());
		}
		return new float[][][] { params, obs };
	}

	static InnTraining.Spec toySpec() {
		final InnTraining.Spec s = new InnTraining.Spec();
		s.name = "toy";
		s.command = "InnModelTest";
		s.targetNames = List.of("sO2", "offset");
		s.targetUnits = java.util.Arrays.asList("1", null);
		s.targetRanges = new double[][] { { 0, 1 }, null };
		s.observationNames = List.of("band_520", "band_540", "band_560");
		s.wavelengthsNm = new double[] { 520, 540, 560 };
		return s;
	}

	static InnArchitecture small() {
		final InnArchitecture a = new InnArchitecture();
		a.blocks = 3;
		a.subnetWidth = 32;
		a.conditionFeatures = 8;
		a.conditionWidth = 16;
		a.householder = 1;
		return a;
	}

	static TrainingOptions quick(final int epochs) {
		final TrainingOptions o = new TrainingOptions();
		o.seed = 5;
		o.maxEpochs = epochs;
		o.batchSize = 256;
		o.earlyStoppingPatience = 0;
		return o;
	}

	@Test
	void sameSeedSameDataSameWeightsAndTheSavedModelSamplesIdentically() throws IOException {
		final float[][][] d = toyPosteriorData(3000, 1);
		final Map<String, float[]> first;
		final float[] obs = { 0.7f, 0.4f, 0.1f, 0.2f, 0.9f, -0.3f };
		final float[] samples;
		try (InnTraining.Trained a = InnTraining.train(d[0], d[1], toySpec(), small(), quick(2), null, Device.CPU, ProgressListener.NONE, null, null);
			InnTraining.Trained b = InnTraining.train(d[0], d[1], toySpec(), small(), quick(2), null, Device.CPU, ProgressListener.NONE, null, null))
		{
			first = a.network().parameters().snapshot();
			final Map<String, float[]> second = b.network().parameters().snapshot();
			assertEquals(first.keySet(), second.keySet());
			for (final String k : first.keySet()) assertArrayEquals(first.get(k), second.get(k), 0f, k);
			samples = a.model().sample(obs, 2, 500, 42);
			assertArrayEquals(samples, b.model().sample(obs, 2, 500, 42), 0f);
			a.model().save(tmp.resolve("toy"), false);
		}
		final ModelFolder folder = ModelFolder.load(tmp.resolve("toy"));
		final ModelCard card = folder.card();
		assertEquals(List.of("band_520", "band_540", "band_560"), card.inputs.names);
		assertArrayEquals(new double[] { 520, 540, 560 }, card.inputs.wavelengthsNm);
		assertEquals("standardise", card.inputs.normalisation.kind);
		assertEquals("logit", card.outputs.get(0).transform);
		assertArrayEquals(new double[] { 0, 1 }, card.outputs.get(0).range);
		assertEquals("identity", card.outputs.get(1).transform);
		assertNotNull(card.outputs.get(1).sd);
		assertEquals(5L, card.training.seed);
		assertTrue(card.validation.has("validation_nll_per_dimension"));
		assertEquals(InnArchitecture.ALL_IN_ONE, card.architecture.get("block_type").getAsString());
		try (InnModel loaded = InnModel.load(folder, Device.CPU)) {
			assertArrayEquals(samples, loaded.sample(obs, 2, 500, 42), 0f);
			// the number of rows per native call changes nothing but float rounding (BLAS kernels depend on the batch size)
			loaded.setRowsPerCall(77);
			assertArrayEquals(samples, loaded.sample(obs, 2, 500, 42), 1e-5f);
			for (int i = 0; i < samples.length; i += 2) assertTrue(samples[i] >= 0 && samples[i] <= 1, "sO2 sample " + samples[i]);
			assertThrows(IllegalArgumentException.class, () -> loaded.sample(new float[5], 2, 10, 1));
		}
	}

	@Test
	void stoppingTrainingKeepsTheBestEpochsWeights() {
		final float[][][] d = toyPosteriorData(3000, 2);
		final AtomicBoolean stop = new AtomicBoolean();
		final AtomicInteger epochs = new AtomicInteger();
		final double[] bestSeen = { Double.POSITIVE_INFINITY };
		// stop in the middle of the fourth epoch
		final ProgressListener progress = (done, total, message) -> {
			if (epochs.get() == 3 && done > 3 * 11 + 5) stop.set(true);
		};
		try (InnTraining.Trained t = InnTraining.train(d[0], d[1], toySpec(), small(), quick(50), null, Device.CPU, progress, e -> {
			epochs.incrementAndGet();
			bestSeen[0] = Math.min(bestSeen[0], e.validationNll());
		}, stop)) {
			final InnTrainer.Result r = t.result();
			assertTrue(r.interrupted());
			assertEquals(3, r.epochs());
			assertEquals(bestSeen[0], r.bestValidationNll(), 0);
			assertTrue(t.model().card().validation.get("interrupted").getAsBoolean());
		}
	}

	@Test
	void aBoundedOneDimensionalTargetIsPaddedAndItsDensityIsNormalisedInItsOwnUnits() {
		// x = 2 * Beta(2, 3) on [0, 2]: density 6 (x/2) (1 - x/2)^2
		final SplittableRandom r = new SplittableRandom(3);
		final int n = 12_000;
		final float[][] x = new float[n][1];
		for (int i = 0; i < n; i++) {
			final double[] u = { r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble() };
			java.util.Arrays.sort(u);
			x[i][0] = (float) (2 * u[1]);
		}
		final InnTraining.Spec s = new InnTraining.Spec();
		s.name = "beta";
		s.kind = "density-inn";
		s.command = "InnModelTest";
		s.targetNames = List.of("thickness");
		s.targetUnits = List.of("mm");
		s.targetRanges = new double[][] { { 0, 2 } };
		final InnArchitecture a = new InnArchitecture();
		a.blocks = 4;
		a.subnetWidth = 32;
		final TrainingOptions o = quick(25);
		o.learningRate = 3e-3;
		o.targetNoise = 0;
		try (InnTraining.Trained t = InnTraining.train(x, null, s, a, o, null, Device.CPU, ProgressListener.NONE, null, null)) {
			final InnModel m = t.model();
			assertEquals(1, t.network().architecture().padding);
			assertEquals(2, m.flow().dimension());
			final int grid = 400;
			final float[] xs = new float[grid];
			for (int i = 0; i < grid; i++) xs[i] = (float) (2.0 * (i + 0.5) / grid);
			final double[] logP = m.logDensity(xs, null, grid);
			double integral = 0, l1 = 0;
			for (int i = 0; i < grid; i++) {
				final double p = Math.exp(logP[i]), u = xs[i] / 2, truth = 6 * u * (1 - u) * (1 - u);
				integral += p * 2.0 / grid;
				l1 += Math.abs(p - truth) * 2.0 / grid;
			}
			System.out.printf("1-D bounded target: integral %.4f, L1 distance to the true density %.4f%n", integral, l1);
			assertEquals(1, integral, 0.03);
			assertTrue(l1 < 0.1, "L1 distance " + l1);
			final float[] samples = m.sample(null, 1, 5000, 7);
			double mean = 0;
			for (final float v : samples) {
				assertTrue(v >= 0 && v <= 2);
				mean += v / samples.length;
			}
			assertEquals(0.8, mean, 0.03); // 2 * E[Beta(2,3)] = 0.8
			assertFalse(t.result().interrupted());
		}
	}

	@Test
	void stepDecayHalvesTheLearningRateOnScheduleAndEarlyStoppingEndsAStalledRun() {
		final float[][][] d = toyPosteriorData(1200, 6);
		final TrainingOptions o = quick(5);
		o.schedule = "step";
		o.decayEvery = 2;
		try (InnTraining.Trained t = InnTraining.train(d[0], d[1], toySpec(), small(), o, null, Device.CPU, ProgressListener.NONE, null, null)) {
			final double[] lr = t.result().history().stream().mapToDouble(InnTrainer.Epoch::learningRate).toArray();
			assertArrayEquals(new double[] { 1e-3, 1e-3, 5e-4, 5e-4, 2.5e-4 }, lr, 1e-12);
		}
		// a learning rate too small to improve anything: patience 2 stops after 3 epochs without a better validation NLL
		final TrainingOptions stalled = quick(40);
		stalled.learningRate = 1e-12;
		stalled.earlyStoppingPatience = 2;
		try (InnTraining.Trained t = InnTraining.train(d[0], d[1], toySpec(), small(), stalled, null, Device.CPU, ProgressListener.NONE, null, null)) {
			assertTrue(t.result().stoppedEarly());
			assertTrue(t.result().epochs() < 10, "epochs " + t.result().epochs());
		}
	}

	@Test
	void targetsOutsideTheirRangeAreAClearError() {
		final float[][][] d = toyPosteriorData(100, 4);
		d[0][17][0] = 1.5f;
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> InnTraining.train(d[0], d[1], toySpec(), small(), quick(1), null, Device.CPU, ProgressListener.NONE, null, null));
		assertTrue(e.getMessage().contains("sO2") && e.getMessage().contains("row 17"), e.getMessage());
	}

	@Test
	void weightsOfAnotherArchitectureAreRefused() throws IOException {
		final float[][][] d = toyPosteriorData(600, 5);
		try (InnTraining.Trained t = InnTraining.train(d[0], d[1], toySpec(), small(), quick(1), null, Device.CPU, ProgressListener.NONE, null, null)) {
			t.model().save(tmp.resolve("m"), false);
		}
		final Path card = tmp.resolve("m/model.json");
		Files.writeString(card, Files.readString(card).replace("\"blocks\": 3", "\"blocks\": 4"));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InnModel.load(ModelFolder.load(tmp.resolve("m")), Device.CPU));
		assertTrue(e.getMessage().contains("weights.ndlist") && e.getMessage().contains("block3"), e.getMessage());
	}
}
