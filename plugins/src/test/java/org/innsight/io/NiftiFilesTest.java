package org.innsight.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ImageProcessor;

class NiftiFilesTest {

	/** The value at NIfTI voxel (i, j, k, t, u) of an image as ImageJ holds it. */
	private static double at(final ImagePlus imp, final int i, final int j, final int k, final int t, final int u) {
		return imp.getStack().getProcessor(imp.getStackIndex(u + 1, k + 1, t + 1)).getf(i, j);
	}

	@Test
	void uint8VolumeWithVoxelSizesAndOrientation() throws IOException {
		final ImagePlus imp = NiftiFiles.read(Fixtures.path("u8_xyz.nii"));
		assertEquals(8, imp.getBitDepth());
		assertArrayEquals(new int[] { 5, 4, 1, 3, 1 }, imp.getDimensions());
		for (int k = 0; k < 3; k++)
			for (int j = 0; j < 4; j++)
				for (int i = 0; i < 5; i++)
					assertEquals((i + 10 * j + 50 * k) % 256, at(imp, i, j, k, 0, 0));
		final Calibration cal = imp.getCalibration();
		assertEquals(0.5, cal.pixelWidth, 1e-7);
		assertEquals(0.75, cal.pixelHeight, 1e-7);
		assertEquals(2.0, cal.pixelDepth, 1e-7);
		assertEquals("mm", cal.getUnit());
		final NiftiHeader h = NiftiFiles.header(imp);
		assertEquals(1, h.qformCode());
		assertEquals(2, h.sformCode());
		assertArrayEquals(new float[] { 0, 0, 0, -10, 20, 5 }, h.qform());
		assertArrayEquals(new float[] { 0.5f, 0, 0, -10 }, h.srow(0));
		assertArrayEquals(new float[] { 0, 0.75f, 0, 20 }, h.srow(1));
		assertArrayEquals(new float[] { 0, 0, 2, 5 }, h.srow(2));
	}

	@Test
	void int16WithSlopeAndInterceptIsScaledToFloat() throws IOException {
		final ImagePlus imp = NiftiFiles.read(Fixtures.path("i16_scaled_xyzt.nii.gz"));
		assertEquals(32, imp.getBitDepth());
		assertArrayEquals(new int[] { 4, 3, 1, 2, 2 }, imp.getDimensions());
		for (int t = 0; t < 2; t++)
			for (int k = 0; k < 2; k++)
				for (int j = 0; j < 3; j++)
					for (int i = 0; i < 4; i++)
						assertEquals(0.5 * ((i - 2 * j + 3 * k - 7 * t) * 100) - 3, at(imp, i, j, k, t, 0));
		assertEquals(3.0, imp.getCalibration().pixelDepth, 1e-7);
		assertEquals(40.0, imp.getCalibration().frameInterval, 1e-7);
		assertEquals("ms", imp.getCalibration().getTimeUnit());
	}

	@Test
	void float32TimeSeriesKeepsItsRotatedQform() throws IOException {
		final ImagePlus imp = NiftiFiles.read(Fixtures.path("f32_rotated_xyzt.nii.gz"));
		assertArrayEquals(new int[] { 6, 5, 1, 4, 3 }, imp.getDimensions());
		for (int t = 0; t < 3; t++)
			for (int k = 0; k < 4; k++)
				for (int j = 0; j < 5; j++)
					for (int i = 0; i < 6; i++)
						assertEquals(i * 0.25 + j * 1.5 - k * 2 + t * 100 + 0.125, at(imp, i, j, k, t, 0));
		final NiftiHeader h = NiftiFiles.header(imp);
		assertEquals(1, h.qformCode());
		assertEquals(4, h.sformCode());
		assertArrayEquals(new float[] { 0, 0, (float) Math.sqrt(0.5), 12.5f, -7.25f, 3 }, h.qform(), 1e-6f);
		assertEquals(2.5, imp.getCalibration().frameInterval, 1e-7);
		assertEquals(0.8, imp.getCalibration().pixelWidth, 1e-7);
	}

	@Test
	void float64BecomesFloat32AndMicronsAreUnderstood() throws IOException {
		final ImagePlus imp = NiftiFiles.read(Fixtures.path("f64_xyz.nii"));
		assertEquals(32, imp.getBitDepth());
		for (int k = 0; k < 5; k++)
			for (int j = 0; j < 4; j++)
				for (int i = 0; i < 3; i++)
					assertEquals(i / 3.0 + j * 1e-3 - k, at(imp, i, j, k, 0, 0), 1e-6);
		assertEquals("µm", imp.getCalibration().getUnit());
		assertEquals(2.0, imp.getCalibration().pixelWidth, 1e-7);
	}

	@Test
	void fifthDimensionBecomesChannels() throws IOException {
		final ImagePlus imp = NiftiFiles.read(Fixtures.path("f32_vector_xyzu.nii"));
		assertArrayEquals(new int[] { 4, 3, 3, 2, 1 }, imp.getDimensions());
		for (int u = 0; u < 3; u++)
			for (int k = 0; k < 2; k++)
				for (int j = 0; j < 3; j++)
					for (int i = 0; i < 4; i++)
						assertEquals(i + 4 * j + 12 * k + 1000 * u, at(imp, i, j, k, 0, u));
	}

	/** Reading and writing again gives the same voxel bytes, datatype, scaling and orientation as the original. */
	@ParameterizedTest
	@ValueSource(strings = { "u8_xyz.nii", "i16_scaled_xyzt.nii.gz", "f32_rotated_xyzt.nii.gz", "f32_vector_xyzu.nii" })
	void roundTripKeepsVoxelBytesAndHeader(final String name, @TempDir final Path dir) throws IOException {
		final Path in = Fixtures.path(name);
		for (final String ext : List.of(".nii", ".nii.gz")) {
			final Path out = dir.resolve("copy" + ext);
			NiftiFiles.write(NiftiFiles.read(in), out, List.of(in));
			final byte[] original = uncompressed(in), copy = uncompressed(out);
			assertArrayEquals(Arrays.copyOfRange(original, 352, original.length), Arrays.copyOfRange(copy, 352, copy.length),
				"voxel bytes of " + name + " written as " + ext);
			// datatype, bitpix, pixdim, scl_slope/inter, qform/sform and everything after: byte-identical
			assertArrayEquals(Arrays.copyOfRange(original, 40, 56), Arrays.copyOfRange(copy, 40, 56), "dim");
			assertArrayEquals(Arrays.copyOfRange(original, 70, 120), Arrays.copyOfRange(copy, 70, 120), "datatype .. scl_inter");
			assertArrayEquals(Arrays.copyOfRange(original, 148, 348), Arrays.copyOfRange(copy, 148, 348), "descrip .. magic");
			assertEquals(original[123], copy[123], "xyzt_units");
		}
	}

	@Test
	void float64RoundTripKeepsItsTypeAndValues(@TempDir final Path dir) throws IOException {
		final Path out = dir.resolve("f64.nii");
		NiftiFiles.write(NiftiFiles.read(Fixtures.path("f64_xyz.nii")), out, List.of());
		final ImagePlus back = NiftiFiles.read(out);
		assertEquals(NiftiDataType.FLOAT64.code, NiftiFiles.header(back).datatype());
		assertEquals(2, NiftiFiles.header(back).sformCode());
		assertEquals(1 / 3.0 + 2e-3 - 4, at(back, 1, 2, 4, 0, 0), 1e-6);
	}

	@ParameterizedTest
	@ValueSource(strings = { "UINT8", "INT16", "UINT16", "INT32", "FLOAT32", "FLOAT64" })
	void newImagesAreWrittenInTheRequestedType(final NiftiDataType type, @TempDir final Path dir) throws IOException {
		final ImagePlus imp = IJ.createImage("new", "32-bit black", 5, 4, 3);
		for (int s = 1; s <= 3; s++) {
			final ImageProcessor ip = imp.getStack().getProcessor(s);
			for (int p = 0; p < 20; p++) ip.setf(p, (s * 20 + p) * (type == NiftiDataType.UINT8 ? 1 : 250));
		}
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.3;
		cal.pixelHeight = 0.4;
		cal.pixelDepth = 1.5;
		cal.xOrigin = 10;
		cal.setUnit("mm");
		final Path out = dir.resolve("new.nii.gz");
		NiftiFiles.write(imp, out, type, List.of());
		final ImagePlus back = NiftiFiles.read(out);
		final NiftiHeader h = NiftiFiles.header(back);
		assertEquals(type.code, h.datatype());
		assertEquals(8 * type.bytes, h.bitpix());
		assertEquals(1, h.qformCode());
		assertEquals(-3.0, h.qform()[3], 1e-6);
		assertEquals(0.3, back.getCalibration().pixelWidth, 1e-7);
		assertEquals(1.5, back.getCalibration().pixelDepth, 1e-7);
		assertEquals("mm", back.getCalibration().getUnit());
		for (int s = 1; s <= 3; s++)
			for (int p = 0; p < 20; p++)
				assertEquals(imp.getStack().getProcessor(s).getf(p), back.getStack().getProcessor(s).getf(p));
	}

	@Test
	void valuesAnIntegerTypeCannotHoldAreRefusedOrWrittenAsFloat(@TempDir final Path dir) throws IOException {
		final ImagePlus imp = NiftiFiles.read(Fixtures.path("i16_scaled_xyzt.nii.gz"));
		imp.getStack().getProcessor(1).setf(0, 0, 0.3f); // not 0.5 * whole - 3
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> NiftiFiles.write(imp, dir.resolve("x.nii"), NiftiDataType.INT16, List.of()));
		assertTrue(e.getMessage().contains("0.3") && e.getMessage().contains("INT16"), e.getMessage());
		NiftiFiles.write(imp, dir.resolve("y.nii"), List.of()); // default: keeps values, so float32
		final ImagePlus back = NiftiFiles.read(dir.resolve("y.nii"));
		assertEquals(NiftiDataType.FLOAT32.code, NiftiFiles.header(back).datatype());
		assertEquals(0.3f, back.getStack().getProcessor(1).getf(0, 0));
		assertEquals(1, NiftiFiles.header(back).qformCode());
	}

	@Test
	void signed16BitImagesAreWrittenAsInt16() throws IOException {
		final Path dir = Files.createTempDirectory("nifti");
		try {
			final ImagePlus imp = IJ.createImage("s16", "16-bit black", 3, 2, 1);
			imp.getCalibration().setSigned16BitCalibration();
			imp.getProcessor().set(0, 0, 32768 - 1200); // -1200 in ImageJ's signed 16-bit
			NiftiFiles.write(imp, dir.resolve("s.nii"), List.of());
			final ImagePlus back = NiftiFiles.read(dir.resolve("s.nii"));
			assertEquals(NiftiDataType.INT16.code, NiftiFiles.header(back).datatype());
			assertEquals(-1200f, back.getProcessor().getf(0, 0));
			assertEquals(-32768f, back.getProcessor().getf(1, 0));
		}
		finally {
			try (var files = Files.list(dir)) {
				for (final Path p : files.toList()) Files.delete(p);
			}
			Files.delete(dir);
		}
	}

	@Test
	void truncatedAndCorruptFilesNameTheFile(@TempDir final Path dir) throws IOException {
		final Path shortData = Fixtures.truncated("u8_xyz.nii", dir, 380);
		assertMessage(shortData, "truncated");
		final Path shortHeader = Fixtures.truncated("u8_xyz.nii", dir, 100);
		assertMessage(shortHeader, "header needs 348 bytes");
		final Path shortGzip = Fixtures.truncated("f32_rotated_xyzt.nii.gz", dir, Fixtures.size("f32_rotated_xyzt.nii.gz") / 2);
		assertMessage(shortGzip, "truncated");
		final Path notGzip = dir.resolve("plain.nii.gz");
		Files.write(notGzip, Files.readAllBytes(Fixtures.path("u8_xyz.nii")));
		assertMessage(notGzip, "not a valid gzip file");
		final Path garbage = dir.resolve("garbage.nii");
		Files.write(garbage, new byte[400]);
		assertMessage(garbage, "not a NIfTI-1 file");
	}

	private static void assertMessage(final Path file, final String expected) {
		final IOException e = assertThrows(IOException.class, () -> NiftiFiles.read(file));
		assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(expected), e.getMessage());
	}

	private static byte[] uncompressed(final Path file) throws IOException {
		if (!file.toString().endsWith(".gz")) return Files.readAllBytes(file);
		try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
			return in.readAllBytes();
		}
	}
}
