package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** {@code Train Transfer Model} runs headless through the CommandService on two small tables and writes a model folder. */
class TrainTransferModelCommandTest {

	@TempDir
	Path tmp;

	private Path table(final String name, final double shift, final long seed) throws Exception {
		final StringBuilder csv = new StringBuilder("band_00,band_01,band_02\n");
		final SplittableRandom r = new SplittableRandom(seed);
		for (int i = 0; i < 300; i++) {
			final double a = 0.2 + 0.6 * r.nextDouble();
			csv.append(a + shift).append(',').append(1 - a).append(',').append(0.5 * a + 0.02 * r.nextGaussian()).append('\n');
		}
		return Files.writeString(tmp.resolve(name), csv);
	}

	@Test
	void trainsFromTwoTablesIntoAModelFolder() throws Exception {
		final Path out = tmp.resolve("transfer");
		final Context context = new Context(CommandService.class);
		try {
			final CommandModule m = context.service(CommandService.class).run(TrainTransferModelCommand.class, true, "source", table("s.csv", 0, 1).toFile(),
				"target", table("t.csv", 0.1, 2).toFile(), "bands", "", "class_column", "", "output_folder", out.toFile(), "epochs", 2, "blocks", 2,
				"width", 16, "batch", 64, "seed", 3L, "device", "cpu").get();
			assertEquals(false, m.isCanceled(), m.getCancelReason());
			assertTrue(((String) m.getOutput("result")).startsWith(out.toString()), (String) m.getOutput("result"));
		}
		finally {
			context.dispose();
		}
		final ModelCard card = ModelFolder.load(out).card();
		assertEquals(3L, card.training.seed);
		assertTrue(card.training.command.startsWith("run(\"Train Transfer Model\""), card.training.command);
	}
}
