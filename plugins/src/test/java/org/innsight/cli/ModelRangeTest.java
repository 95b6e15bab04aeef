package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.innsight.engine.InputRange;
import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelFolder;
import org.innsight.io.Checksums;
import org.innsight.macro.Macros;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train-posterior} records the training range of the observations in the card ({@code inputs.range}), and
 * {@code model-range} puts the same range into a card made without it, from the same table only.
 */
class ModelRangeTest {

	@TempDir
	Path tmp;

	/** 1001 rows: each band a permutation of 0 .. 1000, so its quantiles are known: q001 = 1, q999 = 999 (nearest rank). */
	private Path table() throws Exception {
		final StringBuilder csv = new StringBuilder("sO2,band_00,band_01,band_02\n");
		for (int i = 0; i <= 1000; i++) csv.append(i / 1000.0).append(',').append(i).append(',').append(1000 - i).append(',').append(i * 3 % 1001).append('\n');
		final Path p = tmp.resolve("sims.csv");
		Files.writeString(p, csv);
		return p;
	}

	@Test
	void trainPosteriorRecordsTheRangeAndModelRangeRecordsTheSameFromTheSameTableOnly() throws Exception {
		final Path csv = table(), model = tmp.resolve("toy");
		final CliRun trained = CliRun.of("--device", "cpu", "train-posterior", "--table", csv.toString(), "--params", "sO2", "--observations", "band_*",
			"--range", "sO2=0:1", "--epochs", "1", "--blocks", "1", "--width", "8", "--features", "4", "--out", model.toString());
		assertEquals(0, trained.exit(), trained.err());
		final InputRange r = ModelFolder.load(model).card().inputs.range;
		assertNotNull(r, "train-posterior records inputs.range");
		assertEquals(1001, r.rows);
		assertEquals("none", r.normalisation);
		assertNull(r.quantity, "a CSV table does not say what it measures");
		for (final double[] v : List.of(r.q001, r.q999, r.min, r.max)) assertEquals(3, v.length);
		assertArrayEquals(new double[] { 1, 1, 1 }, r.q001);
		assertArrayEquals(new double[] { 999, 999, 999 }, r.q999);
		assertArrayEquals(new double[] { 0, 0, 0 }, r.min);
		assertArrayEquals(new double[] { 1000, 1000, 1000 }, r.max);
		final String written = Files.readString(model.resolve(ModelCard.FILE_NAME));

		// a card made before ranges were recorded
		ModelFolder.updateCard(model, json -> {
			json.getAsJsonObject("inputs").remove("range");
			return json;
		});
		assertNull(ModelFolder.load(model).card().inputs.range);
		final String weights = Checksums.sha256(model.resolve("weights.ndlist"));

		final Path other = tmp.resolve("other.csv");
		Files.writeString(other, Files.readString(csv).replace("\n0.5,", "\n0.4,"));
		final CliRun wrong = CliRun.of("model-range", "--model", model.toString(), "--table", other.toString());
		assertEquals(1, wrong.exit());
		assertTrue(wrong.err().startsWith("innsight model-range: error: " + other + ": SHA-256 " + Checksums.sha256(other) + " is not the training data of " +
			model.resolve(ModelCard.FILE_NAME)), wrong.err());

		final CliRun added = CliRun.of("model-range", "--model", model.toString(), "--table", csv.toString());
		assertEquals(0, added.exit(), added.err());
		assertEquals(written, Files.readString(model.resolve(ModelCard.FILE_NAME)), "the same card as training wrote, byte for byte");
		assertEquals(weights, Checksums.sha256(model.resolve("weights.ndlist")));
		ModelFolder.load(model); // the weights still match the card

		final CliRun again = CliRun.of("model-range", "--model", model.toString(), "--table", csv.toString());
		assertEquals(1, again.exit());
		assertEquals("innsight model-range: error: " + model.resolve(ModelCard.FILE_NAME) + " already records a training range; use --force to replace it",
			again.err().strip());
		assertEquals(0, CliRun.of("model-range", "--model", model.toString(), "--table", csv.toString(), "--force").exit());
		assertEquals(written, Files.readString(model.resolve(ModelCard.FILE_NAME)));
	}

	/** The bundled models' cards carry their ranges (added by model-range, see each model's README), and still load. */
	@Test
	void theBundledModelsRecordTheirTrainingRange() throws Exception {
		for (final String name : List.of("msi-tissue-16band", "pai-tissue-16wl", "msi-ood-16band")) {
			final ModelCard c = ModelFolder.load(Macros.repo().resolve("models").resolve(name)).card();
			assertNotNull(c.inputs.range, name);
			assertTrue(c.inputs.range.rows == 200000 || c.inputs.range.rows == 60000, name);
			assertTrue(Files.readString(Macros.repo().resolve("models").resolve(name).resolve("README.md")).contains("innsight model-range"), name);
		}
		final ModelCard transfer = ModelFolder.load(Macros.repo().resolve("models/msi-sim2real-16band")).card();
		for (int i = 0; i < 2; i++) {
			final InputRange r = ModelCard.gson().fromJson(transfer.details.getAsJsonArray("domains").get(i).getAsJsonObject().get("range"), InputRange.class);
			assertEquals("l2", r.normalisation);
			assertEquals(20000, r.rows);
		}
	}
}
