package org.innsight.batch.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.innsight.batch.BatchReport;
import org.innsight.batch.BatchRunner;
import org.innsight.batch.BatchSettings;
import org.innsight.batch.FileOutcome.Status;
import org.innsight.batch.Pipeline;
import org.innsight.batch.StepRegistry;
import org.innsight.cli.InnSightCli;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;

/** The {@code unmix} batch step: the CLI's maps, pixel for pixel, on the sample scan; a bad camera fails before any scan. */
class UnmixStepTest {

	@TempDir
	Path tmp;

	@Test
	void theStepWritesTheMapsOfInnsightUnmixAndItsCounts() throws Exception {
		final Path sample = org.innsight.macro.Macros.repo().resolve("sample-data/msi/image.tif");
		final Path in = Files.createDirectories(tmp.resolve("in")), out = tmp.resolve("out"), cli = tmp.resolve("cli");
		Files.copy(sample, in.resolve("scan.tif"));
		final BatchReport r = new BatchRunner(StepRegistry.standard()).run(Pipeline.parse(
			"[{\"step\": \"unmix\", \"options\": {\"camera\": \"msi-16band\"}}]", tmp), new BatchSettings(in, out).jobs(1).previews(false),
			ProgressListener.NONE);
		assertEquals(1, r.count(Status.DONE), () -> r.failures().toString());
		assertEquals(0, InnSightCli.run("unmix", sample.toString(), "--camera", "msi-16band", "--out", cli.toString()));
		for (final String map : new String[] { "sO2_unmixed", "tHb_unmixed" }) {
			final ImagePlus a = IJ.openImage(out.resolve("scan." + map + ".tif").toString()), b = IJ.openImage(cli.resolve(map + ".tif").toString());
			assertTrue(java.util.Arrays.equals((float[]) a.getProcessor().getPixels(), (float[]) b.getProcessor().getPixels()), map);
		}
		final Map<String, Object> s = r.outcomes().get(0).statistics();
		final long total = ((Number) s.get("unmix.pixels")).longValue(), fitted = ((Number) s.get("unmix.fitted")).longValue();
		assertEquals(128L * 128, total);
		assertTrue(fitted > 0.9 * total, "fitted " + fitted);
		final float[] so2 = (float[]) IJ.openImage(cli.resolve("sO2_unmixed.tif").toString()).getProcessor().getPixels();
		long finite = 0;
		for (final float v : so2) if (Float.isFinite(v)) finite++;
		assertEquals(fitted, finite, "NaN exactly where not fitted");
		assertEquals("ok", s.get("unmix.units"));
		final double median = ((Number) s.get("unmix.sO2_unmixed_in_mask")).doubleValue();
		assertTrue(median > 0 && median < 1, "median sO2 " + median);
	}

	@Test
	void aMissingOrUnknownCameraIsRefusedBeforeAnyScan() {
		final IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> org.innsight.batch.Plan.of(
			Pipeline.parse("[{\"step\": \"unmix\"}]", tmp), StepRegistry.standard()));
		assertTrue(none.getMessage().contains("camera") && none.getMessage().contains("required"), none.getMessage());
		final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> org.innsight.batch.Plan.of(
			Pipeline.parse("[{\"step\": \"unmix\", \"options\": {\"camera\": \"nope.json\"}}]", tmp), StepRegistry.standard()));
		assertTrue(unknown.getMessage().contains("camera") && unknown.getMessage().contains("nope.json"), unknown.getMessage());
	}
}
