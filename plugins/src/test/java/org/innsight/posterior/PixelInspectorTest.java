package org.innsight.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.innsight.image.SpectralImage;
import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

class PixelInspectorTest {

	private static final double[] NM = { 500, 600 };

	/** 8 x 6 pixels, 2 bands: band values x/10 and y/10; pixel (0, 0) is all zero. */
	private static SpectralImage image() {
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(8, 6, 2);
		final RandomAccess<FloatType> ra = img.randomAccess();
		for (int y = 0; y < 6; y++)
			for (int x = 0; x < 8; x++) {
				ra.setPositionAndGet(x, y, 0).set(x / 10f);
				ra.setPositionAndGet(x, y, 1).set(y / 10f);
			}
		return new SpectralImage("img", img, null, NM);
	}

	@Test
	void aPixelsInspectionShowsTheSamePosteriorAsItsMaps() {
		final PosteriorOptions o = new PosteriorOptions();
		o.samples = 200;
		o.statistics = List.of(Statistic.MEDIAN, Statistic.IQR, Statistic.MODES);
		final PosteriorMaps maps = PosteriorEstimator.estimate(image(), null, null, new KnownPosterior(NM), o, null);
		final PixelInspector.Inspection in = PixelInspector.inspect(image(), 6, 3, 1, 1, 0, new KnownPosterior(NM), o);
		assertEquals("pixel (6, 3)", in.where());
		final PixelInspector.ParameterPosterior level = in.parameter("level");
		final RandomAccess<FloatType> median = maps.get("level", Statistic.MEDIAN).image().randomAccess();
		assertEquals(median.setPositionAndGet(6, 3).get(), level.median(), 1e-6);
		assertEquals(200, level.samples().length);
		long total = 0;
		for (final long h : level.histogram()) total += h;
		assertEquals(200, total);
		// bands 0.6 and 0.3: band 0 above 0.5 makes "split" bimodal
		assertEquals(2, in.parameter("split").modes());
		assertEquals(1, level.modes());
		assertEquals(0.45, level.median(), 0.02);
	}

	@Test
	void aRegionPoolsTheSamplesOfItsEstimablePixels() {
		final PosteriorOptions o = new PosteriorOptions();
		o.samples = 50;
		final PixelInspector.Inspection in = PixelInspector.inspect(image(), 0, 0, 3, 2, 0, new KnownPosterior(NM), o);
		assertEquals(6, in.counts().total());
		assertEquals(1, in.counts().zero());
		assertEquals(5 * 50, in.parameter("level").samples().length);
		assertTrue(in.where().contains("3x2") && in.where().contains("5 of 6"), in.where());
	}

	@Test
	void aRegionOutsideTheImageIsAClearError() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> PixelInspector.inspect(image(), 7, 5, 2, 2, 0, new KnownPosterior(NM), new PosteriorOptions()));
		assertTrue(e.getMessage().contains("not inside image 'img' (8 x 6)"), e.getMessage());
	}

	@Test
	void sampleCountsThatCannotBeHeldAreRefusedBeforeSampling() {
		final PosteriorOptions many = new PosteriorOptions();
		many.samples = 2_000_000;
		assertEquals("samples must be between 1 and 1000000 to inspect, not 2000000", assertThrows(IllegalArgumentException.class,
			() -> PixelInspector.inspect(image(), 0, 0, 1, 1, 0, new KnownPosterior(NM), many)).getMessage());
		many.samples = 500_000;
		assertEquals("region 8x6 with 500000 samples per pixel is too many samples to hold (at most 10000000 in all); inspect a smaller region or draw " +
			"fewer samples", assertThrows(IllegalArgumentException.class, () -> PixelInspector.inspect(image(), 0, 0, 8, 6, 0, new KnownPosterior(NM), many))
				.getMessage());
	}
}
