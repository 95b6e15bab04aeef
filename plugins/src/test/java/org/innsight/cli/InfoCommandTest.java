package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelFolder;
import org.innsight.macro.Macros;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code innsight info} without {@code --models}: every model the one lookup finds, with where it came from. */
class InfoCommandTest {

	@TempDir
	Path tmp;

	private static CliRun cli(final String... args) {
		return CliRun.of(args);
	}

	/** Runs {@code args} with {@code -Dinnsight.models=own} (restored afterwards). */
	private static CliRun withOwnModels(final Path own, final String... args) {
		final String saved = System.getProperty("innsight.models");
		System.setProperty("innsight.models", own.toString());
		try {
			return cli(args);
		}
		finally {
			if (saved == null) System.clearProperty("innsight.models");
			else System.setProperty("innsight.models", saved);
		}
	}

	@Test
	void infoListsEachModelWithItsOriginAndThePlacesInOrder() throws Exception {
		final Path own = tmp.resolve("own");
		final ModelCard card = new ModelCard();
		card.name = "msi-ood-16band";
		card.kind = "posterior-cinn";
		card.version = "9";
		card.inputs.names = List.of("band_520");
		card.outputs.add(ModelCard.Output.of("sO2", "1", new double[] { 0, 1 }));
		card.training.command = "innsight train-posterior";
		card.training.seed = 7L;
		card.training.dataSha256 = ModelFolder.sha256(new byte[] { 1 });
		ModelFolder.save(own.resolve("msi-ood-16band"), card, Map.of("weights.bin", o -> o.write(new byte[] { 1 })), false);
		final CliRun r = withOwnModels(own, "info", "--device", "cpu");
		assertEquals(0, r.exit(), r.err());
		final Path repoModels = Macros.repo().resolve("models").toAbsolutePath().normalize();
		final String fromOwn = own.toAbsolutePath().normalize() + " [-Dinnsight.models]";
		final List<String> lines = r.out().lines().collect(Collectors.toList());
		final int places = lines.indexOf("  looked in: " + fromOwn);
		assertTrue(places > 0 && lines.get(places - 1).startsWith("models:  6 found; a name is looked up in these places, in order"), r.out());
		assertEquals("  looked in: " + repoModels + " [innsight.repo]", lines.get(places + 2), r.out());
		assertEquals("  looked in: class path (none)", lines.get(places + 3), r.out());
		// the model in -Dinnsight.models hides the checkout's of the same name
		assertTrue(lines.contains("  msi-ood-16band  posterior-cinn v9  in: 1 out: sO2  from " + fromOwn), r.out());
		assertTrue(lines.contains("  msi-ood-16band  from " + repoModels + " [innsight.repo]; hidden by " + fromOwn), r.out());
		assertTrue(lines.contains("  pai-tissue-16wl  posterior-cinn v1  in: 16 out: sO2,depth  from " + repoModels + " [innsight.repo]"), r.out());
	}

	@Test
	void anUnknownModelIsOneLineNamingEveryPlaceLookedIn() {
		final Path image = Macros.repo().resolve("sample-data/msi/image.tif");
		final CliRun r = withOwnModels(tmp.resolve("none"), "ood", "--model", "msi-ood-16bnd", "--out", tmp.resolve("out").toString(), image.toString());
		assertEquals(1, r.exit(), r.out());
		final List<String> err = r.err().lines().collect(Collectors.toList());
		assertEquals(1, err.size(), r.err());
		final String repoModels = Macros.repo().resolve("models").toAbsolutePath().normalize().toString();
		assertTrue(err.get(0).startsWith("innsight ood: error: no model 'msi-ood-16bnd': not a file or folder, and looked in " +
			tmp.resolve("none") + " [-Dinnsight.models] (no such folder), "), r.err());
		assertTrue(err.get(0).endsWith(repoModels + " [innsight.repo] (has dalsa-mr-sample, msi-ood-16band, msi-sim2real-16band, " +
			"msi-tissue-16band, msi-tissue-exposure-16band, pai-tissue-16wl), class path (none)"), r.err());
	}
}
