package org.innsight.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.innsight.image.SpectralImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

class Hdf5ImagesTest {

	private static final Path FILE = Fixtures.path("datasets.h5");

	@Test
	void spectralDatasetBecomesLabelledCalibratedChannels() throws IOException {
		final ImagePlus imp = Hdf5Images.read(FILE, "/spectral");
		assertArrayEquals(new int[] { 10, 8, 4, 1, 1 }, imp.getDimensions());
		assertEquals(32, imp.getBitDepth());
		assertEquals(1 * 100 + 2 * 10 + 3, imp.getStack().getProcessor(2).getf(3, 2));
		assertEquals(0.25, imp.getCalibration().pixelWidth);
		assertEquals(0.5, imp.getCalibration().pixelHeight);
		assertEquals("520nm", imp.getStack().getSliceLabel(2));
		assertArrayEquals(new double[] { 500, 520, 540, 560 }, SpectralImage.of(imp).wavelengthsNm());
	}

	@Test
	void withoutAxesAttributeTheOmeOrderApplies() throws IOException {
		final ImagePlus u8 = Hdf5Images.read(FILE, "/images/u8"); // zyx
		assertEquals(8, u8.getBitDepth());
		assertArrayEquals(new int[] { 5, 4, 1, 3, 1 }, u8.getDimensions());
		assertEquals((2 * 20 + 3 * 5 + 4) % 256, u8.getStack().getProcessor(3).get(4, 3));
		final ImagePlus u16 = Hdf5Images.read(FILE, "/images/u16"); // yx
		assertEquals(16, u16.getBitDepth());
		assertEquals(65535 - 3 * 5 - 4, u16.getProcessor().get(4, 3));
		final ImagePlus f32 = Hdf5Images.read(FILE, "/images/f32"); // czyx
		assertArrayEquals(new int[] { 5, 4, 2, 3, 1 }, f32.getDimensions());
		assertEquals(1 * 1000 + 2 * 100 + 3 * 10 + 4 + 0.5f, f32.getStack().getProcessor(f32.getStackIndex(2, 3, 1)).getf(4, 3));
	}

	@Test
	void ambiguousFilesNeedADatasetName() {
		final IOException e = assertThrows(IOException.class, () -> Hdf5Images.defaultDataset(FILE));
		assertTrue(e.getMessage().contains("/spectral") && e.getMessage().contains("/images/f32"), e.getMessage());
	}

	@Test
	void channelLastDatasetsAreReordered(@TempDir final Path dir) throws IOException {
		final Path file = dir.resolve("yxc.h5");
		final float[] values = new float[3 * 2 * 4]; // y=3, x=2, c=4
		for (int i = 0; i < values.length; i++) values[i] = i;
		try (Hdf5Writer w = Hdf5Files.create(file, List.of())) {
			w.dataset("/rgbish", NdArray.of(values, 3, 2, 4)).attribute("/rgbish", "axes", "yxc");
		}
		assertEquals("/rgbish", Hdf5Images.defaultDataset(file));
		final ImagePlus imp = Hdf5Images.read(file, "/rgbish");
		assertArrayEquals(new int[] { 2, 3, 4, 1, 1 }, imp.getDimensions());
		for (int y = 0; y < 3; y++)
			for (int x = 0; x < 2; x++)
				for (int c = 0; c < 4; c++)
					assertEquals((y * 2 + x) * 4 + c, imp.getStack().getProcessor(c + 1).getf(x, y));
	}

	@Test
	void hyperstackRoundTripKeepsValuesLayoutCalibrationAndWavelengths(@TempDir final Path dir) throws IOException {
		for (final int bitDepth : new int[] { 8, 16, 32 }) {
			final ImagePlus imp = IJ.createHyperStack("h", 4, 3, 2, 3, 2, bitDepth);
			for (int s = 1; s <= imp.getStackSize(); s++)
				for (int p = 0; p < 12; p++) imp.getStack().getProcessor(s).setf(p, bitDepth == 8 ? (s * 12 + p) % 256 : s * 1000 + p);
			imp.getCalibration().pixelWidth = 0.125;
			imp.getCalibration().pixelDepth = 3;
			imp.getCalibration().frameInterval = 2;
			imp.getCalibration().setUnit("mm");
			SpectralImage.label(imp, new double[] { 600, 650 });
			final Path file = dir.resolve("h" + bitDepth + ".h5");
			Hdf5Images.write(imp, file, Hdf5Images.DEFAULT_DATASET, List.of());
			assertEquals("tzcyx", Hdf5Files.attributes(file, "/data").get("axes"));
			final ImagePlus back = Hdf5Images.read(file, Hdf5Images.defaultDataset(file));
			assertArrayEquals(imp.getDimensions(), back.getDimensions());
			for (int s = 1; s <= imp.getStackSize(); s++)
				for (int p = 0; p < 12; p++)
					assertEquals(imp.getStack().getProcessor(s).getf(p), back.getStack().getProcessor(s).getf(p));
			assertEquals(0.125, back.getCalibration().pixelWidth);
			assertEquals(3, back.getCalibration().pixelDepth);
			assertEquals(2, back.getCalibration().frameInterval);
			assertEquals("mm", back.getCalibration().getUnit());
			assertEquals("650nm", back.getStack().getSliceLabel(back.getStackIndex(2, 3, 2)));
		}
	}
}
