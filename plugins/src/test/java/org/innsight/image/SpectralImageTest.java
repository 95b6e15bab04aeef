package org.innsight.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import net.imglib2.img.array.ArrayImgs;

class SpectralImageTest {

	@Test
	void labelsGiveTheWavelengthsOfAChannelStack() throws IOException {
		final ImagePlus imp = IJ.createHyperStack("spectral", 4, 3, 3, 1, 2, 32);
		final String[] labels = { "520nm", "540 nm", "Channel 3 (560.5 NM)" };
		for (int t = 1; t <= 2; t++)
			for (int c = 1; c <= 3; c++)
				imp.getStack().setSliceLabel(labels[c - 1], imp.getStackIndex(c, 1, t));
		imp.getStack().getProcessor(imp.getStackIndex(2, 1, 2)).setf(3, 2, 42);
		final SpectralImage s = SpectralImage.of(imp);
		assertArrayEquals(new double[] { 520, 540, 560.5 }, s.wavelengthsNm());
		assertEquals(3, s.channels());
		assertEquals(2, s.frames());
		assertEquals("xyct", s.axes().letters());
		assertEquals(42f, s.image().getAt(3, 2, 1, 1).get());
		// zero-copy: a write into the spectral view reaches the ImagePlus
		s.image().getAt(0, 0, 2, 0).set(7);
		assertEquals(7f, imp.getStack().getProcessor(imp.getStackIndex(3, 1, 1)).getf(0, 0));
	}

	@Test
	void propertyThenSidecarAreUsedWhenLabelsAreMissing(@TempDir final Path dir) throws IOException {
		final ImagePlus imp = IJ.createHyperStack("p", 2, 2, 2, 1, 1, 32);
		assertNull(SpectralImage.wavelengthsOf(imp));
		final Path image = dir.resolve("scan.tif");
		Files.writeString(dir.resolve("scan.json"), "{\"wavelengths_nm\": [610, 630.25]}");
		final FileInfo fi = new FileInfo();
		fi.directory = dir + "/";
		fi.fileName = image.getFileName().toString();
		imp.setFileInfo(fi);
		assertArrayEquals(new double[] { 610, 630.25 }, SpectralImage.wavelengthsOf(imp));
		imp.setProp(Wavelengths.PROPERTY, "700, 720");
		assertArrayEquals(new double[] { 700, 720 }, SpectralImage.wavelengthsOf(imp));
		imp.getStack().setSliceLabel("800nm", 1);
		imp.getStack().setSliceLabel("820nm", 2);
		assertArrayEquals(new double[] { 800, 820 }, SpectralImage.wavelengthsOf(imp));
	}

	@Test
	void aPlainStackIsReadAsChannels() {
		final ImageStack stack = new ImageStack(2, 2);
		for (int i = 0; i < 4; i++) {
			final FloatProcessor ip = new FloatProcessor(2, 2);
			ip.setf(1, 1, i);
			stack.addSlice((500 + 20 * i) + "nm", ip);
		}
		final SpectralImage s = SpectralImage.of(new ImagePlus("plain", stack));
		assertEquals(4, s.channels());
		assertEquals(1, s.frames());
		assertArrayEquals(new double[] { 500, 520, 540, 560 }, s.wavelengthsNm());
		assertEquals(3f, s.image().getAt(1, 1, 3).get());
	}

	@Test
	void eightBitImagesAreSeenAsReadWriteFloats() {
		final ByteProcessor ip = new ByteProcessor(3, 2);
		ip.set(2, 1, 200);
		final SpectralImage s = SpectralImage.of(new ImagePlus("u8", ip));
		assertEquals(1, s.channels());
		assertFalse(s.hasWavelengths());
		assertEquals(200f, s.image().getAt(2, 1, 0).get());
		s.image().getAt(0, 0, 0).set(17);
		assertEquals(17, ip.get(0, 0));
	}

	@Test
	void checkAcceptsSmallDifferencesAndNamesBothListsOnMismatch() {
		final SpectralImage s = new SpectralImage("tissue.tif", ArrayImgs.floats(2, 2, 3), null, new double[] { 520, 540, 560 });
		assertDoesNotThrow(() -> s.checkWavelengths("model sO2-v1", new double[] { 520.4, 539.6, 560 }));
		final IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
			() -> s.checkWavelengths("model sO2-v1", new double[] { 520, 545, 560 }));
		assertTrue(wrong.getMessage().contains("[520, 540, 560] nm"), wrong.getMessage());
		assertTrue(wrong.getMessage().contains("[520, 545, 560] nm"), wrong.getMessage());
		assertTrue(wrong.getMessage().contains("tissue.tif") && wrong.getMessage().contains("model sO2-v1"), wrong.getMessage());
		final IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
			() -> s.checkWavelengths("m", new double[] { 520, 540 }));
		assertTrue(count.getMessage().contains("3 channels") && count.getMessage().contains("expects 2"), count.getMessage());
		final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
			() -> s.withWavelengths(null).checkWavelengths("m", new double[] { 1, 2, 3 }));
		assertTrue(unknown.getMessage().contains("does not say its wavelengths"), unknown.getMessage());
	}

	@Test
	void wavelengthCountMustMatchChannels() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> new SpectralImage("x", ArrayImgs.floats(2, 2, 3), null, new double[] { 1, 2 }));
		assertTrue(e.getMessage().contains("3 channels but 2 wavelengths"), e.getMessage());
	}

	@Test
	void toImagePlusLabelsChannelsByWavelength() throws IOException {
		final SpectralImage s = new SpectralImage("out", ArrayImgs.floats(2, 2, 2), null, new double[] { 600, 612.5 });
		s.image().getAt(1, 0, 1).set(9);
		final ImagePlus imp = s.toImagePlus();
		assertEquals(2, imp.getNChannels());
		assertEquals("600nm", imp.getStack().getSliceLabel(1));
		assertEquals("612.5nm", imp.getStack().getSliceLabel(2));
		assertEquals("600, 612.5", imp.getProp(Wavelengths.PROPERTY));
		assertEquals(9f, imp.getStack().getProcessor(2).getf(1, 0));
		assertArrayEquals(new double[] { 600, 612.5 }, SpectralImage.wavelengthsOf(imp));
	}

	@Test
	void channelsAndSlicesTogetherAreNotASpectralImage() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> SpectralImage.of(IJ.createHyperStack("cz", 2, 2, 3, 4, 1, 32)));
		assertTrue(e.getMessage().contains("3 channels and 4 z-slices"), e.getMessage());
	}
}
