package org.innsight.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

class SpectralNormalisationTest {

	/** Two pixels (x = 0, 1) by three channels, channel axis 1: spectra (3, 4, 0) and (0, 0, 0). */
	private static ArrayImg<FloatType, FloatArray> twoPixels() {
		return ArrayImgs.floats(new float[] { 3, 0, 4, 0, 0, 0 }, 2, 3);
	}

	@Test
	void l2MakesEverySpectrumUnitLength() {
		final ArrayImg<FloatType, FloatArray> img = twoPixels();
		SpectralNormalisation.normalise(img, 1, Normalisation.L2, ProgressListener.NONE);
		assertArrayEquals(new float[] { 0.6f, 0, 0.8f, 0, 0, 0 }, img.update(null).getCurrentStorageArray(), 1e-7f);
	}

	@Test
	void l1MakesAbsoluteValuesSumToOne() {
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(new float[] { -1, 2, 1, 6, 2, 2 }, 2, 3);
		SpectralNormalisation.normalise(img, 1, Normalisation.L1, ProgressListener.NONE);
		assertArrayEquals(new float[] { -0.25f, 0.2f, 0.25f, 0.6f, 0.5f, 0.2f }, img.update(null)
			.getCurrentStorageArray(), 1e-7f);
	}

	@Test
	void noneAndZeroSpectraLeaveValuesAlone() {
		final ArrayImg<FloatType, FloatArray> img = twoPixels();
		SpectralNormalisation.normalise(img, 1, Normalisation.NONE, ProgressListener.NONE);
		assertArrayEquals(new float[] { 3, 0, 4, 0, 0, 0 }, img.update(null).getCurrentStorageArray());
	}

	@Test
	void theChannelAxisCanBeAnyAxis() {
		// channels first: axis 0 holds (3, 4) for the single pixel of a 2x1x1 image
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(new float[] { 3, 4 }, 2, 1, 1);
		SpectralNormalisation.normalise(img, 0, Normalisation.L2, ProgressListener.NONE);
		assertArrayEquals(new float[] { 0.6f, 0.8f }, img.update(null).getCurrentStorageArray(), 1e-7f);
	}

	@Test
	void progressEndsAtTheNumberOfPixels() {
		final List<long[]> calls = new ArrayList<>();
		SpectralNormalisation.normalise(ArrayImgs.floats(10, 20, 3), 2, Normalisation.L2, (d, t, m) -> calls.add(new long[] { d,
			t }));
		assertArrayEquals(new long[] { 200, 200 }, calls.get(calls.size() - 1));
		assertEquals(100, calls.size());
	}

	@Test
	void normsParseAsUsersWriteThem() {
		assertEquals(Normalisation.L2, Normalisation.parse("l2"));
		assertEquals(Normalisation.NONE, Normalisation.parse(" None "));
		assertEquals("none", Normalisation.NONE.toString());
		assertEquals("unknown norm 'L3'; use none, L1 or L2", assertThrows(IllegalArgumentException.class,
			() -> Normalisation.parse("L3")).getMessage());
		assertThrows(IllegalArgumentException.class, () -> SpectralNormalisation.normalise(twoPixels(), 2, Normalisation.L2,
			ProgressListener.NONE));
	}
}
