package org.innsight.optics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.innsight.cli.InnSightCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed sample data must be exactly what its README's command makes (stale data fails here). */
class SampleImagesTest {

	@TempDir
	Path dir;

	@Test
	void committedSampleDataIsReproducedByteForByte() throws IOException {
		final Path repo = Path.of(System.getProperty("innsight.repo", ".."));
		for (final String model : new String[] { "msi", "pai" }) {
			final Path out = dir.resolve(model);
			assertEquals(0, InnSightCli.run("simulate-image", "--model", model, "--seed", "1", "--out", out.toString()));
			for (final String f : new String[] { "image.tif", "ground_truth.tif", "foreign_mask.tif" }) {
				final Path committed = repo.resolve("sample-data").resolve(model).resolve(f);
				assertTrue(Files.isRegularFile(committed), committed + " is missing");
				assertArrayEquals(Files.readAllBytes(committed), Files.readAllBytes(out.resolve(f)),
					"sample-data/" + model + "/" + f + " is stale: regenerate it with the command in its README");
			}
		}
	}

	@Test
	void vesselsOfDifferentOxygenationAndAForeignPatchArePresent() throws IOException {
		final SampleImages.Image img = SampleImages.msi(CameraJson.load("msi-16band"), 64, 2);
		final float[] sO2 = img.truth()[0];
		int arterial = 0, venous = 0, foreign = 0;
		for (int i = 0; i < sO2.length; i++) {
			if (sO2[i] == 0.97f) arterial++;
			if (sO2[i] == 0.55f) venous++;
			if (img.foreignMask()[i] != 0) foreign++;
		}
		assertTrue(arterial > 20 && venous > 20 && foreign > 20, arterial + " " + venous + " " + foreign);
		// The instrument is brighter than any tissue pixel at 560 nm (band 3).
		float tissueMax = 0, metalMin = Float.MAX_VALUE;
		for (int i = 0; i < sO2.length; i++) {
			final float v = img.channels()[3][i];
			if (img.foreignMask()[i] != 0) metalMin = Math.min(metalMin, v);
			else tissueMax = Math.max(tissueMax, v);
		}
		assertTrue(metalMin > tissueMax, metalMin + " vs " + tissueMax);
	}
}
