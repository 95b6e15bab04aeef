package org.innsight.batch.steps;

import static org.innsight.batch.steps.MsiScans.finite;
import static org.innsight.batch.steps.MsiScans.median;
import static org.innsight.batch.steps.MsiScans.number;
import static org.innsight.batch.steps.MsiScans.pixels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.innsight.batch.BatchReport;
import org.innsight.batch.BatchRunner;
import org.innsight.batch.BatchSettings;
import org.innsight.batch.FileOutcome;
import org.innsight.batch.FileOutcome.Status;
import org.innsight.batch.Pipeline;
import org.innsight.batch.StepRegistry;
import org.innsight.engine.Device;
import org.innsight.io.ImageFiles;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

/** The example pipelines in pipelines/ run on a copy of the bundled sample scan, with the bundled models. */
class ExamplePipelinesTest {

	@TempDir
	Path tmp;

	private FileOutcome run(final String pipeline) throws Exception {
		final Path in = tmp.resolve("in");
		Files.createDirectories(in);
		Files.copy(MsiScans.sample("image.tif"), in.resolve("image.tif"));
		final BatchReport r = new BatchRunner(StepRegistry.standard()).run(Pipeline.read(MsiScans.repo().resolve("pipelines").resolve(pipeline)),
			new BatchSettings(in, tmp.resolve("out")).device(Device.CPU), ProgressListener.NONE);
		assertEquals(1, r.count(Status.DONE), () -> r.failures().toString());
		return r.outcomes().get(0);
	}

	/**
	 * msi-posterior.json: the instrument shaft (foreign_mask.tif) is flagged and left out of the posterior, the
	 * tissue is estimated, and its sO2 medians agree with the scene's ground truth.
	 */
	@Test
	void msiPosteriorLeavesTheForeignPixelsOutAndEstimatesTheTissue() throws Exception {
		final FileOutcome o = run("msi-posterior.json");
		final Path out = tmp.resolve("out");
		final float[] mask = pixels(out.resolve("image.ood_mask.tif")), sO2 = pixels(out.resolve("image.sO2_median.tif"));
		final float[] iqr = pixels(out.resolve("image.vHb_1_IQR.tif"));
		final float[] foreign = pixels(MsiScans.sample("foreign_mask.tif"));
		final ImagePlus truth = ImageFiles.open(MsiScans.sample("ground_truth.tif"));
		assertEquals("sO2", truth.getStack().getSliceLabel(1));
		final float[] trueSO2 = pixels(new ImagePlus("sO2", truth.getStack().getProcessor(1)));
		long flagged = 0, known = 0, caught = 0;
		final float[] error = new float[sO2.length];
		for (int i = 0; i < sO2.length; i++) {
			if (mask[i] != 0) {
				flagged++;
				assertTrue(Float.isNaN(sO2[i]) && Float.isNaN(iqr[i]), "flagged pixel " + i + " was estimated");
			}
			if (foreign[i] != 0) {
				known++;
				if (mask[i] != 0) caught++;
			}
			error[i] = foreign[i] == 0 ? Math.abs(sO2[i] - trueSO2[i]) : Float.NaN;
		}
		assertEquals(886, known);
		assertTrue(caught >= 0.95 * known, caught + " of " + known + " foreign pixels flagged");
		assertTrue(flagged < known + 0.05 * (sO2.length - known), "at most 5% of the tissue flagged; flagged " + flagged);
		assertEquals(flagged, (long) number(o, "ood.flagged"));
		assertEquals(flagged, (long) number(o, "posterior.excluded"));
		assertEquals(sO2.length - flagged, (long) number(o, "posterior.estimated"));
		assertEquals(finite(sO2), (long) number(o, "posterior.estimated"));
		assertEquals(median(sO2), number(o, "posterior.sO2_median_in_mask"), 1e-7);
		final double medianError = median(error);
		// the best constant guess, the tissue's median sO2, is off by its median absolute deviation
		final float[] tissue = new float[trueSO2.length], deviation = new float[trueSO2.length];
		for (int i = 0; i < tissue.length; i++) tissue[i] = foreign[i] == 0 ? trueSO2[i] : Float.NaN;
		final double centre = median(tissue);
		for (int i = 0; i < tissue.length; i++) deviation[i] = (float) Math.abs(tissue[i] - centre);
		final double constant = median(deviation);
		assertTrue(medianError < 0.05 && medianError < 0.8 * constant, "median |sO2 - truth| over the tissue: " + medianError +
			"; a constant guess: " + constant);
	}

	/** msi-transfer.json: every pixel's spectrum moved to the real camera, unit L2 norm, wavelengths kept. */
	@Test
	void msiTransferMovesEveryPixel() throws Exception {
		final FileOutcome o = run("msi-transfer.json");
		final ImagePlus moved = ImageFiles.open(tmp.resolve("out/image.transferred.tif"));
		final ImagePlus input = ImageFiles.open(MsiScans.sample("image.tif"));
		assertEquals(16, moved.getNChannels());
		assertEquals(32, moved.getBitDepth());
		for (int c = 1; c <= 16; c++) assertEquals(input.getStack().getSliceLabel(c), moved.getStack().getSliceLabel(c));
		final float[] v = pixels(moved), x = pixels(input);
		final int n = 128 * 128;
		double change = 0;
		for (int p = 0; p < n; p++) {
			double ss = 0, xx = 0;
			for (int c = 0; c < 16; c++) {
				ss += (double) v[c * n + p] * v[c * n + p];
				xx += (double) x[c * n + p] * x[c * n + p];
			}
			assertEquals(1, Math.sqrt(ss), 1e-4, "L2 norm of pixel " + p);
			for (int c = 0; c < 16; c++) change += Math.abs(v[c * n + p] - x[c * n + p] / Math.sqrt(xx));
		}
		change /= 16.0 * n;
		assertTrue(change > 1e-3, "the transfer changed the (L2-normalised) spectra by " + change + " on average");
		assertEquals(n, (long) number(o, "transfer.transferred"));
		assertEquals(0, (long) number(o, "transfer.not_transferred"));
		assertEquals(16, (long) number(o, "statistics.bands"));
	}
}
