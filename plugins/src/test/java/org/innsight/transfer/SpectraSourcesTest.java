package org.innsight.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.innsight.image.SpectralImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

/** A domain given as image files: pixels become spectra, an exclude mask drops some, tables and images do not mix. */
class SpectraSourcesTest {

	@Test
	void imageFilesBecomeSpectraWithTheirWavelengthsAndMasks(@TempDir final Path dir) throws Exception {
		// 2 x 2 pixels, 3 channels at 520/560/600 nm; channel c of pixel p holds 10 p + c + 1
		final ImageStack stack = new ImageStack(2, 2);
		for (int c = 0; c < 3; c++) {
			final float[] px = new float[4];
			for (int p = 0; p < 4; p++) px[p] = 10 * p + c + 1;
			stack.addSlice((520 + 40 * c) + "nm", new FloatProcessor(2, 2, px));
		}
		final ImagePlus imp = new ImagePlus("scan", stack);
		imp.setDimensions(3, 1, 1);
		imp.setOpenAsHyperStack(true);
		final Path tif = dir.resolve("scan.tif"), mask = dir.resolve("foreign.tif");
		new FileSaver(imp).saveAsTiff(tif.toString());
		new FileSaver(new ImagePlus("foreign", new ByteProcessor(2, 2, new byte[] { 0, (byte) 255, 0, 0 }))).saveAsTiff(mask.toString());

		final Spectra all = SpectraSources.read(List.of(tif), List.of(), List.of(), null);
		assertEquals(4, all.rows());
		assertArrayEquals(new double[] { 520, 560, 600 }, all.wavelengthsNm());
		final Spectra kept = SpectraSources.read(List.of(tif, tif), List.of(), List.of(mask, mask), null);
		assertArrayEquals(new float[] { 1, 2, 3, 21, 22, 23, 31, 32, 33, 1, 2, 3, 21, 22, 23, 31, 32, 33 }, kept.values());

		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> SpectraSources.read(List.of(tif, tif), List.of(), List.of(mask), null));
		assertEquals("1 exclude mask(s) for 2 image(s): give one per image, in order", e.getMessage());
		assertTrue(SpectralImage.wavelengthsOf(imp) != null);
	}

	@Test
	void masksDoNotApplyToTables(@TempDir final Path dir) {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> SpectraSources.read(List.of(dir.resolve("t.csv")), List.of(dir.resolve("m.tif")), List.of(), null));
		assertTrue(e.getMessage().endsWith("is a table; masks apply to images only"), e.getMessage());
	}
}
