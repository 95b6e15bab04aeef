package org.innsight.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.innsight.batch.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

/**
 * {@code macros/batch_pipeline.ijm}: exports check -> ood -> posterior (excluding the OOD pixels) with Add Pipeline
 * Step and runs it with Run Pipeline on Folder over crops of the MSI sample: the 3-band scan fails at check, the
 * others finish with the instrument's pixels left out; a second run finds them up to date.
 */
@RunsMacros("batch_pipeline.ijm")
class BatchPipelineMacroTest {

	@Test
	void exportsThePipelineRunsItAndResumes(@TempDir final Path tmp) throws Exception {
		final Path in = tmp.resolve("scans"), out = tmp.resolve("out");
		BatchMacroTest.scans(in);
		final String argument = "in=[" + in + "] out=[" + out + "] samples=8 jobs=2";
		String log;
		try (MacroResult r = Macros.run("batch_pipeline.ijm", argument)) {
			log = r.log();
		}
		assertTrue(log.contains("failed: c_three_bands.tif at check: expected 16 bands, found 3"), log);
		assertTrue(log.contains("batch: 2 done, 0 up to date, 1 failed of 3 scans"), log);
		assertEquals(List.of("check", "ood", "posterior"),
			Pipeline.read(out.resolve("pipeline.json")).steps().stream().map(Pipeline.Entry::step).toList());

		final Path results = out.resolve("results");
		final ImagePlus mask = IJ.openImage(results.resolve("b_instrument.ood_mask.tif").toString());
		final ImagePlus sO2 = IJ.openImage(results.resolve("b_instrument.sO2_median.tif").toString());
		int flagged = 0;
		for (int i = 0; i < 48 * 48; i++)
			if (mask.getProcessor().get(i) == 255) {
				flagged++;
				assertTrue(Float.isNaN(sO2.getProcessor().getf(i)), "a flagged pixel was estimated");
			}
		assertTrue(flagged > 0.2 * 48 * 48, "the crop over the instrument is mostly out of distribution: " + flagged);
		final List<String> rows = Files.readAllLines(results.resolve("summary.csv"));
		final List<String> header = Arrays.asList(rows.get(0).split(","));
		final String[] b = rows.stream().filter(r -> r.startsWith("b_instrument.tif,")).findFirst().orElseThrow().split(",");
		assertEquals(flagged, Integer.parseInt(b[header.indexOf("posterior.excluded")]));
		assertEquals(flagged, Integer.parseInt(b[header.indexOf("ood.flagged")]));

		try (MacroResult r = Macros.run("batch_pipeline.ijm", argument)) {
			log = r.log();
		}
		assertTrue(log.contains("batch: 0 done, 2 up to date, 1 failed of 3 scans"), log);
	}
}
