package org.innsight.transfer;

import static org.innsight.transfer.DomainConditions.SOURCE;
import static org.innsight.transfer.DomainConditions.TARGET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.innsight.image.SpectralImage;
import org.innsight.io.Table;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** Tables keep their other columns; images are transferred pixel by pixel, masks pick pixels. */
class DomainTransferTest {

	/** A table of the tiny source domain with a parameter column in front and one behind the bands. */
	static Table sourceTable(final int rows, final long seed) {
		final Spectra s = TinyTransfer.source(rows, seed);
		final float[][] cols = new float[6][rows];
		for (int r = 0; r < rows; r++) {
			cols[0][r] = r / (float) rows;
			for (int j = 0; j < 4; j++) cols[1 + j][r] = s.values()[r * 4 + j];
			cols[5][r] = -r;
		}
		final JsonObject h = new JsonObject();
		h.add("wavelengths_nm", org.innsight.engine.ModelCard.gson().toJsonTree(TinyTransfer.SOURCE_NM));
		return new Table(List.of("sO2", "band_0", "band_1", "band_2", "band_3", "depth"), cols, h, "source.csv");
	}

	@Test
	void transferringATableReplacesOnlyTheBandColumns() {
		final Table in = sourceTable(50, 7);
		final Table out = DomainTransfer.transferTable(TinyTransfer.model(), in, "band_*", SOURCE, TARGET, "tiny");
		assertEquals(in.columns(), out.columns());
		assertArrayEquals(in.column("sO2"), out.column("sO2"));
		assertArrayEquals(in.column("depth"), out.column("depth"));
		final float[] expected = TinyTransfer.model().transfer(TinyTransfer.source(50, 7), SOURCE, TARGET, null);
		for (int j = 0; j < 4; j++)
			for (int r = 0; r < 50; r++) assertEquals(expected[r * 4 + j], out.column("band_" + j)[r], "row " + r + " band " + j);
		assertEquals("l2", out.header().get("normalisation").getAsString());
		assertEquals("target", out.header().getAsJsonObject("domain_transfer").get("to").getAsString());
		assertEquals(505.0, out.header().getAsJsonArray("wavelengths_nm").get(0).getAsDouble());
	}

	@Test
	void aTableFromAnotherCameraIsRefusedByItsWavelengths() {
		final Table in = sourceTable(5, 1);
		// claims the target's wavelengths but is transferred as source
		in.header().add("wavelengths_nm", org.innsight.engine.ModelCard.gson().toJsonTree(TinyTransfer.TARGET_NM));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> DomainTransfer.transferTable(TinyTransfer.model(), in, "band_*", SOURCE, TARGET, "tiny"));
		assertTrue(e.getMessage().contains("source domain of the transfer model expects [500, 600, 700, 800] nm"), e.getMessage());
	}

	@Test
	void anImageIsTransferredPixelByPixelAsItsSpectraWouldBe() {
		final Spectra s = TinyTransfer.source(6, 9);
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(3, 2, 4);
		final RandomAccess<FloatType> ra = img.randomAccess();
		for (int p = 0; p < 6; p++)
			for (int c = 0; c < 4; c++) {
				ra.setPosition(new long[] { p % 3, p / 3, c });
				ra.get().set(s.values()[p * 4 + c]);
			}
		final SpectralImage out = DomainTransfer.transferImage(TinyTransfer.model(), new SpectralImage("tiny.tif", img, null, TinyTransfer.SOURCE_NM),
			SOURCE, TARGET, null);
		assertArrayEquals(TinyTransfer.TARGET_NM, out.wavelengthsNm());
		final float[] expected = TinyTransfer.model().transfer(s, SOURCE, TARGET, null);
		final RandomAccess<FloatType> o = out.image().randomAccess();
		for (int p = 0; p < 6; p++)
			for (int c = 0; c < 4; c++) {
				o.setPosition(new long[] { p % 3, p / 3, c });
				assertEquals(expected[p * 4 + c], o.get().get(), 1e-6, "pixel " + p + " channel " + c);
			}
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DomainTransfer.transferImage(TinyTransfer.model(),
			new SpectralImage("three.tif", ArrayImgs.floats(2, 2, 3), null, null), SOURCE, TARGET, null));
		assertEquals("image 'three.tif' has 3 channels, but the transfer model expects 4 bands", e.getMessage());
	}

	@Test
	void imagePixelsBecomeSamplesWhereTheMasksAllowAndNotWhereTheyAreNaN() {
		// 3 x 2 pixels, 2 channels; pixel (x, y) holds (10 x + y, 1)
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(3, 2, 2);
		final RandomAccess<FloatType> ra = img.randomAccess();
		for (int y = 0; y < 2; y++)
			for (int x = 0; x < 3; x++) {
				ra.setPosition(new long[] { x, y, 0 });
				ra.get().set(x == 2 && y == 1 ? Float.NaN : 10 * x + y);
				ra.setPosition(1, 2);
				ra.get().set(1);
			}
		final ArrayImg<UnsignedByteType, ?> include = ArrayImgs.unsignedBytes(new byte[] { 1, 1, 1, 0, 1, 1 }, 3, 2);
		final ArrayImg<UnsignedByteType, ?> exclude = ArrayImgs.unsignedBytes(new byte[] { 0, (byte) 255, 0, 0, 0, 0 }, 3, 2);
		final SpectralImage si = new SpectralImage("masked", img, null, new double[] { 500, 600 });
		final Spectra s = SpectraSources.fromImage(si, include, exclude);
		// kept: (0,0) and (2,0) in row 0; (1,1) in row 1 ((0,1) not included, (1,0) excluded, (2,1) NaN)
		assertArrayEquals(new float[] { 0, 1, 20, 1, 11, 1 }, s.values());
		assertArrayEquals(new double[] { 500, 600 }, s.wavelengthsNm());
		assertEquals(6, SpectraSources.fromImage(si, null, null).rows() + 1);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> SpectraSources.fromImage(si, ArrayImgs.unsignedBytes(2, 2), null));
		assertTrue(e.getMessage().startsWith("the include mask is [2, 2], but image 'masked' is 3 x 2"), e.getMessage());
	}

	@Test
	void domainNamesAreSourceSimTargetReal() {
		assertEquals(SOURCE, DomainTransfer.domain("sim"));
		assertEquals(TARGET, DomainTransfer.domain("Real"));
		assertThrows(IllegalArgumentException.class, () -> DomainTransfer.domain("other"));
	}

	@org.junit.jupiter.api.io.TempDir
	java.nio.file.Path dir;

	@Test
	void aStreamedImageFromALazyOmeZarrInputEqualsTheInMemoryImage() throws java.io.IOException {
		// 150 x 130 pixels, 4 bands: tiles of 128 leave edge tiles 22 wide and 2 high; one pixel NaN (not transferred)
		final Spectra s = TinyTransfer.source(150 * 130 * 2, 11);
		for (final int frames : new int[] { 1, 2 }) {
			final ArrayImg<FloatType, FloatArray> img = frames == 1 ? ArrayImgs.floats(150, 130, 4) : ArrayImgs.floats(150, 130, 4, 2);
			final RandomAccess<FloatType> ra = img.randomAccess();
			for (int p = 0; p < 150 * 130 * frames; p++)
				for (int c = 0; c < 4; c++) {
					ra.setPosition(frames == 1 ? new long[] { p % 150, p / 150, c } : new long[] { p % 150, p / 150 % 130, c, p / (150 * 130) });
					ra.get().set(p == 140 * 150 / 2 + 3 && c == 1 ? Float.NaN : s.values()[p * 4 + c]);
				}
			final SpectralImage inMemory = new SpectralImage("tiny", img, null, TinyTransfer.SOURCE_NM);
			final TransferRequest request = TransferRequest.defaults();
			final org.innsight.request.Outputs expected = DomainTransfer.run(inMemory, TinyTransfer.model(), request.with(TransferRequest.ACCEPT_UNITS,
				true), null);
			final java.nio.file.Path input = dir.resolve("tiny" + frames + ".ome.zarr"), out = dir.resolve("target" + frames + ".ome.zarr");
			org.innsight.io.OmeZarr.writeSpectral(inMemory, input, 32);
			final org.innsight.request.Outputs streamed = DomainTransfer.runStreamed(org.innsight.io.OmeZarr.openSpectral(input, 4), TinyTransfer.model(),
				request, out, null);
			for (final String stat : List.of(DomainTransfer.PIXELS, DomainTransfer.PIXELS_TRANSFERRED, DomainTransfer.NOT_TRANSFERRED))
				assertEquals(((Number) expected.statistics().get(stat)).longValue(), ((Number) streamed.statistics().get(stat)).longValue(), stat);
			assertEquals(1L, ((Number) streamed.statistics().get(DomainTransfer.NOT_TRANSFERRED)).longValue());
			// read back as a spectral image, with the destination's wavelengths
			final SpectralImage back = org.innsight.io.OmeZarr.openSpectral(out, 4);
			assertArrayEquals(TinyTransfer.TARGET_NM, back.wavelengthsNm());
			assertEquals(frames, back.frames());
			final ij.ImagePlus e = expected.image(DomainTransfer.TRANSFERRED);
			final RandomAccess<FloatType> a = back.image().randomAccess();
			long compared = 0;
			for (int t = 0; t < frames; t++)
				for (int c = 0; c < 4; c++) {
					final float[] plane = (float[]) e.getStack().getPixels(e.getStackIndex(c + 1, 1, t + 1));
					for (int y = 0; y < 130; y++)
						for (int x = 0; x < 150; x++, compared++) {
							a.setPosition(frames == 1 ? new long[] { x, y, c } : new long[] { x, y, c, t });
							if (Float.floatToIntBits(plane[y * 150 + x]) != Float.floatToIntBits(a.get().get()))
								assertEquals(plane[y * 150 + x], a.get().get(), "band " + c + " at " + x + "," + y + "," + t);
						}
				}
			assertEquals(150L * 130 * 4 * frames, compared);
		}
	}
}
