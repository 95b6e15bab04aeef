package org.innsight.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.innsight.measure.Measurements.Row;
import org.junit.jupiter.api.Test;

/** Known answers of the region measurements on small synthetic maps, where every number can be counted by hand. */
class MeasureTest {

	static final float NAN = Float.NaN;

	/** 4 x 2 pixels: columns 0-1 are region 1, columns 2-3 region 2. */
	static final MapImage TWO_REGIONS = MapImage.of("regions", new float[] { 1, 1, 2, 2, 1, 1, 2, 2 }, 4, 2, 1, 1);

	/**
	 * Posterior maps of sO2 on that grid: medians 0.5 in region 1, 0.8 in region 2 but for one pixel without an
	 * estimate (NaN); IQR 0.1 and 0.2; one bimodal pixel of four in region 1.
	 */
	static List<MapImage> posteriorMaps(final boolean withSamples) {
		final MapImage median = MapImage.of("sO2_median", new float[] { 0.5f, 0.5f, 0.8f, 0.8f, 0.5f, 0.5f, 0.8f, NAN }, 4, 2, 1, 1);
		final MapImage iqr = MapImage.of("sO2_IQR", new float[] { 0.1f, 0.1f, 0.2f, 0.2f, 0.1f, 0.1f, 0.2f, NAN }, 4, 2, 1, 1);
		final MapImage modes = MapImage.of("sO2_modes", new float[] { 1, 1, 1, 1, 2, 1, 1, NAN }, 4, 2, 1, 1);
		final MapImage mask = MapImage.of("ood_mask", new float[] { 255, 0, 0, 0, 0, 0, 0, 255 }, 4, 2, 1, 1);
		final MapImage score = MapImage.of("ood_score", new float[] { 1, 2, 5, 5, 3, 4, 5, Float.POSITIVE_INFINITY }, 4, 2, 1, 1);
		if (!withSamples) return List.of(median, iqr, modes, mask, score);
		// 4 samples per pixel: 0.4, 0.5, 0.5, 0.6 in region 1; 0.8 in region 2; NaN where there is no estimate
		final float[] s = new float[8 * 4];
		final float[] region1 = { 0.4f, 0.5f, 0.5f, 0.6f };
		for (int k = 0; k < 4; k++)
			for (int i = 0; i < 8; i++) s[k * 8 + i] = i % 4 < 2 ? region1[k] : i == 7 ? NAN : 0.8f;
		return List.of(median, iqr, modes, MapImage.of("sO2_samples", s, 4, 2, 4, 1), mask, score);
	}

	static Measurements measure(final List<MapImage> maps, final Regions regions) {
		return Measure.run("scan", maps, regions, null, MeasureRequest.defaults());
	}

	@Test
	void posteriorAndOodMapsPerRegion() {
		final Measurements m = measure(posteriorMaps(true), Regions.ofLabels(TWO_REGIONS, Map.of(1, "tumour")));
		assertEquals(2, m.rows().size());
		final Row r1 = m.rows().get(0), r2 = m.rows().get(1);
		assertEquals("tumour", r1.region());
		assertEquals("label 2", r2.region());
		assertEquals(4L, r1.value("pixels"));
		near(0.5, r1.value("sO2_median"));
		near(0.0, r1.value("excluded_share"));
		// the pooled 16 samples 0.4 x4, 0.5 x8, 0.6 x4 (type 7: h = 15 q)
		near(0.4, r1.value("sO2_ci90_low"));
		near(0.475, r1.value("sO2_pooled_q25"));
		near(0.5, r1.value("sO2_pooled_median"));
		near(0.525, r1.value("sO2_pooled_q75"));
		near(0.6, r1.value("sO2_ci90_high"));
		assertEquals("samples", r1.value("sO2_pooled"));
		near(0.1, r1.value("sO2_IQR_mean"));
		near(0.25, r1.value("sO2_multimodal_share"));
		near(0.25, r1.value("ood_flagged_share"));
		near(2.5, r1.value("ood_score_mean"));
		// region 2: one pixel of four without an estimate; the unscorable (infinite) OOD score is left out of the mean
		near(0.8, r2.value("sO2_median"));
		near(0.25, r2.value("excluded_share"));
		near(0.8, r2.value("sO2_ci90_low"));
		near(0.8, r2.value("sO2_ci90_high"));
		near(0.2, r2.value("sO2_IQR_mean"));
		near(0.0, r2.value("sO2_multimodal_share"));
		near(0.25, r2.value("ood_flagged_share"));
		near(5.0, r2.value("ood_score_mean"));
		assertEquals(List.of(), m.notes());
	}

	@Test
	void withoutSamplesTheMediansArePooledAndTheTableSaysSo() {
		final Measurements m = measure(posteriorMaps(false), Regions.ofLabels(TWO_REGIONS, Map.of()));
		final Row r1 = m.rows().get(0);
		assertEquals("medians", r1.value("sO2_pooled"));
		near(0.5, r1.value("sO2_ci90_low"));
		near(0.5, r1.value("sO2_ci90_high"));
		assertTrue(m.notes().get(0).startsWith("sO2: no sample stack (sO2_samples), so the pooled quantiles"), m.notes().toString());
	}

	@Test
	void samplesAloneGiveTheIqrAndModesOfEachPixel() {
		// two pixels, 200 samples each: pixel 0 one Gaussian-like block, pixel 1 two blocks far apart
		final int k = 200;
		final float[] s = new float[2 * k];
		for (int j = 0; j < k; j++) {
			s[j * 2] = j / (float) k; // evenly spread over [0, 1): one mode
			s[j * 2 + 1] = j % 2 == 0 ? j / (float) (10 * k) : 10 + j / (float) (10 * k);
		}
		final Measurements m = measure(List.of(MapImage.of("vHb_samples", s, 2, 1, k, 1)), null);
		final Row r = m.rows().get(0);
		assertEquals("image", r.region());
		near(0.5, r.value("vHb_multimodal_share"));
		// pixel 0: q75 - q25 of 0, 0.005, ..., 0.995 (type 7) = 0.74625 - 0.24875; pixel 1: 10.04975 - 0.04975
		assertEquals((0.4975 + 10.0) / 2, ((Number) r.value("vHb_IQR_mean")).doubleValue(), 1e-5);
	}

	@Test
	void classVolumesInMillilitresAndDiceAgainstTheTruth() {
		// 2 x 2 x 2 voxels of 2 x 2 x 2.5 mm = 10 mm3 = 0.01 ml each
		final MapImage seg = new MapImage("labels", new float[] { 1, 1, 1, 2, 2, 0, 0, 0 }, 2, 2, 2, 1, new double[] { 2, 2, 2.5 }, "mm", "", 8,
			"seg.nii.gz");
		final MapImage truth = MapImage.of("truth", new float[] { 1, 1, 2, 2, 0, 0, 0, 0 }, 2, 2, 2, 1);
		final MeasureRequest request = MeasureRequest.defaults().with(MeasureRequest.CLASS_NAMES, "1=healthy,2=tumour");
		final Measurements m = Measure.run("scan", List.of(seg), null, truth, request);
		final Row r = m.rows().get(0);
		assertEquals(3L, r.value("healthy_voxels"));
		near(0.03, r.value("healthy_volume [ml]"));
		near(2.0 * 2 / (3 + 2), r.value("healthy_dice"));
		assertEquals(2L, r.value("tumour_voxels"));
		near(0.02, r.value("tumour_volume [ml]"));
		near(2.0 * 1 / (2 + 2), r.value("tumour_dice"));
		// per slice: slice 1 holds 3 healthy and 1 tumour voxel, slice 2 one tumour voxel
		final Measurements slices = Measure.run("scan", List.of(seg), null, truth, request.with(MeasureRequest.PER_SLICE, true));
		assertEquals(2, slices.rows().size());
		assertEquals(1, slices.rows().get(0).slice());
		assertEquals(3L, slices.rows().get(0).value("healthy_voxels"));
		assertEquals(1L, slices.rows().get(1).value("tumour_voxels"));
		near(0.01, slices.rows().get(1).value("tumour_volume [ml]"));
	}

	@Test
	void segmentCountAndSizesInPixelsAndCalibratedUnits() {
		// 5 x 2 pixels of 0.5 x 0.5 µm: segment 1 has 1 pixel, segment 2 has 3, segment 3 has 4, two are background
		final MapImage seg = new MapImage("labels", new float[] { 1, 2, 2, 2, 0, 3, 3, 3, 3, 0 }, 5, 2, 1, 1, new double[] { 0.5, 0.5, 1 }, "µm", "",
			16, "cells_mws.tif");
		final Row r = Measure.run("cells", List.of(seg), null, null, MeasureRequest.defaults()).rows().get(0);
		assertEquals(3L, r.value("segments"));
		near(1, r.value("segment_size_min [px]"));
		near(3, r.value("segment_size_median [px]"));
		near(8 / 3.0, r.value("segment_size_mean [px]"));
		near(4, r.value("segment_size_max [px]"));
		near(0.25, r.value("segment_size_min [µm^2]"));
		near(1.0, r.value("segment_size_max [µm^2]"));
		// inside a region only the pixels of each segment there count: the left 3 columns hold 1, 2 and 3 of them
		final MapImage left = MapImage.of("left", new float[] { 1, 1, 1, 0, 0, 1, 1, 1, 0, 0 }, 5, 2, 1, 1);
		final Row l = Measure.run("cells", List.of(seg), Regions.ofMask(left), null, MeasureRequest.defaults()).rows().get(0);
		assertEquals("mask", l.region());
		assertEquals(3L, l.value("segments"));
		near(1, l.value("segment_size_min [px]"));
		near(2, l.value("segment_size_median [px]"));
		near(3, l.value("segment_size_max [px]"));
	}

	@Test
	void mapsWithFramesAreMeasuredFrameByFrameAndOverlappingRegionsEachGetTheirPixels() {
		// 2 x 1 pixels, 2 frames: medians 0.2, 0.4 in frame 1 and 0.6, 0.8 in frame 2
		final MapImage median = MapImage.of("sO2_median", new float[] { 0.2f, 0.4f, 0.6f, 0.8f }, 2, 1, 1, 2);
		final Regions overlapping = new Regions(2, 1, 1, 1, List.of(new Regions.Region("both", 1, new int[][] { { 0, 1 } }),
			new Regions.Region("right", 2, new int[][] { { 1 } })), "two ROIs");
		final Measurements m = measure(List.of(median), overlapping);
		assertEquals(4, m.rows().size());
		final double[] expected = { 0.3, 0.7, 0.4, 0.8 };
		final String[] region = { "both", "both", "right", "right" };
		for (int i = 0; i < 4; i++) {
			assertEquals(region[i], m.rows().get(i).region());
			assertEquals(i % 2 + 1, m.rows().get(i).frame());
			near(expected[i], m.rows().get(i).value("sO2_median"));
		}
		// a region set per frame: the region drawn only on frame 2 gives one row
		final Regions perFrame = new Regions(2, 1, 1, 2, List.of(new Regions.Region("late", 1, new int[][] { {}, { 0 } })), "ROI on frame 2");
		final Measurements late = measure(List.of(median), perFrame);
		assertEquals(1, late.rows().size());
		assertEquals(2, late.rows().get(0).frame());
		near(0.6, late.rows().get(0).value("sO2_median"));
	}

	@Test
	void problemsNameTheFileAndSayWhatToDo() {
		final MapImage median = MapImage.of("sO2_median", new float[8], 4, 2, 1, 1);
		final MapImage small = new MapImage("labels", new float[4], 2, 2, 1, 1, new double[] { 1, 1, 1 }, "pixel", "", 8, "roi.tif");
		final IllegalArgumentException grid = assertThrows(IllegalArgumentException.class, () -> measure(List.of(median), Regions.ofLabels(small,
			Map.of())));
		assertEquals("the regions (roi.tif) are 2x2 but sO2_median is 4x2; give regions drawn on the map's grid", grid.getMessage());
		final MapImage fractional = new MapImage("l", new float[] { 0, 1.5f, 0, 0 }, 2, 2, 1, 1, new double[] { 1, 1, 1 }, "pixel", "", 32, "l.tif");
		final IllegalArgumentException label = assertThrows(IllegalArgumentException.class, () -> Regions.ofLabels(fractional, Map.of()));
		assertEquals("l.tif: 1.5 at x=1, y=0 is not a label (labels are whole numbers from 0, 0 = no region); give a label image, or a mask",
			label.getMessage());
		final MapImage a = MapImage.of("labels", new float[8], 4, 2, 1, 1), b = MapImage.of("cells", new float[8], 4, 2, 1, 1);
		assertEquals("two label maps, labels and cells; measure one label map at a time",
			assertThrows(IllegalArgumentException.class, () -> measure(List.of(a, b), null)).getMessage());
		assertEquals("interval must be between 0.5 and 0.99, not 1", assertThrows(IllegalArgumentException.class,
			() -> Measure.run("x", List.of(median), null, null, MeasureRequest.defaults().with(MeasureRequest.INTERVAL, 1.0))).getMessage());
	}

	static void near(final double expected, final Object actual) {
		assertTrue(actual instanceof Number, "not a number: " + actual);
		assertEquals(expected, ((Number) actual).doubleValue(), 1e-6);
	}
}
