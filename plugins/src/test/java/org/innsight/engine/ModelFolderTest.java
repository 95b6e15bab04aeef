package org.innsight.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class ModelFolderTest {

	@TempDir
	Path tmp;

	static ModelCard card() {
		final ModelCard c = new ModelCard();
		c.name = "toy";
		c.kind = "posterior-cinn";
		c.version = "1";
		c.inputs.names = List.of("band_520", "band_540");
		c.inputs.wavelengthsNm = new double[] { 520, 540 };
		c.inputs.normalisation = ModelCard.Normalisation.standardise(new double[] { 0.1, 0.2 }, new double[] { 1, 2 });
		c.outputs.add(ModelCard.Output.of("sO2", "1", new double[] { 0, 1 }));
		c.training.command = "innsight train-posterior --table t.csv --seed 7";
		c.training.seed = 7L;
		c.training.dataSha256 = ModelFolder.sha256("data".getBytes(StandardCharsets.UTF_8));
		c.validation.addProperty("calibration_error", 0.01);
		c.architecture.addProperty("blocks", 4);
		return c;
	}

	static Map<String, ModelFolder.Content> weights(final byte[] bytes) {
		final Map<String, ModelFolder.Content> files = new LinkedHashMap<>();
		files.put("weights.ndlist", out -> out.write(bytes));
		return files;
	}

	@Test
	void savedModelsLoadBackWithTheirCardAndChecksums() throws IOException {
		final byte[] bytes = { 1, 2, 3, 4, 5 };
		final ModelFolder saved = ModelFolder.save(tmp.resolve("toy"), card(), weights(bytes), false);
		assertEquals(ModelFolder.sha256(bytes), saved.card().files.get("weights.ndlist"));
		final ModelFolder loaded = ModelFolder.load(tmp.resolve("toy"));
		final ModelCard c = loaded.card();
		assertEquals("toy", c.name);
		assertArrayEquals(new double[] { 520, 540 }, c.inputs.wavelengthsNm);
		assertArrayEquals(new double[] { 0.1, 0.2 }, c.inputs.normalisation.mean);
		assertEquals(7L, c.training.seed);
		assertEquals(0.01, c.validation.get("calibration_error").getAsDouble());
		assertEquals(4, c.architecture.get("blocks").getAsInt());
		assertArrayEquals(bytes, Files.readAllBytes(loaded.file("weights.ndlist")));
		// loading the card file itself works too
		assertEquals("toy", ModelFolder.load(tmp.resolve("toy/model.json")).card().name);
		// the card uses snake_case keys
		final JsonObject json = JsonParser.parseString(Files.readString(tmp.resolve("toy/model.json"))).getAsJsonObject();
		assertTrue(json.getAsJsonObject("inputs").has("wavelengths_nm"));
		assertTrue(json.getAsJsonObject("training").has("data_sha256"));
		// no temporary folders left behind
		try (var s = Files.list(tmp)) {
			assertEquals(List.of(tmp.resolve("toy")), s.toList());
		}
	}

	@Test
	void aTamperedWeightsFileIsRefusedNamingTheFile() throws IOException {
		ModelFolder.save(tmp.resolve("toy"), card(), weights(new byte[] { 1, 2, 3 }), false);
		Files.write(tmp.resolve("toy/weights.ndlist"), new byte[] { 1, 2, 4 });
		final IOException e = assertThrows(IOException.class, () -> ModelFolder.load(tmp.resolve("toy")));
		assertTrue(e.getMessage().contains("weights.ndlist") && e.getMessage().contains("does not match"), e.getMessage());
	}

	@Test
	void aTamperedCardChecksumIsRefused() throws IOException {
		ModelFolder.save(tmp.resolve("toy"), card(), weights(new byte[] { 1, 2, 3 }), false);
		final Path cardFile = tmp.resolve("toy/model.json");
		final String sha = ModelFolder.sha256(new byte[] { 1, 2, 3 });
		Files.writeString(cardFile, Files.readString(cardFile).replace(sha, ModelFolder.sha256(new byte[] { 9 })));
		final IOException e = assertThrows(IOException.class, () -> ModelFolder.load(tmp.resolve("toy")));
		assertTrue(e.getMessage().contains("does not match"), e.getMessage());
	}

	@Test
	void aMissingWeightsFileIsRefusedNamingTheFile() throws IOException {
		ModelFolder.save(tmp.resolve("toy"), card(), weights(new byte[] { 1 }), false);
		Files.delete(tmp.resolve("toy/weights.ndlist"));
		final NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ModelFolder.load(tmp.resolve("toy")));
		assertTrue(e.getMessage().contains("weights.ndlist") && e.getMessage().contains("missing"), e.getMessage());
	}

	@Test
	void incompleteCardsAreRefusedNamingTheFileAndTheField() throws IOException {
		final String[][] cases = { { "\"name\": \"toy\"", "\"nom\": \"toy\"", "'name'" },
			{ "\"seed\": 7", "\"sed\": 7", "'training.seed'" },
			{ "\"command\":", "\"cmd\":", "'training.command'" },
			{ "\"kind\": \"posterior-cinn\"", "\"kind\": \"\"", "'kind'" } };
		for (final String[] c : cases) {
			final Path dir = tmp.resolve("m" + c[2].hashCode());
			ModelFolder.save(dir, card(), weights(new byte[] { 1 }), false);
			final Path cardFile = dir.resolve("model.json");
			final String json = Files.readString(cardFile);
			assertTrue(json.contains(c[0]), c[0]);
			Files.writeString(cardFile, json.replace(c[0], c[1]));
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFolder.load(dir));
			assertTrue(e.getMessage().contains(cardFile.toString()) && e.getMessage().contains(c[2]), e.getMessage());
		}
	}

	@Test
	void cardsThatAreNotJsonOrPointOutsideTheFolderAreRefused() throws IOException {
		ModelFolder.save(tmp.resolve("toy"), card(), weights(new byte[] { 1 }), false);
		final Path cardFile = tmp.resolve("toy/model.json");
		final String json = Files.readString(cardFile);
		Files.writeString(cardFile, json.substring(0, json.length() / 2));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFolder.load(tmp.resolve("toy")));
		assertTrue(e.getMessage().contains("not valid JSON") && e.getMessage().contains(cardFile.toString()), e.getMessage());
		Files.writeString(cardFile, json.replace("\"weights.ndlist\"", "\"../weights.ndlist\""));
		e = assertThrows(IllegalArgumentException.class, () -> ModelFolder.load(tmp.resolve("toy")));
		assertTrue(e.getMessage().contains("not a plain file name"), e.getMessage());
	}

	@Test
	void aCardWithAKeyTwiceOrAFieldOfTheWrongFormSaysSoPlainly() throws IOException {
		ModelFolder.save(tmp.resolve("toy"), card(), weights(new byte[] { 1 }), false);
		final Path cardFile = tmp.resolve("toy/model.json");
		final String json = Files.readString(cardFile);
		// a second "name" would silently win; a card must say one thing
		Files.writeString(cardFile, json.replaceFirst("\\{", "{\n  \"name\": \"other\","));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFolder.load(tmp.resolve("toy")));
		assertTrue(e.getMessage().startsWith("model card " + cardFile + ": key \"name\" appears twice in the same object at line 3, column 3;"),
			e.getMessage());
		Files.writeString(cardFile, json.replace("\"name\": \"toy\"", "\"name\": [\"toy\"]"));
		e = assertThrows(IllegalArgumentException.class, () -> ModelFolder.load(tmp.resolve("toy")));
		assertEquals("model card " + cardFile + ": a field has the wrong form: $.name: expected text, found a list", e.getMessage());
	}

	@Test
	void aFileLinkedFromOutsideTheModelFolderIsRefusedALinkInsideIsFine() throws IOException {
		final byte[] bytes = { 7, 7, 7 };
		final Path model = tmp.resolve("toy");
		ModelFolder.save(model, card(), weights(bytes), false);
		final Path weights = model.resolve("weights.ndlist");
		// the same bytes elsewhere: the checksum matches, but the file is not the folder's
		final Path outside = tmp.resolve("elsewhere/weights.ndlist");
		Files.createDirectories(outside.getParent());
		Files.write(outside, bytes);
		Files.delete(weights);
		Files.createSymbolicLink(weights, outside);
		final IOException e = assertThrows(IOException.class, () -> ModelFolder.load(model));
		assertEquals("model file " + weights + " is a link to " + outside.toRealPath() + ", outside the model folder " + model + "; InnSight " +
			"loads only files inside a model folder: copy the file into the folder instead of linking it", e.getMessage());
		// a link that stays inside the folder, and a model folder that is itself a link, load
		Files.delete(weights);
		Files.write(model.resolve("weights-v1.ndlist"), bytes);
		Files.createSymbolicLink(weights, model.resolve("weights-v1.ndlist"));
		assertEquals(ModelFolder.sha256(bytes), ModelFolder.load(model).card().files.get("weights.ndlist"));
		final Path linkedFolder = tmp.resolve("linked-toy");
		Files.createSymbolicLink(linkedFolder, model);
		assertEquals("toy", ModelFolder.load(linkedFolder).card().name);
		// the card itself linked from outside
		final Path card = model.resolve(ModelCard.FILE_NAME);
		Files.move(card, tmp.resolve("elsewhere/model.json"));
		Files.createSymbolicLink(card, tmp.resolve("elsewhere/model.json"));
		assertTrue(assertThrows(IOException.class, () -> ModelFolder.load(model)).getMessage().startsWith("model file " + card + " is a link to "));
	}

	@Test
	void anInvalidCardIsRejectedBeforeAnythingIsWritten() {
		final ModelCard bad = card();
		bad.training.seed = null;
		assertThrows(IllegalArgumentException.class, () -> ModelFolder.save(tmp.resolve("bad"), bad, weights(new byte[] { 1 }), false));
		assertFalse(Files.exists(tmp.resolve("bad")));
	}

	@Test
	void savingNeverOverwritesUnlessAskedAndThenReplacesTheWholeFolder() throws IOException {
		ModelFolder.save(tmp.resolve("toy"), card(), weights(new byte[] { 1 }), false);
		assertThrows(FileAlreadyExistsException.class, () -> ModelFolder.save(tmp.resolve("toy"), card(), weights(new byte[] { 2 }), false));
		final Map<String, ModelFolder.Content> other = new LinkedHashMap<>();
		other.put("other.bin", out -> out.write(7));
		ModelFolder.save(tmp.resolve("toy"), card(), other, true);
		assertFalse(Files.exists(tmp.resolve("toy/weights.ndlist")));
		assertArrayEquals(new byte[] { 7 }, Files.readAllBytes(ModelFolder.load(tmp.resolve("toy")).file("other.bin")));
		// a folder that is not a model is never replaced
		Files.createDirectories(tmp.resolve("photos"));
		Files.write(tmp.resolve("photos/a.jpg"), new byte[] { 1 });
		assertThrows(IOException.class, () -> ModelFolder.save(tmp.resolve("photos"), card(), other, true));
		assertTrue(Files.exists(tmp.resolve("photos/a.jpg")));
	}

	@Test
	void theCatalogListsGoodAndBrokenModelsAndResolvesNames() throws IOException {
		final Path models = tmp.resolve("models");
		ModelFolder.save(models.resolve("b-model"), card(), weights(new byte[] { 1 }), false);
		ModelFolder.save(models.resolve("a-model"), card(), weights(new byte[] { 2 }), false);
		Files.write(models.resolve("a-model/weights.ndlist"), new byte[] { 3 });
		Files.createDirectories(models.resolve("not-a-model"));
		final ModelCatalog catalog = new ModelCatalog(models);
		final List<ModelCatalog.Entry> found = catalog.list();
		assertEquals(2, found.size());
		assertEquals("a-model", found.get(0).dir.getFileName().toString());
		assertFalse(found.get(0).ok());
		assertTrue(found.get(0).problem.contains("does not match"), found.get(0).problem);
		assertTrue(found.get(1).ok());
		// names are resolved by ModelLookup (ModelLookupTest), over several such folders
		final ModelLookup lookup = new ModelLookup(Map.of("innsight.models", models.toString())::get, null,
			new ClassPathModels(null, tmp.resolve("cache")));
		assertEquals("toy", lookup.resolve("b-model").card().name);
		assertEquals("toy", lookup.resolve(models.resolve("b-model").toString()).card().name);
		final NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> lookup.resolve("c-model"));
		assertTrue(e.getMessage().contains("a-model, b-model"), e.getMessage());
		assertTrue(new ModelCatalog(tmp.resolve("nothing")).list().isEmpty());
	}
}
