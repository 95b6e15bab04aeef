package org.innsight.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.innsight.cli.CliRun;
import org.innsight.engine.Device;
import org.innsight.engine.ModelCard;
import org.innsight.macro.Macros;
import org.innsight.ood.OodModel;
import org.innsight.ood.TrainOodRequest;
import org.innsight.transfer.TrainTransferRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers a typo makes absurd (an ensemble of a billion members, a subnet 2^31 wide) are refused before any work,
 * with the bound named; so are model-card numbers that would silently break every result.
 */
class NumericBoundsTest {

	@TempDir
	Path tmp;

	@Test
	void trainingSizesOfOodAndTransferModelsAreBounded() {
		assertEquals(List.of("members must be between 1 and 1000, not 1001"), TrainOodRequest.defaults().with(TrainOodRequest.MEMBERS, 1001).validate());
		assertEquals(List.of("width must be between 1 and 1000000, not 2147483647"),
			TrainOodRequest.defaults().with(TrainOodRequest.WIDTH, Integer.MAX_VALUE).validate());
		assertEquals(List.of("blocks must be between 1 and 1000, not 5000"), TrainTransferRequest.defaults().with(TrainTransferRequest.BLOCKS, 5000).validate());
		assertEquals(List.of("batch must be between 2 and 10000000, not 20000000"),
			TrainTransferRequest.defaults().with(TrainTransferRequest.BATCH, 20_000_000).validate());
		assertEquals(List.of("epochs must be between 1 and 1000000, not 0"), TrainOodRequest.defaults().with(TrainOodRequest.EPOCHS, 0).validate());
	}

	@Test
	void theCommandLineRefusesThemBeforeReadingAnything() {
		final CliRun ood = CliRun.of("train-ood", "--table", tmp.resolve("no-such.h5").toString(), "--members", "100000", "--out", tmp.resolve("m").toString());
		assertEquals(1, ood.exit());
		assertEquals("innsight train-ood: error: members must be between 1 and 1000, not 100000", ood.err().strip());
		final CliRun image = CliRun.of("simulate-image", "--model", "msi", "--size", "8", "--out", tmp.resolve("img").toString());
		assertEquals(1, image.exit());
		assertEquals("innsight simulate-image: error: --size must be between 16 and 4096, not 8", image.err().strip());
	}

	@Test
	void anOodCardWithoutAFiniteThresholdIsRefused() throws Exception {
		final Path bundled = Macros.repo().resolve("models/msi-ood-16band"), copy = tmp.resolve("ood");
		Files.createDirectories(copy);
		try (var files = Files.list(bundled)) {
			for (final Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
		}
		final Path card = copy.resolve(ModelCard.FILE_NAME);
		final String json = Files.readString(card);
		Files.writeString(card, json.replace("\"threshold\": 2.8527705669403076", "\"threshold\": \"high\""));
		assertEquals(card + ": 'details.threshold' must be a finite number, not \"high\"; calibrate the model again (innsight train-ood)",
			assertThrows(IllegalArgumentException.class, () -> OodModel.load(copy, Device.CPU)).getMessage());
		Files.writeString(card, json);
		try (OodModel m = OodModel.load(copy, Device.CPU)) {
			assertEquals(2.8527705669403076, m.threshold(), 0);
		}
	}
}
