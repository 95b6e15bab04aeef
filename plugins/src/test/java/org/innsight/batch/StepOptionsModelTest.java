package org.innsight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.innsight.macro.Macros;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonParser;

/** A pipeline step's {@code model} option: a path relative to the pipeline's folder, else a name for the one lookup. */
class StepOptionsModelTest {

	@TempDir
	Path pipelineFolder;

	private StepOptions options(final String model) {
		return new StepOptions("ood", JsonParser.parseString("{\"model\": \"" + model + "\"}").getAsJsonObject(), pipelineFolder);
	}

	@Test
	void aNameIsLookedUpAndAPathBesideThePipelineComesFirst() throws Exception {
		final Path repoModel = Macros.repo().resolve("models/msi-ood-16band").toAbsolutePath().normalize();
		assertEquals(repoModel, options("msi-ood-16band").model("model", null).dir());
		// a copy beside the pipeline file, under the same name, is an explicit path and wins
		final Path copy = Files.createDirectories(pipelineFolder.resolve("msi-ood-16band"));
		try (var files = Files.list(repoModel)) {
			for (final Path f : (Iterable<Path>) files::iterator)
				if (Files.isRegularFile(f)) Files.copy(f, copy.resolve(f.getFileName()));
		}
		assertEquals(copy, options("msi-ood-16band").model("model", null).dir());
	}

	@Test
	void anUnknownNameNamesThePathAndEveryPlaceLookedIn() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options("msi-ood-16bnd").model("model", null));
		assertTrue(e.getMessage().startsWith("step \"ood\": option \"model\" names " + pipelineFolder.resolve("msi-ood-16bnd") +
			", which does not exist; no model 'msi-ood-16bnd': looked in -Dinnsight.models (unset), "), e.getMessage());
		assertTrue(e.getMessage().endsWith(", class path (none)"), e.getMessage());
	}
}
