package org.innsight.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.innsight.image.AxisType;
import org.innsight.image.CalibratedImage;
import org.innsight.image.SpectralImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import net.imglib2.type.numeric.real.FloatType;

class ImageFilesTest {

	@Test
	void formatFollowsTheExtension() {
		assertEquals(ImageFiles.Format.TIFF, ImageFiles.formatOf(Path.of("a/B.TIF")));
		assertEquals(ImageFiles.Format.TIFF, ImageFiles.formatOf(Path.of("b.ome.tiff")));
		assertEquals(ImageFiles.Format.HDF5, ImageFiles.formatOf(Path.of("c.hdf5")));
		assertEquals(ImageFiles.Format.NIFTI, ImageFiles.formatOf(Path.of("d.nii.gz")));
		assertEquals(ImageFiles.Format.OTHER, ImageFiles.formatOf(Path.of("e.czi")));
		assertEquals(ImageFiles.Format.OTHER, ImageFiles.formatOf(Path.of("f.gz")));
	}

	@Test
	void everySupportedFormatOpensThroughOneEntryPoint() throws IOException {
		assertEquals(4, ImageFiles.open(Fixtures.path("spectral_cyx_f32.tif")).getNChannels());
		assertEquals(2, ImageFiles.open(Fixtures.path("i16_scaled_xyzt.nii.gz")).getNFrames());
		assertEquals(4, ImageFiles.open(Fixtures.path("datasets.h5"), "/spectral").getNChannels());
		final CalibratedImage<FloatType> img = ImageFiles.openImage(Fixtures.path("f32_rotated_xyzt.nii.gz"));
		assertEquals("xyzt", img.axes().letters());
		assertEquals(0.8, img.axes().axis(AxisType.X).scale(), 1e-7);
		assertEquals(100 + 0.125f, img.image().getAt(0, 0, 0, 1).get());
		final SpectralImage s = ImageFiles.openSpectral(Fixtures.path("spectral_cyx_f32.tif"));
		s.checkWavelengths("test model", new double[] { 500, 520, 540, 560 });
	}

	@Test
	void sidecarGivesWavelengthsToFormatsWithoutLabels(@TempDir final Path dir) throws IOException {
		final Path nii = dir.resolve("bands.nii.gz");
		ImageFiles.save(ij.IJ.createHyperStack("bands", 3, 2, 3, 1, 1, 32), nii, List.of());
		assertFalse(ImageFiles.openSpectral(nii).hasWavelengths());
		Files.writeString(dir.resolve("bands.json"), "{\"wavelengths_nm\": [700, 750, 800]}");
		final SpectralImage s = ImageFiles.openSpectral(nii);
		assertEquals(3, s.channels());
		assertArrayEquals(new double[] { 700, 750, 800 }, s.wavelengthsNm());
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> s.checkWavelengths("model", new double[] { 700, 760, 800 }));
		assertTrue(e.getMessage().contains("[700, 750, 800] nm") && e.getMessage().contains("[700, 760, 800] nm"), e.getMessage());
	}

	@Test
	void otherFormatsNeedBioFormatsAndSaySoListingWhatIsSupported(@TempDir final Path dir) throws IOException {
		assumeFalse(ImageFiles.bioFormatsAvailable(), "Bio-Formats is on the class path");
		final Path czi = dir.resolve("scan.czi");
		Files.writeString(czi, "not really");
		final IOException e = assertThrows(IOException.class, () -> ImageFiles.open(czi));
		assertTrue(e.getMessage().contains(czi.toString()) && e.getMessage().contains(ImageFiles.SUPPORTED) &&
			e.getMessage().contains("Bio-Formats"), e.getMessage());
		assertThrows(NoSuchFileException.class, () -> ImageFiles.open(dir.resolve("missing.tif")));
	}

	@Test
	void bioFormatsIsCalledReflectivelyWhenPresent(@TempDir final Path dir) throws IOException {
		final BioFormats fake = new BioFormats(FakeBioFormats.class.getName());
		assertTrue(fake.available());
		final ImagePlus imp = fake.open(dir.resolve("scan.czi"));
		assertEquals("scan.czi", imp.getTitle());
		assertEquals(77, imp.getProcessor().get(1, 1));
		final IOException e = assertThrows(IOException.class, () -> fake.open(dir.resolve("broken.czi")));
		assertTrue(e.getMessage().contains("broken.czi") && e.getMessage().contains("unknown magic number"), e.getMessage());
		assertFalse(new BioFormats("no.such.Reader").available());
	}

	@Test
	void saveDispatchesByExtensionAndRefusesInputs(@TempDir final Path dir) throws IOException {
		final Path input = dir.resolve("input.nii.gz");
		Files.copy(Fixtures.path("f32_rotated_xyzt.nii.gz"), input);
		final byte[] before = Files.readAllBytes(input);
		final ImagePlus imp = ImageFiles.open(input);
		final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
			() -> ImageFiles.save(imp, dir.resolve("sub/../input.nii.gz"), List.of(input)));
		assertTrue(refused.getMessage().contains("input"), refused.getMessage());
		assertArrayEquals(before, Files.readAllBytes(input));
		for (final String name : List.of("out.tif", "out.nii", "out.h5")) {
			ImageFiles.save(imp, dir.resolve(name), List.of(input));
			final ImagePlus back = ImageFiles.open(dir.resolve(name));
			assertArrayEquals(imp.getDimensions(), back.getDimensions(), name);
			for (int s = 1; s <= imp.getStackSize(); s++)
				assertArrayEquals((float[]) imp.getStack().getPixels(s), (float[]) back.getStack().getPixels(s), name);
		}
		final IOException png = assertThrows(IOException.class, () -> ImageFiles.save(imp, dir.resolve("out.png"), List.of()));
		assertTrue(png.getMessage().contains(ImageFiles.SUPPORTED), png.getMessage());
		assertEquals(0, Fixtures.hiddenFiles(dir));
	}

	@Test
	void calibratedImagesAreSavedThroughTheBridge(@TempDir final Path dir) throws IOException {
		final CalibratedImage<FloatType> img = ImageFiles.openImage(Fixtures.path("spectral_cyx_f32.tif"));
		final Path out = dir.resolve("copy.nii.gz");
		ImageFiles.save(img, out, List.of());
		final CalibratedImage<FloatType> back = ImageFiles.openImage(out);
		assertEquals(img.axes().letters(), back.axes().letters());
		assertEquals(img.image().getAt(7, 5, 3).get(), back.image().getAt(7, 5, 3).get());
		assertEquals(0.5, back.axes().axis(AxisType.X).scale(), 1e-6);
	}
}
