package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.innsight.posterior.ParameterFigures;
import org.innsight.posterior.PosteriorRecords;
import org.innsight.posterior.ValidationMetrics;
import org.innsight.posterior.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosteriorPlotsTest {

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
			List.of(new ValidationReport.Group(0, 1, 50, f, null), new ValidationReport.Group(1, 2, 50, f, null)), 0);
	}

	@Test
	void validationFiguresAreWrittenAsPngs(@TempDir final Path dir) throws Exception {
		final ValidationReport r = report();
		PosteriorPlots.savePng(PosteriorPlots.calibration(r), dir.resolve("calibration.png"), List.of());
		PosteriorPlots.savePng(PosteriorPlots.ranks(r, r.parameters().get(0)), dir.resolve("ranks.png"), List.of());
		PosteriorPlots.savePng(PosteriorPlots.iqrByGroup(r, 0), dir.resolve("iqr.png"), List.of());
		PosteriorPlots.savePng(PosteriorPlots.calibrationByGroup(r), dir.resolve("calibration_by.png"), List.of());
		for (final String name : List.of("calibration.png", "ranks.png", "iqr.png", "calibration_by.png")) {
			final BufferedImage png = ImageIO.read(dir.resolve(name).toFile());
			assertTrue(png.getWidth() >= 400 && png.getHeight() >= 250, name + " is " + png.getWidth() + "x" + png.getHeight());
			int coloured = 0;
			for (int y = 0; y < png.getHeight(); y++)
				for (int x = 0; x < png.getWidth(); x++) {
					final int rgb = png.getRGB(x, y);
					final int red = (rgb >> 16) & 255, green = (rgb >> 8) & 255, blue = rgb & 255;
					if (Math.max(red, Math.max(green, blue)) - Math.min(red, Math.min(green, blue)) > 60) coloured++;
				}
			assertTrue(coloured > 100, name + " has no coloured curve or bars (" + coloured + " coloured pixels)");
		}
	}
}
