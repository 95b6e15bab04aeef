package org.innsight.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.innsight.engine.Device;
import org.innsight.image.SpectralImage;
import org.innsight.macro.Macros;
import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The default PAI model on {@code sample-data/pai} (the MSI sample is checked by {@link PosteriorMacroTest}):
 * maps against the ground truth over tissue pixels (the needle left out). Tolerances from the held-out validation
 * (sO2 median MAE 0.048 overall, 0.066 at 8-10 mm): sO2 median MAE <= 0.08. And the physics: the sO2 IQR of the
 * deepest quarter of the image (7.5-10 mm) is larger than that of the shallowest (0-2.5 mm), as in the held-out
 * validation (0.050 at 0-2 mm, 0.075 at 8-10 mm).
 */
class SampleImagesPosteriorTest {

	@Test
	void paiMapsAgreeWithTheGroundTruthAndUncertaintyGrowsWithDepth() throws Exception {
		final Path samples = Macros.repo().resolve("sample-data").resolve("pai");
		final ImagePlus image = IJ.openImage(samples.resolve("image.tif").toString());
		final PosteriorOptions o = new PosteriorOptions();
		o.samples = 32;
		final PosteriorMaps maps;
		try (PosteriorModel model = PosteriorModel.load(Macros.repo().resolve("models").resolve("pai-tissue-16wl"), Device.parse("cpu"))) {
			maps = PosteriorEstimator.estimate(SpectralImage.of(image), null, null, model, o, null);
		}
		assertEquals(128 * 128, maps.counts().estimated());
		final ImagePlus truth = IJ.openImage(samples.resolve("ground_truth.tif").toString());
		final ImagePlus needle = IJ.openImage(samples.resolve("foreign_mask.tif").toString());
		final float[] tissue = new float[128 * 128];
		for (int i = 0; i < tissue.length; i++) tissue[i] = needle.getProcessor().get(i) == 0 ? 1 : 0;
		final MapComparison sO2 = MapComparison.of(maps.get("sO2", Statistic.MEDIAN).image(),
			ArrayImgs.floats((float[]) truth.getStack().getProcessor(1).getPixels(), 128, 128), ArrayImgs.floats(tissue, 128, 128));
		assertEquals("sO2", truth.getStack().getSliceLabel(1));
		assertTrue(sO2.mae() <= 0.08, "sO2 median vs ground truth: " + sO2);
		final RandomAccess<FloatType> iqr = maps.get("sO2", Statistic.IQR).image().randomAccess();
		double top = 0, bottom = 0;
		for (int y = 0; y < 32; y++)
			for (int x = 0; x < 128; x++) {
				top += iqr.setPositionAndGet(x, y).get();
				bottom += iqr.setPositionAndGet(x, 127 - y).get();
			}
		assertTrue(bottom > 1.2 * top, "mean sO2 IQR 7.5-10 mm deep " + bottom / 4096 + " vs 0-2.5 mm " + top / 4096);
	}
}
