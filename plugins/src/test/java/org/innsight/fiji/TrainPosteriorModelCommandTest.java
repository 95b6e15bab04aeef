package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;

import org.scijava.command.CommandService;

/** {@code Train Posterior Model} runs headless through the CommandService and writes a checked model folder. */
class TrainPosteriorModelCommandTest {

	@TempDir
	Path tmp;

	@Test
	void trainsFromATableIntoAModelFolder() throws Exception {
		final StringBuilder csv = new StringBuilder("sO2,band_00,band_01\n");
		final SplittableRandom r = new SplittableRandom(1);
		for (int i = 0; i < 600; i++) {
			final double s = r.nextDouble();
			csv.append(s).append(',').append(s + 0.05 * r.nextGaussian()).append(',').append(1 - s).append('\n');
		}
		final Path table = tmp.resolve("t.csv");
		Files.writeString(table, csv);
		final File out = tmp.resolve("model").toFile();
		final Context context = new Context(CommandService.class);
		try {
			final org.scijava.module.Module m = context.service(org.scijava.module.ModuleService.class).run(context.service(CommandService.class).getCommand(TrainPosteriorModelCommand.class), true, "table", table.toFile(), "params", "sO2",
				"observations", "band_*", "output_folder", out, "max_epochs", 2, "blocks", 2, "subnet_width", 16, "seed", 4L).get();
			assertEquals(false, ((org.scijava.Cancelable) m).isCanceled(), ((org.scijava.Cancelable) m).getCancelReason());
			assertTrue(((String) m.getOutput("result")).startsWith(out.toString()), (String) m.getOutput("result"));
		}
		finally {
			context.dispose();
		}
		final ModelCard card = ModelFolder.load(out.toPath()).card();
		assertEquals("sO2", card.outputs.get(0).name);
		assertEquals(4L, card.training.seed);
		assertTrue(card.training.command.startsWith("run(\"Train Posterior Model\""), card.training.command);
		assertEquals(2, card.validation.get("epochs_run").getAsInt());
	}
}
