package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.innsight.measure.Regions;
import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.process.FloatProcessor;

/** ImageJ ROIs as regions: each ROI its own region (overlaps allowed), a ROI on one frame only there. */
class MeasureRegionsCommandTest {

	@Test
	void roisBecomeRegionsWithTheirNamesPixelsAndFrames() {
		final ImageStack stack = new ImageStack(4, 2);
		stack.addSlice(new FloatProcessor(4, 2));
		stack.addSlice(new FloatProcessor(4, 2));
		final ImagePlus map = new ImagePlus("scan_sO2_median", stack);
		map.setDimensions(1, 1, 2);
		final Roi late = new Roi(0, 0, 2, 2), everywhere = new Roi(1, 0, 2, 1), unnamed = new Roi(3, 1, 1, 1);
		late.setName("late");
		late.setPosition(0, 0, 2);
		everywhere.setName("top");
		final Regions r = MeasureRegionsCommand.rois(List.of(late, everywhere, unnamed), map, 1, 2);
		assertEquals(2, r.frames());
		assertEquals(List.of("late", "top", "ROI 3"), r.regions().stream().map(Regions.Region::name).toList());
		assertArrayEquals(new int[0], r.regions().get(0).in(0));
		assertArrayEquals(new int[] { 0, 1, 4, 5 }, r.regions().get(0).in(1));
		assertArrayEquals(new int[] { 1, 2 }, r.regions().get(1).in(0));
		assertArrayEquals(new int[] { 1, 2 }, r.regions().get(1).in(1));
		assertArrayEquals(new int[] { 7 }, r.regions().get(2).in(1));
		assertEquals(3, r.regions().get(2).label());
		assertEquals("no ROIs: add the regions to the ROI Manager (or to the overlay of scan_sO2_median), or choose regions = label image, mask or " +
			"whole image", assertThrows(IllegalArgumentException.class, () -> MeasureRegionsCommand.rois(List.of(), map, 1, 2)).getMessage());
	}
}
