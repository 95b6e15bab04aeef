package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.innsight.engine.Device;
import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelFolder;
import org.innsight.inn.InnModel;
import org.innsight.inn.TrainPosterior;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code innsight train-posterior} on a small CSV table: the model folder, its card, errors, and Ctrl-C. */
class TrainPosteriorCommandTest {

	@TempDir
	Path tmp;

	private String out = "", err = "";

	private int run(final String... args) {
		final PrintStream oldOut = System.out, oldErr = System.err;
		final ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
		try {
			return InnSightCli.run(args);
		}
		finally {
			System.setOut(oldOut);
			System.setErr(oldErr);
			out = o.toString(StandardCharsets.UTF_8);
			err = e.toString(StandardCharsets.UTF_8);
		}
	}

	/** sO2 in [0, 1], thickness in mm, and three bands that depend on them. */
	private Path table(final int rows) throws Exception {
		final StringBuilder csv = new StringBuilder("sO2,thickness,band_00,band_01,band_02\n");
		final SplittableRandom r = new SplittableRandom(1);
		for (int i = 0; i < rows; i++) {
			final double s = r.nextDouble(), t = 0.5 + r.nextDouble();
			csv.append(String.format(java.util.Locale.ROOT, "%.5f,%.5f,%.5f,%.5f,%.5f%n", s, t, s * t, 1 - s, t + 0.1 * r.nextGaussian()));
		}
		final Path p = tmp.resolve("sims.csv");
		Files.writeString(p, csv);
		return p;
	}

	private static final String[] SMALL = { "--epochs", "2", "--blocks", "2", "--width", "16", "--features", "8", "--batch", "128", "--device", "cpu" };

	private String[] args(final String... first) {
		final String[] a = java.util.Arrays.copyOf(first, first.length + SMALL.length);
		System.arraycopy(SMALL, 0, a, first.length, SMALL.length);
		return a;
	}

	@Test
	void trainsAndWritesACheckedModelFolderWhoseCardRecordsHowItWasMade() throws Exception {
		final Path csv = table(1500);
		final Path model = tmp.resolve("models/toy");
		assertEquals(0, run(args("train-posterior", "--table", csv.toString(), "--params", "sO2,thickness", "--observations", "band_*",
			"--out", model.toString(), "--range", "sO2=0:1", "--unit", "thickness=mm", "--noise", "0.01", "--seed", "3")), err);
		assertTrue(out.contains("epoch 2:") && out.contains("saved"), out);
		final ModelFolder folder = ModelFolder.load(model);
		final ModelCard c = folder.card();
		assertEquals("toy", c.name);
		assertEquals("posterior-cinn", c.kind);
		assertEquals(java.util.List.of("band_00", "band_01", "band_02"), c.inputs.names);
		assertEquals("sO2", c.outputs.get(0).name);
		assertEquals("logit", c.outputs.get(0).transform);
		assertEquals("identity", c.outputs.get(1).transform);
		assertEquals("mm", c.outputs.get(1).unit);
		assertEquals(3L, c.training.seed);
		assertEquals(ModelFolder.sha256(csv), c.training.dataSha256);
		assertTrue(c.training.command.startsWith("innsight train-posterior --table " + csv + " --params sO2,thickness --observations 'band_*'"),
			c.training.command);
		assertEquals(0.01, c.training.settings.get("observation_noise_absolute").getAsDouble());
		try (InnModel m = InnModel.load(folder, Device.CPU)) {
			final float[] s = m.sample(new float[] { 0.3f, 0.5f, 1f }, 1, 100, 1);
			for (int i = 0; i < s.length; i += 2) assertTrue(s[i] >= 0 && s[i] <= 1);
		}
		// never over an existing folder unless asked
		assertEquals(1, run(args("train-posterior", "--table", csv.toString(), "--params", "sO2", "--observations", "band_*", "--out", model.toString())));
		assertTrue(err.contains("folder " + model + " already exists; use --force to replace it"), err);
		assertEquals(0, run(args("train-posterior", "--table", csv.toString(), "--params", "sO2", "--observations", "band_*", "--out", model.toString(),
			"--force")), err);
		assertEquals(0, run(args("train-posterior", "--table", csv.toString(), "--params", "sO2", "--observations", "band_*", "--out", model.toString(),
			"--replace")), err);
		assertEquals(1, ModelFolder.load(model).card().outputs.size());
	}

	@Test
	void badColumnsAndRangesAreOneLineErrors() throws Exception {
		final Path csv = table(200);
		final String o = tmp.resolve("m").toString();
		assertEquals(1, run(args("train-posterior", "--table", csv.toString(), "--params", "sO3", "--observations", "band_*", "--out", o)));
		assertTrue(err.contains("no column matches 'sO3'"), err);
		assertEquals(1, run(args("train-posterior", "--table", csv.toString(), "--params", "sO2", "--observations", "band_*", "--out", o, "--range", "sO2=0:0.5")));
		assertTrue(err.contains("outside its range"), err);
		assertEquals(1, run(args("train-posterior", "--table", csv.toString(), "--params", "sO2", "--observations", "*", "--out", o)));
		assertTrue(err.contains("both a parameter and an observation"), err);
		assertEquals(1, run(args("train-posterior", "--table", tmp.resolve("missing.csv").toString(), "--params", "sO2", "--observations", "band_*", "--out", o)));
		assertTrue(err.contains("missing.csv"), err);
		assertFalse(Files.exists(tmp.resolve("m")));
	}

	@Test
	void ctrlCSavesTheBestCheckpointBeforeTheProgramEnds() throws Exception {
		final Path csv = table(3000);
		final Path model = tmp.resolve("interrupted");
		final TrainingInterruption ctrlC = TrainingInterruption.detached(60, new java.io.PrintWriter(System.err, true));
		final TrainPosterior job = new TrainPosterior();
		job.table = csv;
		job.params = "sO2,thickness";
		job.observations = "band_*";
		job.out = model;
		job.device = Device.CPU;
		job.architecture.blocks = 2;
		job.architecture.subnetWidth = 16;
		job.options.maxEpochs = 1000;
		job.options.earlyStoppingPatience = 0;
		job.options.batchSize = 128;
		final AtomicReference<TrainPosterior.Outcome> outcome = new AtomicReference<>();
		final AtomicReference<Throwable> failure = new AtomicReference<>();
		final java.util.concurrent.atomic.AtomicLong stepsDone = new java.util.concurrent.atomic.AtomicLong();
		final ProgressListener progress = (done, total, message) -> stepsDone.set(done);
		final Thread training = new Thread(() -> {
			try {
				outcome.set(job.run(progress, null, ctrlC.stopFlag()));
			}
			catch (final Throwable t) {
				failure.set(t);
			}
			finally {
				ctrlC.savedCheckpoint();
			}
		});
		training.start();
		while (stepsDone.get() < 3 * 22 && training.isAlive()) Thread.sleep(20); // past the second epoch (22 steps each)
		ctrlC.interrupted(); // what the shutdown hook runs: returns once the checkpoint is written
		assertTrue(Files.exists(model.resolve("model.json")), "the checkpoint is on disk when the hook returns");
		training.join();
		if (failure.get() != null) throw new AssertionError(failure.get());
		assertNotNull(outcome.get().saved());
		assertTrue(outcome.get().result().interrupted());
		assertTrue(outcome.get().result().epochs() >= 2 && outcome.get().result().epochs() < 1000);
		assertTrue(ModelFolder.load(model).card().validation.get("interrupted").getAsBoolean());
	}
}
