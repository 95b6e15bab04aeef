package org.innsight.inn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.engine.ModelFolder;
import org.innsight.engine.TileScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The TorchScript loader against numbers PyTorch 1.13 computed for the committed fixture (see
 * src/test/resources/org/innsight/inn/torchscript/make_fixture.py).
 */
class TorchScriptFlowTest {

	@TempDir
	Path tmp;

	private static Path fixture(final String name) throws URISyntaxException {
		return Paths.get(TorchScriptFlowTest.class.getResource("torchscript/" + name).toURI());
	}

	private static JsonObject expected() throws Exception {
		try (Reader r = new InputStreamReader(Files.newInputStream(fixture("expected.json")), StandardCharsets.UTF_8)) {
			return JsonParser.parseReader(r).getAsJsonObject();
		}
	}

	private static float[] flat(final JsonArray a) {
		int n = 0;
		for (final var e : a) n += e.isJsonArray() ? e.getAsJsonArray().size() : 1;
		final float[] out = new float[n];
		int i = 0;
		for (final var e : a)
			if (e.isJsonArray()) for (final var v : e.getAsJsonArray()) out[i++] = v.getAsFloat();
			else out[i++] = e.getAsFloat();
		return out;
	}

	private static void assertClose(final float[] expected, final float[] actual, final double tol, final String what) {
		assertEquals(expected.length, actual.length, what);
		for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], tol, what + " [" + i + "]");
	}

	private static void assertClose(final float[] expected, final double[] actual, final double tol, final String what) {
		assertEquals(expected.length, actual.length, what);
		for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], tol, what + " [" + i + "]");
	}

	@Test
	void aTorchScriptModelFolderGivesPyTorchsNumbers() throws Exception {
		final JsonObject e = expected();
		final float[] x = flat(e.getAsJsonArray("x")), c = flat(e.getAsJsonArray("c"));
		try (InnModel model = InnModel.load(ModelFolder.load(fixture("model")), Device.CPU)) {
			assertEquals(2, model.targets());
			assertEquals(2, model.observations());
			assertEquals(java.util.List.of("a", "b"), model.targetNames());
			assertClose(flat(e.getAsJsonArray("z")), model.toLatent(x, c, 6), 1e-5, "z");
			assertClose(flat(e.getAsJsonArray("inverse_of_z_in")), model.fromLatent(flat(e.getAsJsonArray("z_in")), c, 6), 1e-5, "inverse");
			assertClose(flat(e.getAsJsonArray("log_density")), model.logDensity(x, c, 6), 1e-4, "log density");
			// sampling runs the module's inverse: pushing the samples forward gives standard-normal-like z
			final float[] obs = { 0.3f, -1f };
			final float[] samples = model.sample(obs, 1, 4000, 5);
			final float[] repeated = new float[2 * 4000];
			for (int k = 0; k < 4000; k++) System.arraycopy(obs, 0, repeated, 2 * k, 2);
			final float[] z = model.toLatent(samples, repeated, 4000);
			double m = 0, v = 0;
			for (final float f : z) m += f;
			m /= z.length;
			for (final float f : z) v += (f - m) * (f - m);
			v /= z.length;
			assertEquals(0, m, 0.05);
			assertEquals(1, v, 0.05);
		}
	}

	@Test
	void conditionsAreGivenOncePerObservationAndRepeatedForItsRows() throws Exception {
		final JsonObject e = expected();
		final float[] x = flat(e.getAsJsonArray("x")), c = flat(e.getAsJsonArray("c"));
		// the fixture's 6 rows share 3 observations in pairs
		final float[] observations = { c[0], c[1], c[4], c[5], c[8], c[9] };
		try (NDManager root = Engines.newManager(Device.CPU); TorchScriptFlow flow = TorchScriptFlow.load(fixture("model/model.pt"), 2, 2, root);
			TileScope tile = TileScope.open(root))
		{
			final NDManager m = tile.manager();
			final Conditioning cond = flow.condition(m.create(observations, new Shape(3, 2)));
			final Transformed t = flow.forward(m.create(x, new Shape(6, 2)), cond);
			assertClose(flat(e.getAsJsonArray("z")), t.out().toFloatArray(), 1e-5, "z");
			assertClose(flat(e.getAsJsonArray("log_det")), t.logDet().toFloatArray(), 1e-5, "log det");
		}
	}

	@Test
	void aDamagedTorchScriptFileIsAClearError() throws Exception {
		final byte[] bytes = Files.readAllBytes(fixture("model/model.pt"));
		final Path damaged = tmp.resolve("damaged.pt");
		Files.write(damaged, java.util.Arrays.copyOf(bytes, bytes.length / 2));
		try (NDManager root = Engines.newManager(Device.CPU)) {
			final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> TorchScriptFlow.load(damaged, 2, 2, root));
			assertTrue(ex.getMessage().contains("damaged.pt"), ex.getMessage());
		}
	}

	@Test
	void theCardMustAgreeWithTheModule() throws IOException, URISyntaxException {
		final Path dir = tmp.resolve("model");
		Files.createDirectories(dir);
		Files.copy(fixture("model/model.pt"), dir.resolve("model.pt"));
		Files.writeString(dir.resolve("model.json"), Files.readString(fixture("model/model.json")).replace("\"conditions\": 2", "\"conditions\": 3"));
		final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> InnModel.load(ModelFolder.load(dir), Device.CPU));
		assertTrue(ex.getMessage().contains("conditions 3"), ex.getMessage());
	}
}
