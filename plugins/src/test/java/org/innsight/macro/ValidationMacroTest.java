package org.innsight.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.innsight.engine.ModelFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validation.ijm} on the committed held-out tables: Validate Posterior Model (msi-tissue-16band on 200
 * held-out simulations), Train OOD Model (a tiny one) and Validate OOD Model, their figures saved from the Results table.
 */
@RunsMacros("validation.ijm")
class ValidationMacroTest {

	@Test
	void macroValidatesThePosteriorModelTrainsAnOodModelAndDrawsItsRoc(@TempDir final Path out) throws Exception {
		final Path sim = Macros.repo().resolve("sample-data/transfer/sim_heldout.h5"), real = Macros.repo().resolve("sample-data/transfer/real_heldout.h5");
		try (MacroResult result = Macros.run("validation.ijm", "table=[" + sim + "] ood_table=[" + real + "] out=[" + out + "]")) {
			assertTrue(result.log().contains("OOD validation: AUROC of waic "), result.log());
		}
		final List<String> posterior = Files.readAllLines(out.resolve("posterior_validation.csv"));
		final List<String> header = List.of(posterior.get(0).split(","));
		final int parameters = ModelFolder.load(Macros.repo().resolve("models/msi-tissue-16band")).card().outputs.size();
		assertEquals(parameters + 1, posterior.size(), "one row per parameter of the model:\n" + String.join("\n", posterior));
		for (final String line : posterior.subList(1, posterior.size())) {
			final String[] cells = line.split(",");
			assertEquals("200", cells[header.indexOf("rows")], line);
			assertEquals("50", cells[header.indexOf("ecdf_points")], "every fractional rank k / 51 of 50 samples: " + line);
			final double calibration = Double.parseDouble(cells[header.indexOf("calibration_error")]);
			assertTrue(calibration >= 0 && calibration < 0.5, line);
			final double resimulation = Double.parseDouble(cells[header.indexOf("resimulation_median")]);
			assertTrue(resimulation > 0 && resimulation < 1, "the table records its forward model, so rows were re-simulated: " + line);
		}
		final List<String> ood = Files.readAllLines(out.resolve("ood_validation.csv"));
		assertEquals(4, ood.size(), "the WAIC score and two likelihoods:\n" + String.join("\n", ood));
		assertTrue(ood.get(1).contains("waic"), ood.get(1));
		final List<String> oodHeader = List.of(ood.get(0).split(","));
		for (final String line : ood.subList(1, ood.size())) {
			final double auroc = Double.parseDouble(line.split(",")[oodHeader.indexOf("auroc")]);
			assertTrue(auroc >= 0 && auroc <= 1, line);
		}
		assertEquals(2, ModelFolder.load(out.resolve("ood-model")).card().details.getAsJsonArray("members").size());
	}
}
