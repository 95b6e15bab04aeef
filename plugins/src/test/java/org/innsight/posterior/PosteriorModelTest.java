package org.innsight.posterior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.innsight.engine.Device;
import org.innsight.image.Normalisation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosteriorModelTest {

	private static final int N = 50;

	private static float[] sample(final PosteriorModel m, final float[] obs, final long... keys) {
		final float[] out = new float[keys.length * N * 2];
		m.sample(obs, keys.length, N, 7, keys, out);
		return out;
	}

	@Test
	void aPixelsSamplesDependOnlyOnItsKeyNotOnItsBatch(@TempDir final Path tmp) throws Exception {
		try (PosteriorModel m = PosteriorModel.load(TestModels.randomModel(tmp.resolve("m"), "none", "posterior-cinn"), Device.parse("cpu"))) {
			assertEquals(List.of("sO2", "depth"), m.parameters());
			assertEquals(List.of("1", "m"), m.units());
			assertArrayEquals(new double[] { 500, 600, 700 }, m.wavelengthsNm());
			final float[] a = { 0.2f, 0.3f, 0.4f }, b = { 0.5f, 0.1f, 0.9f };
			final float[] both = sample(m, new float[] { a[0], a[1], a[2], b[0], b[1], b[2] }, 11, 12);
			final float[] alone = sample(m, b, 12);
			// equal up to float rounding: matrix products of other batch sizes may add in another order
			assertArrayEquals(alone, Arrays.copyOfRange(both, N * 2, 2 * N * 2), 1e-5f);
			// another observation with the same key gives other samples: the network is conditioned on it
			assertFalse(Arrays.equals(Arrays.copyOfRange(both, 0, N * 2), sample(m, b, 11)));
			for (int i = 0; i < both.length; i += 2) assertTrue(both[i] >= 0 && both[i] <= 1, "sO2 sample " + both[i] + " outside [0, 1]");
		}
	}

	@Test
	void anL2ModelSeesOnlyTheShapeOfASpectrum(@TempDir final Path tmp) throws Exception {
		try (PosteriorModel m = PosteriorModel.load(TestModels.randomModel(tmp.resolve("m"), "l2", "posterior-cinn"), Device.parse("cpu"))) {
			assertEquals(Normalisation.L2, m.normalisation());
			final float[] y = { 0.2f, 0.3f, 0.4f }, scaled = { 2f, 3f, 4f };
			assertArrayEquals(sample(m, y, 3), sample(m, scaled, 3), 1e-5f);
		}
		try (PosteriorModel m = PosteriorModel.load(TestModels.randomModel(tmp.resolve("raw"), "none", "posterior-cinn"), Device.parse("cpu"))) {
			assertFalse(Arrays.equals(sample(m, new float[] { 0.2f, 0.3f, 0.4f }, 3), sample(m, new float[] { 2f, 3f, 4f }, 3)));
		}
	}

	@Test
	void aModelOfAnotherKindIsRefused(@TempDir final Path tmp) throws Exception {
		final Path dir = TestModels.randomModel(tmp.resolve("ood"), "none", "density-inn");
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PosteriorModel.load(dir, Device.parse("cpu")));
		assertTrue(e.getMessage().contains("density-inn") && e.getMessage().contains("not a posterior model"), e.getMessage());
	}
}
