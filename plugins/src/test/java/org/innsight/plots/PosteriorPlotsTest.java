package org.innsight.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.innsight.ood.OodValidation;
import org.innsight.ood.Roc;
import org.innsight.posterior.ParameterFigures;
import org.innsight.posterior.PosteriorRecords;
import org.innsight.posterior.ValidationMetrics;
import org.innsight.posterior.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.process.ImageProcessor;

class PosteriorPlotsTest {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 };

	/** Two parameters with ranks spread over 0..L. */
	private static ValidationReport report() {
		final PosteriorRecords records = new PosteriorRecords(List.of("sO2", "vHb_1"), 9);
		final float[] samples = new float[9 * 2];
		for (int k = 0; k < 9; k++) {
			samples[2 * k] = k;
			samples[2 * k + 1] = k;
		}
		for (int i = 0; i < 100; i++) records.add(new float[] { i % 10 - 0.5f, (i * 3) % 10 - 0.5f }, samples, 1);
		final List<ParameterFigures> f = List.of(ValidationMetrics.of(records, 0, null, Double.NaN, 5), ValidationMetrics.of(records, 1, null, Double.NaN, 5));
		return new ValidationReport("test-model", "held-out", 100, 9, List.of(), f, List.of("1", "1"), null, "depth",
			List.of(new ValidationReport.Group(0, 1, 50, f, null), new ValidationReport.Group(1, 2, 50, f, null)), 0, null);
	}

	/** Pixels whose colour is far from grey: curves and bars, not axes, text or background. */
	private static int coloured(final ImageProcessor ip) {
		int n = 0;
		for (int i = 0; i < ip.getPixelCount(); i++) {
			final int rgb = ip.get(i), red = (rgb >> 16) & 255, green = (rgb >> 8) & 255, blue = rgb & 255;
			if (Math.max(red, Math.max(green, blue)) - Math.min(red, Math.min(green, blue)) > 60) n++;
		}
		return n;
	}

	@Test
	void validationFiguresAreRenderedAndWrittenAsPngs(@TempDir final Path dir) throws Exception {
		final ValidationReport r = report();
		final List<Plot> plots = List.of(PosteriorPlots.calibration(r), PosteriorPlots.ranks(r, r.parameters().get(0)), PosteriorPlots.iqrByGroup(r, 0),
			PosteriorPlots.calibrationByGroup(r), PosteriorPlots.rankEcdf(r, r.parameters().get(0)), PosteriorPlots.zContraction(r, r.parameters().get(1)),
			OodPlots.roc(new OodValidation.Report("ood-model", 1, 3, 2, List.of(new OodValidation.Method(OodValidation.WAIC, "WAIC",
				new Roc(new float[] { 0.1f, 0.5f, 0.2f }, new float[] { 0.4f, 0.9f })), new OodValidation.Method(OodValidation.SINGLE, "single",
				new Roc(new float[] { 0.1f, 0.5f, 0.2f }, new float[] { 0.05f, 0.3f }))), 0.45, 1 / 3.0, 0.5, null), "ROC"));
		for (int i = 0; i < plots.size(); i++) {
			final ImagePlus imp = plots.get(i).getImagePlus();
			assertTrue(imp.getWidth() >= 400 && imp.getHeight() >= 250, "plot " + i + " is " + imp.getWidth() + "x" + imp.getHeight());
			assertTrue(coloured(imp.getProcessor().convertToRGB()) > 100, "plot " + i + " has no coloured curve or bars");
			final Path png = dir.resolve("plot" + i + ".png");
			PosteriorPlots.savePng(plots.get(i), png, List.of());
			// a PNG (signature) whose header (IHDR: width, height) says the plot's size
			final byte[] bytes = Files.readAllBytes(png);
			assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8));
			assertEquals(imp.getWidth(), ByteBuffer.wrap(bytes, 16, 4).getInt());
			assertEquals(imp.getHeight(), ByteBuffer.wrap(bytes, 20, 4).getInt());
		}
	}
}
