package org.innsight.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.innsight.image.SpectralImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

class TiffFilesTest {

	@Test
	void float32ChannelsWithLabelsFromTifffile() throws IOException {
		final ImagePlus imp = TiffFiles.read(Fixtures.path("spectral_cyx_f32.tif"));
		assertArrayEquals(new int[] { 8, 6, 4, 1, 1 }, imp.getDimensions());
		assertEquals(32, imp.getBitDepth());
		for (int c = 0; c < 4; c++)
			for (int y = 0; y < 6; y++)
				for (int x = 0; x < 8; x++)
					assertEquals(c * 0.5f + y * 8 + x - 20.25f, imp.getStack().getProcessor(c + 1).getf(x, y));
		assertEquals(0.5, imp.getCalibration().pixelWidth, 1e-9);
		assertEquals("µm", imp.getCalibration().getUnit());
		assertArrayEquals(new double[] { 500, 520, 540, 560 }, SpectralImage.of(imp).wavelengthsNm());
	}

	@Test
	void uint16HyperstackKeepsItsLayout() throws IOException {
		final ImagePlus imp = TiffFiles.read(Fixtures.path("tzcyx_u16.tif"));
		assertArrayEquals(new int[] { 4, 5, 2, 3, 2 }, imp.getDimensions());
		for (int t = 0; t < 2; t++)
			for (int z = 0; z < 3; z++)
				for (int c = 0; c < 2; c++)
					for (int y = 0; y < 5; y++)
						for (int x = 0; x < 4; x++)
							assertEquals(t * 10000 + z * 1000 + c * 100 + y * 10 + x,
								imp.getStack().getProcessor(imp.getStackIndex(c + 1, z + 1, t + 1)).get(x, y));
	}

	@Test
	void plainEightBitTiff() throws IOException {
		final ImagePlus imp = TiffFiles.read(Fixtures.path("plain_u8.tif"));
		assertEquals(8, imp.getBitDepth());
		for (int y = 0; y < 7; y++)
			for (int x = 0; x < 9; x++)
				assertEquals((x * 13 + y * 29) % 256, imp.getProcessor().get(x, y));
	}

	@Test
	void float32HyperstackRoundTripKeepsLabelsCalibrationAndProperties(@TempDir final Path dir) throws IOException {
		final ImagePlus imp = IJ.createHyperStack("round trip", 5, 4, 3, 2, 2, 32);
		for (int s = 1; s <= imp.getStackSize(); s++)
			for (int p = 0; p < 20; p++) imp.getStack().getProcessor(s).setf(p, s * 100 + p * 0.25f - 7);
		SpectralImage.label(imp, new double[] { 450, 500.5, 550 });
		imp.getCalibration().pixelWidth = 0.2;
		imp.getCalibration().pixelHeight = 0.3;
		imp.getCalibration().pixelDepth = 1.5;
		imp.getCalibration().setUnit("mm");
		final Path file = dir.resolve("out.tif");
		TiffFiles.write(imp, file, List.of());
		assertEquals("round trip", imp.getTitle());
		assertEquals(0, Fixtures.hiddenFiles(dir));
		final ImagePlus back = TiffFiles.read(file);
		assertArrayEquals(imp.getDimensions(), back.getDimensions());
		for (int s = 1; s <= imp.getStackSize(); s++) {
			assertArrayEquals((float[]) imp.getStack().getPixels(s), (float[]) back.getStack().getPixels(s));
			assertEquals(imp.getStack().getSliceLabel(s), back.getStack().getSliceLabel(s));
		}
		assertEquals("450, 500.5, 550", back.getProp("wavelengths"));
		assertEquals(0.2, back.getCalibration().pixelWidth, 1e-6); // TIFF stores resolution as a rational
		assertEquals(0.3, back.getCalibration().pixelHeight, 1e-6);
		assertEquals(1.5, back.getCalibration().pixelDepth, 1e-9);
		assertEquals("mm", back.getCalibration().getUnit());
		assertArrayEquals(new double[] { 450, 500.5, 550 }, SpectralImage.wavelengthsOf(back));
	}

	@Test
	void truncatedAndCorruptFilesNameTheFile(@TempDir final Path dir) throws IOException {
		final Path half = Fixtures.truncated("spectral_cyx_f32.tif", dir, Fixtures.size("spectral_cyx_f32.tif") / 2);
		final IOException t = assertThrows(IOException.class, () -> TiffFiles.read(half));
		assertTrue(t.getMessage().contains(half.toString()) && t.getMessage().contains("truncated"), t.getMessage());
		final Path header = Fixtures.truncated("tzcyx_u16.tif", dir, 12);
		final IOException h = assertThrows(IOException.class, () -> TiffFiles.read(header));
		assertTrue(h.getMessage().contains(header.toString()), h.getMessage());
		final Path junk = dir.resolve("junk.tif");
		Files.writeString(junk, "definitely not a TIFF file");
		final IOException j = assertThrows(IOException.class, () -> TiffFiles.read(junk));
		assertTrue(j.getMessage().contains(junk.toString()), j.getMessage());
	}

	@Test
	void anEmptyOrCutFileSaysSoAndWhatToDo(@TempDir final Path dir) throws IOException {
		final Path empty = dir.resolve("empty.tif");
		Files.write(empty, new byte[0]);
		assertEquals(empty + ": not a readable TIFF (0 bytes: the file is empty); copy or export the file again",
			assertThrows(IOException.class, () -> TiffFiles.read(empty)).getMessage());
		// an ImageJ TIFF of a labelled stack (as a multispectral scan): its header points past the first 100 bytes
		final ij.ImageStack stack = new ij.ImageStack(32, 32);
		for (int band = 0; band < 4; band++)
			stack.addSlice((500 + 20 * band) + "nm", new ij.process.FloatProcessor(32, 32));
		final Path whole = dir.resolve("scan.tif");
		TiffFiles.write(new ImagePlus("scan", stack), whole, List.of());
		final Path cut = dir.resolve("cut.tif");
		Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(whole), 100)); // was "corrupt or truncated: -16842751"
		assertEquals(cut + ": not a readable TIFF (the file ends after 100 bytes, truncated?); copy or export the file again",
			assertThrows(IOException.class, () -> TiffFiles.read(cut)).getMessage());
		// cut inside the pixels: 4 planes of 32 x 32 floats are 16384 bytes, so the data end lies beyond the cut
		final Path half = dir.resolve("half.tif");
		Files.write(half, java.util.Arrays.copyOf(Files.readAllBytes(whole), 8000));
		final long end = new ij.io.TiffDecoder(dir + "/", "scan.tif").getTiffInfo()[0].getOffset() + 16384; // where ImageJ put the pixels
		assertEquals(half + ": not a readable TIFF (its image data runs to byte " + end + " but the file ends after 8000 bytes, truncated?); " +
			"copy or export the file again", assertThrows(IOException.class, () -> TiffFiles.read(half)).getMessage());
		final Path text = dir.resolve("notes.tif");
		Files.writeString(text, "definitely not a TIFF file");
		assertEquals(text + ": not a TIFF file (it does not start with a TIFF header); check that it is an image saved as TIFF, or give the " +
			"file its real extension", assertThrows(IOException.class, () -> TiffFiles.read(text)).getMessage());
	}
}
