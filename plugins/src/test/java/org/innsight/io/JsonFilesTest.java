package org.innsight.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;

/** JSON files people write: UTF-8, each key once, and problems said with line, column and plain words. */
class JsonFilesTest {

	private static String problem(final String json) {
		return assertThrows(IllegalArgumentException.class, () -> JsonFiles.parse(json)).getMessage();
	}

	@Test
	void syntaxErrorsSayLineColumnAndTheProblemInPlainWords() {
		assertEquals("not valid JSON at line 3, column 11: a list [...] is not closed: a ',' or ']' is missing",
			problem("{\"name\": \"x\",\n \"centres_nm\": [500, 520,\n \"fwhm_nm\": 20}\n"));
		assertEquals("not valid JSON at line 1, column 14: an object {...} is not closed: a ',' or '}' is missing",
			problem("{\"name\": \"x\" \"centres_nm\": [500]}"));
		assertEquals("not valid JSON at line 2, column 1: the text ends before every { and [ is closed", problem("[{\"step\": \"check\"}\n"));
		assertEquals("not valid JSON at line 1, column 10: more text after the end of the JSON value", problem("{\"a\": 1} {\"b\": 2}"));
		assertEquals("not valid JSON: the text is empty", problem("  \n"));
		for (final String json : new String[] { "{\"a\": }", "{\"a\": [1 2]}", "{\"a\" 1}", "{\"a\": \"open}" }) {
			final String m = problem(json);
			assertTrue(m.startsWith("not valid JSON at line 1, column "), m);
			assertFalse(m.contains("gson") || m.contains("Strictness") || m.contains("https://") || m.contains(" path $"), m);
		}
	}

	@Test
	void aKeyTwiceInOneObjectIsRefusedTheSameKeyInTwoObjectsIsFine() {
		assertEquals("key \"format\" appears twice in the same object at line 1, column 51; a later one would silently replace the first: keep one",
			problem("[{\"step\": \"convert\", \"options\": {\"format\": \"tif\", \"format\": \"png\"}}]"));
		assertTrue(problem("{\"steps\": [], \"description\": \"a\", \"steps\": []}").startsWith("key \"steps\" appears twice"));
		final JsonElement e = JsonFiles.parse("[{\"step\": \"check\"}, {\"step\": \"check\", \"options\": {\"step\": 1}}]");
		assertEquals(2, e.getAsJsonArray().size());
	}

	@Test
	void whatGsonReadBeforeStillReads() {
		// model cards may hold NaN (written with serializeSpecialFloatingPointValues)
		assertTrue(Double.isNaN(JsonFiles.parse("{\"auc\": NaN}").getAsJsonObject().get("auc").getAsDouble()));
		assertEquals(1e5, JsonFiles.parse("[1e5]").getAsJsonArray().get(0).getAsDouble());
		assertEquals("x", JsonFiles.parse("\"x\"").getAsString());
	}

	@Test
	void aFileThatIsNotUtf8NamesTheByteAndItsOffset(@TempDir final Path dir) throws IOException {
		final Path latin1 = dir.resolve("latin1.json");
		Files.write(latin1, "[{\"step\": \"statistics\"},\n {\"step\": \"stat\u00e9\"}]".getBytes(StandardCharsets.ISO_8859_1));
		assertEquals(latin1 + ": not UTF-8: byte 40 (line 2) is 0xE9, which UTF-8 text cannot hold there (the file was saved as Latin-1 or " +
			"Windows-1252?); JSON files must be UTF-8 text; save it as UTF-8",
			assertThrows(IllegalArgumentException.class, () -> JsonFiles.read(latin1)).getMessage());
		final Path utf8 = dir.resolve("utf8.json");
		Files.writeString(utf8, "{\"name\": \"stat\u00e9 \u2192 ok\"}");
		assertEquals("stat\u00e9 \u2192 ok", JsonFiles.read(utf8).getAsJsonObject().get("name").getAsString());
		Files.writeString(utf8, "{\"a\": [1,\n 2}");
		assertEquals(utf8 + ": not valid JSON at line 2, column 3: a list [...] is not closed: a ',' or ']' is missing",
			assertThrows(IllegalArgumentException.class, () -> JsonFiles.read(utf8)).getMessage());
	}

	@Test
	void wrongFormsOfFieldsAreSaidPlainly() {
		final RuntimeException e = assertThrows(RuntimeException.class,
			() -> new com.google.gson.Gson().fromJson(JsonFiles.parse("{\"name\": [1]}"), Named.class));
		assertEquals("$.name: expected text, found a list", JsonFiles.formProblem(e));
	}

	static final class Named {
		String name;
	}
}
