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
import org.innsight.batch.Plan;
import org.innsight.batch.StepRegistry;
import org.innsight.cli.InnSightCli;
import org.innsight.dalsa.Dice;
import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.VolumeImages;
import org.innsight.dalsa.io.PhantomFiles;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

/** The {@code measure} batch step: after {@code dalsa-apply} on the MR sample, and on label scans with a fixed mask file. */
class MeasureStepTest {

	@TempDir
	Path tmp;

	@Test
	void classVolumesAndDiceOfTheSampleSegmentationAgreeWithTheSegmentationsOwnCounts() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in")), out = tmp.resolve("out");
		final StringBuilder images = new StringBuilder();
		for (final Path f : PhantomFiles.modalityFiles(DalsaApplyStepTest.SAMPLE)) images.append(images.length() == 0 ? "" : ",").append(f);
		assertEquals(0, InnSightCli.run("dalsa", "stack", "--images", images.toString(), "--out", in.resolve("phantom.nii.gz").toString()));
		final Path truth = DalsaApplyStepTest.SAMPLE.resolve("truth.nii.gz");
		final BatchReport r = new BatchRunner(StepRegistry.standard()).run(Pipeline.parse("""
			[{"step": "dalsa-apply", "options": {"model": "%s", "format": "nii.gz"}},
			 {"step": "measure", "options": {"maps": ["labels"], "truth": "%s", "classNames": "1=healthy,2=oedema,3=enhancing,4=necrosis"}}]
			""".formatted(DalsaApplyStepTest.CLASSIFIER, truth), tmp), new BatchSettings(in, out).jobs(1).previews(false), ProgressListener.NONE);
		assertEquals(1, r.count(Status.DONE), () -> r.failures().toString());
		final Map<String, Object> s = r.outcomes().get(0).statistics();
		final LabelVolume labels = VolumeImages.readLabels(out.resolve("phantom.labels.nii.gz")), t = VolumeImages.readLabels(truth);
		final String[] names = { "healthy", "oedema", "enhancing", "necrosis" };
		for (int c = 1; c <= 4; c++) {
			final String n = names[c - 1];
			assertEquals(((Number) s.get("dalsa-apply." + n + "_voxels")).longValue(), ((Number) s.get("measure.image." + n + "_voxels")).longValue(), n);
			// 2 x 2 x 2.5 mm voxels: mm3 / 1000 = ml
			assertEquals(((Number) s.get("dalsa-apply." + n + "_volume_mm3")).doubleValue() / 1000, ((Number) s.get("measure.image." + n + "_volume_ml"))
				.doubleValue(), 1e-9, n);
			assertEquals(Dice.of(labels, t, c), ((Number) s.get("measure.image." + n + "_dice")).doubleValue(), 1e-12, n);
		}
		assertEquals((long) labels.size(), ((Number) s.get("measure.image.pixels")).longValue());
	}

	@Test
	void segmentsOfEveryScanInsideOneMaskFile() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in")), out = tmp.resolve("out");
		// two 4 x 2 label scans (16-bit: segments) and one mask file for both: the left half
		final short[][] scans = { { 1, 1, 2, 2, 1, 3, 2, 2 }, { 0, 5, 5, 5, 0, 0, 5, 5 } };
		for (int k = 0; k < 2; k++) new FileSaver(new ImagePlus("s", new ShortProcessor(4, 2, scans[k], null))).saveAsTiff(in.resolve("s" + k + ".tif").toString());
		new FileSaver(new ImagePlus("m", new ByteProcessor(4, 2, new byte[] { 1, 1, 0, 0, 1, 1, 0, 0 }))).saveAsTiff(tmp.resolve("left.tif").toString());
		final BatchReport r = new BatchRunner(StepRegistry.standard()).run(Pipeline.parse(
			"[{\"step\": \"measure\", \"options\": {\"maps\": [\"input\"], \"mask\": \"left.tif\"}}]", tmp),
			new BatchSettings(in, out).jobs(1).previews(false), ProgressListener.NONE);
		assertEquals(2, r.count(Status.DONE), () -> r.failures().toString());
		final Map<String, Object> s0 = r.outcomes().get(0).statistics(), s1 = r.outcomes().get(1).statistics();
		assertEquals(4L, s0.get("measure.mask.pixels"));
		assertEquals(2L, s0.get("measure.mask.segments")); // segment 1 (3 pixels) and 3 (1 pixel)
		assertEquals(2.0, s0.get("measure.mask.segment_size_mean_px"));
		assertEquals(1L, s1.get("measure.mask.segments"));
		assertEquals(1.0, s1.get("measure.mask.segment_size_max_px"));
	}

	@Test
	void badOptionsFailThePlanNamingTheOption() {
		final String missing = assertThrows(IllegalArgumentException.class, () -> Plan.of(Pipeline.parse(
			"[{\"step\": \"measure\", \"options\": {\"labels\": \"regions\"}}]", tmp), StepRegistry.standard()).close()).getMessage();
		assertEquals("step 1 (measure): option \"maps\" is required: the earlier images to measure, e.g. [\"sO2_median\", \"ood_mask\"]", missing);
		final String both = assertThrows(IllegalArgumentException.class, () -> Plan.of(Pipeline.parse(
			"[{\"step\": \"measure\", \"options\": {\"maps\": [\"input\"], \"labels\": \"a\", \"mask\": \"b\"}}]", tmp), StepRegistry.standard()).close())
			.getMessage();
		assertEquals("step 1 (measure): option \"mask\" and \"labels\" both give the regions; give one", both);
		final String unknown = assertThrows(IllegalArgumentException.class, () -> Plan.of(Pipeline.parse(
			"[{\"step\": \"measure\", \"options\": {\"maps\": [\"sO2_median\"]}}]", tmp), StepRegistry.standard()).close()).getMessage();
		assertTrue(unknown.contains("sO2_median"), unknown);
	}
}
