package org.innsight.posterior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.innsight.image.SpectralImage;
import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

class PosteriorEstimatorTest {

	private static final double[] NM = { 500, 600, 700 };
	private static final int W = 21, H = 13;

	/** Pixel (x, y): bands 0.02 x + 0.01 y + 0.05 c; bands start above 0.5 (bimodal "split") for x >= 20. */
	private static float value(final int x, final int y, final int c) {
		return 0.02f * x + 0.01f * y + 0.05f * c + 0.1f;
	}

	private static SpectralImage image(final int frames) {
		final ArrayImg<FloatType, FloatArray> img = frames == 1 ? ArrayImgs.floats(W, H, 3) : ArrayImgs.floats(W, H, 3, frames);
		final RandomAccess<FloatType> ra = img.randomAccess();
		for (int t = 0; t < frames; t++)
			for (int c = 0; c < 3; c++)
				for (int y = 0; y < H; y++)
					for (int x = 0; x < W; x++) {
						ra.setPosition(x, 0);
						ra.setPosition(y, 1);
						ra.setPosition(c, 2);
						if (frames > 1) ra.setPosition(t, 3);
						ra.get().set(value(x, y, c) + 0.3f * t);
					}
		return new SpectralImage("scan", img, null, NM);
	}

	private static float at(final PosteriorMaps maps, final String p, final Statistic s, final int x, final int y) {
		final RandomAccess<FloatType> ra = maps.get(p, s).image().randomAccess();
		ra.setPosition(x, 0);
		ra.setPosition(y, 1);
		return ra.get().get();
	}

	private static float[] pixels(final PosteriorMaps maps) {
		final List<Float> all = new ArrayList<>();
		for (final PosteriorMaps.ParameterMap m : maps.maps()) for (final FloatType v : Views.flatIterable(m.image())) all.add(v.get());
		final float[] a = new float[all.size()];
		for (int i = 0; i < a.length; i++) a[i] = all.get(i);
		return a;
	}

	@Test
	void mapsHoldTheSummariesOfEachPixelsPosterior() {
		final PosteriorOptions o = new PosteriorOptions();
		o.samples = 400;
		o.statistics = List.of(Statistic.MEDIAN, Statistic.MEAN, Statistic.IQR, Statistic.MODES, Statistic.SD);
		final PosteriorMaps maps = PosteriorEstimator.estimate(image(1), null, null, new KnownPosterior(NM), o, null);
		assertEquals(2 * 5, maps.maps().size());
		assertEquals(W * H, maps.counts().estimated());
		final double iqr = 2 * 0.6745 * KnownPosterior.LEVEL_SD;
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				final double mean = (value(x, y, 0) + value(x, y, 1) + value(x, y, 2)) / 3;
				// the median of 400 draws lies within 4 standard errors (1.25 sd / sqrt(400)) of the centre
				assertEquals(mean, at(maps, "level", Statistic.MEDIAN, x, y), 4 * 1.25 * KnownPosterior.LEVEL_SD / 20);
				assertEquals(mean, at(maps, "level", Statistic.MEAN, x, y), 4 * KnownPosterior.LEVEL_SD / 20);
				assertEquals(iqr, at(maps, "level", Statistic.IQR, x, y), 0.25 * iqr);
				assertEquals(KnownPosterior.LEVEL_SD, at(maps, "level", Statistic.SD, x, y), 0.2 * KnownPosterior.LEVEL_SD);
				assertEquals(1, at(maps, "level", Statistic.MODES, x, y), 0);
				assertEquals(value(x, y, 0) > 0.5 ? 2 : 1, at(maps, "split", Statistic.MODES, x, y), 0, "modes at " + x + "," + y);
			}
		assertEquals("1", maps.get("level", Statistic.IQR).unit());
		assertEquals("m", maps.get("split", Statistic.MEDIAN).unit());
		assertEquals("1", maps.get("split", Statistic.MODES).unit());
	}

	@Test
	void resultsDoNotDependOnTilesOrThreads() {
		final PosteriorOptions a = new PosteriorOptions(), b = new PosteriorOptions();
		a.samples = b.samples = 50;
		a.tileSize = 64;
		b.tileSize = 5;
		b.threads = 2;
		final float[] one = pixels(PosteriorEstimator.estimate(image(1), null, null, new KnownPosterior(NM), a, null));
		final float[] two = pixels(PosteriorEstimator.estimate(image(1), null, null, new KnownPosterior(NM), b, null));
		assertArrayEquals(one, two);
		b.seed = 2;
		final float[] other = pixels(PosteriorEstimator.estimate(image(1), null, null, new KnownPosterior(NM), b, null));
		assertTrue(!java.util.Arrays.equals(one, other), "another seed gives other samples");
	}

	@Test
	void badPixelsAndMaskedPixelsAreSkippedAndCountedByReason() {
		final SpectralImage img = image(1);
		final RandomAccess<FloatType> ra = img.image().randomAccess();
		ra.setPositionAndGet(1, 1, 2).set(Float.NaN);
		ra.setPositionAndGet(2, 1, 0).set(Float.POSITIVE_INFINITY);
		for (int c = 0; c < 3; c++) ra.setPositionAndGet(3, 1, c).set(0);
		ra.setPositionAndGet(4, 1, 1).set(5); // saturated at 1
		ra.setPositionAndGet(5, 1, 1).set(0); // one zero band: still a spectrum
		final ArrayImg<UnsignedByteType, ByteArray> mask = ArrayImgs.unsignedBytes(W, H);
		for (final UnsignedByteType v : mask) v.set(255);
		final RandomAccess<UnsignedByteType> m = mask.randomAccess();
		for (int x = 0; x < W; x++) m.setPositionAndGet(x, 0).set(0); // first row outside
		final ArrayImg<UnsignedByteType, ByteArray> flags = ArrayImgs.unsignedBytes(W, H);
		flags.randomAccess().setPositionAndGet(7, 7).set(1);
		flags.randomAccess().setPositionAndGet(8, 0).set(1); // outside the mask too: counted there
		final PosteriorOptions o = new PosteriorOptions();
		o.samples = 20;
		o.saturation = 1;
		final PosteriorMaps maps = PosteriorEstimator.estimate(img, mask, flags, new KnownPosterior(NM), o, null);
		final MaskCounts n = maps.counts();
		assertEquals(W * H, n.total());
		assertEquals(W, n.outsideMask());
		assertEquals(1, n.excluded());
		assertEquals(2, n.nonFinite());
		assertEquals(1, n.zero());
		// the saturated pixel, and every pixel whose synthetic values reach 1 (x large)
		long saturated = 0;
		for (int y = 1; y < H; y++)
			for (int x = 0; x < W; x++)
				if (x == 4 && y == 1 || value(x, y, 2) >= 1 && !(x == 7 && y == 7) && !(x <= 3 && y == 1)) saturated++;
		assertEquals(saturated, n.saturated());
		assertEquals(W * H - W - 1 - 2 - 1 - saturated, n.estimated());
		for (final int[] p : new int[][] { { 0, 0 }, { 1, 1 }, { 2, 1 }, { 3, 1 }, { 4, 1 }, { 7, 7 } })
			for (final PosteriorMaps.ParameterMap map : maps.maps()) {
				final RandomAccess<FloatType> r = map.image().randomAccess();
				assertTrue(Float.isNaN(r.setPositionAndGet(p[0], p[1]).get()), map.label() + " at " + p[0] + "," + p[1]);
			}
		assertTrue(Float.isFinite(at(maps, "level", Statistic.MEDIAN, 5, 1)));
	}

	@Test
	void framesAreEstimatedOneByOneWithTheirOwnMasks() {
		final PosteriorOptions o = new PosteriorOptions();
		o.samples = 200;
		final ArrayImg<UnsignedByteType, ByteArray> mask = ArrayImgs.unsignedBytes(W, H, 2);
		final RandomAccess<UnsignedByteType> m = mask.randomAccess();
		m.setPositionAndGet(3, 4, 1).set(1); // frame 1: only pixel (3, 4)
		for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) m.setPositionAndGet(x, y, 0).set(1);
		final PosteriorMaps maps = PosteriorEstimator.estimate(image(2), mask, null, new KnownPosterior(NM), o, null);
		assertEquals(W * H + 1, maps.counts().estimated());
		assertEquals(3, maps.get("level", Statistic.MEDIAN).image().numDimensions());
		final RandomAccess<FloatType> r = maps.get("level", Statistic.MEDIAN).image().randomAccess();
		final double mean = (value(3, 4, 0) + value(3, 4, 1) + value(3, 4, 2)) / 3;
		assertEquals(mean, r.setPositionAndGet(3, 4, 0).get(), 0.02);
		assertEquals(mean + 0.3, r.setPositionAndGet(3, 4, 1).get(), 0.02);
		assertTrue(Float.isNaN(r.setPositionAndGet(4, 4, 1).get()));
		assertEquals("xyt", maps.axes().letters());
	}

	@Test
	void keptSamplesAreTheOnesSummarised() {
		final PosteriorOptions o = new PosteriorOptions();
		o.samples = 31;
		o.keepSamples = true;
		o.statistics = List.of(Statistic.MEDIAN);
		final PosteriorMaps maps = PosteriorEstimator.estimate(image(1), null, null, new KnownPosterior(NM), o, null);
		assertEquals(2, maps.samples().size());
		final RandomAccess<FloatType> s = maps.samples().get(1).image().randomAccess();
		final float[] v = new float[31];
		for (int k = 0; k < 31; k++) v[k] = s.setPositionAndGet(6, 2, k).get();
		java.util.Arrays.sort(v);
		assertEquals(v[15], at(maps, "split", Statistic.MEDIAN, 6, 2), 0);
		assertEquals(List.of(W, H, 31), java.util.Arrays.stream(maps.samples().get(0).image().dimensionsAsLongArray()).mapToObj(d -> (int) d).toList());
	}

	@Test
	void wrongWavelengthsNameBothLists() {
		final SpectralImage img = image(1).withWavelengths(new double[] { 500, 610, 700 });
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> PosteriorEstimator.estimate(img, null, null, new KnownPosterior(NM), new PosteriorOptions(), null));
		assertTrue(e.getMessage().contains("500, 610, 700") && e.getMessage().contains("500, 600, 700") &&
			e.getMessage().contains("known-posterior"), e.getMessage());
	}

	@Test
	void aMaskOfAnotherSizeIsAClearError() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PosteriorEstimator.estimate(image(1),
			ArrayImgs.unsignedBytes(W, H + 1), null, new KnownPosterior(NM), new PosteriorOptions(), null));
		assertTrue(e.getMessage().contains("mask") && e.getMessage().contains("21 x 13"), e.getMessage());
	}

	@Test
	void progressReachesEveryPixel() {
		final long[] last = { 0, 0 };
		final PosteriorOptions o = new PosteriorOptions();
		o.samples = 5;
		o.tileSize = 8;
		PosteriorEstimator.estimate(image(1), null, null, new KnownPosterior(NM), o, (done, total, message) -> {
			last[0] = done;
			last[1] = total;
		});
		assertEquals(W * H, last[0]);
		assertEquals(W * H, last[1]);
		assertTrue(Views.iterable(image(1).image()).size() > 0);
	}

	@org.junit.jupiter.api.io.TempDir
	java.nio.file.Path dir;

	@Test
	void streamedMapsFromALazyOmeZarrInputEqualTheInMemoryMaps() throws java.io.IOException {
		final PosteriorOptions o = new PosteriorOptions();
		o.samples = 50;
		o.seed = 7;
		o.tileSize = 8; // 21 x 13: edge tiles 5 wide and 5 high
		o.threads = 2;
		o.statistics = List.of(Statistic.MEDIAN, Statistic.IQR, Statistic.MODES);
		for (final int frames : new int[] { 1, 2 }) {
			final SpectralImage inMemory = image(frames);
			final PosteriorMaps expected = PosteriorEstimator.estimate(inMemory, null, null, new KnownPosterior(NM), o, null);
			final java.nio.file.Path input = dir.resolve("scan" + frames + ".ome.zarr");
			org.innsight.io.OmeZarr.writeSpectral(inMemory, input, 8);
			final SpectralImage lazy = org.innsight.io.OmeZarr.openSpectral(input, 4);
			assertArrayEquals(NM, lazy.wavelengthsNm());
			assertEquals(frames, lazy.frames());
			final java.nio.file.Path out = dir.resolve("maps" + frames);
			final PosteriorMaps streamed = PosteriorEstimator.estimateStreamed(lazy, null, null, new KnownPosterior(NM), o, out, null);
			assertEquals(expected.counts().estimated(), streamed.counts().estimated());
			assertEquals(W * H * frames, streamed.counts().estimated());
			assertArrayEquals(pixels(expected), pixels(streamed));
			// and read back from disk, as another program would
			final org.innsight.io.OmeZarr.Image median = org.innsight.io.OmeZarr.open(out.resolve("level_" + Statistic.MEDIAN.label() + ".ome.zarr"));
			assertEquals(frames == 1 ? "xy" : "xyt", median.letters());
			final RandomAccess<FloatType> ra = median.lazy(2).randomAccess();
			ra.setPosition(new long[] { 20, 12, frames - 1 }.length == 3 && frames == 1 ? new long[] { 20, 12 } :
				new long[] { 20, 12, frames - 1 });
			final RandomAccess<FloatType> ex = expected.get("level", Statistic.MEDIAN).image().randomAccess();
			ex.setPosition(ra);
			assertEquals(ex.get().get(), ra.get().get());
		}
		o.keepSamples = true;
		assertThrows(IllegalArgumentException.class, () -> PosteriorEstimator.estimateStreamed(image(1), null, null,
			new KnownPosterior(NM), o, dir.resolve("kept"), null));
	}
}
