package org.innsight.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.innsight.engine.InputRange;
import org.innsight.image.Normalisation;
import org.innsight.image.SpectralImage;
import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImgs;

/** The units check's rules, on ranges whose figures are known by construction. */
class UnitsCheckTest {

	/** Two reflectance bands, each trained on 0.1 .. 0.5 in its bulk: accepted from 0.1 - 0.2 = -0.1 to 0.5 + 0.2 = 0.7. */
	private static InputRange range() {
		final InputRange r = new InputRange();
		r.quantity = "diffuse reflectance (specular excluded)";
		r.rows = 1000;
		r.q001 = new double[] { 0.1, 0.1 };
		r.q999 = new double[] { 0.5, 0.5 };
		r.min = new double[] { 0.05, 0.05 };
		r.max = new double[] { 0.6, 0.6 };
		return r;
	}

	/** {@code n} spectra of two bands: the first {@code odd} of them {@code (odd0, odd0)}, the others (0.3, 0.3). */
	private static float[] rows(final int n, final int odd, final float odd0) {
		final float[] v = new float[2 * n];
		for (int i = 0; i < n; i++) v[2 * i] = v[2 * i + 1] = i < odd ? odd0 : 0.3f;
		return v;
	}

	@Test
	void theRangeIsWidenedByHalfItsWidthOnEachSide() {
		final UnitsCheck.Verdict v = UnitsCheck.of(range()).addRows(new float[] { 0.69f, -0.09f, 0.71f, 0.3f, 0.3f, -0.11f, 0.3f, 0.3f }, 4)
			.verdict("t", "m", 32, true);
		assertEquals(4, v.checked());
		assertEquals(2, v.outside()); // 0.71 and -0.11 only
		assertEquals(UnitsCheck.Status.WARNING, v.status()); // 50 % is above 5 % (a warning), not above 50 % (a refusal)
	}

	@Test
	void tenPercentOutsideWarnsAndRuns() {
		final UnitsCheck.Verdict v = UnitsCheck.of(range()).addRows(rows(200, 20, 0.9f), 200).verdict("scan.tif", "msi", 32, false);
		assertEquals(UnitsCheck.Status.WARNING, v.status());
		assertEquals(20, v.outside());
		assertEquals("scan.tif: 10.0 % of the 200 pixels to estimate lie outside the training range of model msi (diffuse reflectance " +
			"(specular excluded): 0.100 to 0.500 [0.1-99.9 % of its 1000 training spectra, all bands]; scan.tif: 0.300 to 0.900); estimates there may be " +
			"meaningless (convert it to reflectance if it is not)", v.message());
		final Outputs out = new Outputs();
		v.addTo(out);
		assertEquals(List.of(v.message()), out.warnings());
		assertEquals("warning", out.statistics().get(UnitsCheck.UNITS));
		assertEquals(0.1, (double) out.statistics().get(UnitsCheck.OUTSIDE), 0);
		assertEquals(0.0, (double) out.statistics().get(UnitsCheck.NEGATIVE), 0);
	}

	@Test
	void fivePercentOutsideIsNoWarningAndMostOutsideIsRefused() {
		final UnitsCheck.Verdict fine = UnitsCheck.of(range()).addRows(rows(200, 10, 0.9f), 200).verdict("scan.tif", "msi", 32, false);
		assertEquals(UnitsCheck.Status.OK, fine.status());
		assertNull(fine.message());
		final String m = assertThrows(IllegalArgumentException.class,
			() -> UnitsCheck.of(range()).addRows(rows(200, 101, 0.9f), 200).verdict("scan.tif", "msi", 32, false)).getMessage();
		assertTrue(m.startsWith("scan.tif: 50.5 % of the 200 pixels to estimate lie outside the training range of model msi"), m);
		assertTrue(m.endsWith("Convert it to reflectance, or run with " + UnitsCheck.HOW_TO_ACCEPT), m);
		assertEquals(UnitsCheck.Status.ACCEPTED, UnitsCheck.of(range()).addRows(rows(200, 101, 0.9f), 200).verdict("scan.tif", "msi", 32, true).status());
	}

	@Test
	void negativeSpectraAreRefusedAboveOnePercentThoughInsideTheWidenedRange() {
		// -0.05 lies inside the widened range (-0.1 .. 0.7): only the sign rule sees it
		final String m = assertThrows(IllegalArgumentException.class,
			() -> UnitsCheck.of(range()).addRows(rows(200, 3, -0.05f), 200).verdict("neg.tif", "msi", 32, false)).getMessage();
		assertEquals("neg.tif: 1.5 % of the 200 pixels to estimate have negative values, which the training data of model msi (diffuse reflectance " +
			"(specular excluded)) do not have. Convert it to reflectance, or run with " + UnitsCheck.HOW_TO_ACCEPT, m);
		assertEquals(UnitsCheck.Status.OK, UnitsCheck.of(range()).addRows(rows(200, 2, -0.05f), 200).verdict("neg.tif", "msi", 32, false).status());
		// one dark band below 0 in a spectrum whose sum is positive is noise, not a negative spectrum
		assertEquals(0, UnitsCheck.of(range()).addRows(new float[] { -0.01f, 0.3f }, 1).verdict("t", "m", 32, false).negative());
	}

	@Test
	void negativeValuesAreNoErrorForAModelTrainedOnNegativeValues() {
		final InputRange r = range();
		r.q001 = new double[] { -1, -1 };
		r.min = new double[] { -2, -2 };
		final UnitsCheck.Verdict v = UnitsCheck.of(r).addRows(rows(200, 100, -0.5f), 200).verdict("t", "m", 32, false);
		assertEquals(UnitsCheck.Status.OK, v.status());
		assertEquals(0, v.negative());
	}

	@Test
	void integerImagesIntoAReflectanceModelAreWarnedAbout() {
		final UnitsCheck.Verdict v = UnitsCheck.of(range()).addRows(rows(10, 0, 0), 10).verdict("counts.tif", "msi", 16, false);
		assertEquals(UnitsCheck.Status.WARNING, v.status());
		assertTrue(v.message().contains("the image is 16-bit: integer counts, not reflectance"), v.message());
		final InputRange pressure = range();
		pressure.quantity = "initial pressure p0";
		assertEquals(UnitsCheck.Status.OK, UnitsCheck.of(pressure).addRows(rows(10, 0, 0), 10).verdict("counts.tif", "pai", 16, false).status());
	}

	@Test
	void spectraAreComparedAfterTheModelsOwnNormalisation() {
		final InputRange r = range();
		r.q999 = new double[] { 0.8, 0.8 }; // accepted: -0.25 .. 1.15
		r.max = new double[] { 0.9, 0.9 };
		final float[] spectra = { 0.3f, 0.6f, 30, 60 }; // the second is the first in other units
		assertEquals(1, UnitsCheck.of(r).addRows(spectra, 2).verdict("t", "m", 32, true).outside());
		r.normalisation = "l2"; // both become (0.447, 0.894)
		assertEquals(0, UnitsCheck.of(r).addRows(spectra, 2).verdict("t", "m", 32, true).outside());
	}

	@Test
	void nonFiniteAndAllZeroSpectraAreNotCheckedAndAModelWithoutARangeIsNoted() {
		final UnitsCheck.Verdict v = UnitsCheck.of(range()).addRows(new float[] { Float.NaN, 0.3f, 0, 0, 0.3f, 0.3f }, 3).verdict("t", "m", 32, false);
		assertEquals(1, v.checked());
		final UnitsCheck.Verdict none = UnitsCheck.of(null).addRows(new float[] { -5, -5 }, 1).verdict("t.tif", "old-model", 8, false);
		assertEquals(UnitsCheck.Status.UNCHECKED, none.status());
		final Outputs out = new Outputs();
		none.addTo(out);
		assertEquals(List.of("model old-model records no training range of its inputs ('inputs.range' in its card): the units of t.tif were not checked"),
			out.notes());
		assertEquals(List.of(), out.warnings());
		assertEquals("unchecked", out.statistics().get(UnitsCheck.UNITS));
	}

	@Test
	void anImageIsCheckedPixelByPixelWhereTheFilterLetsIt() {
		// 4 x 2 pixels, 2 channels, 2 frames: pixel (3, 1) of frame 1 is far outside
		final float[] px = new float[4 * 2 * 2 * 2];
		java.util.Arrays.fill(px, 0.3f);
		final int x = 3, y = 1, frame = 1;
		for (int c = 0; c < 2; c++) px[((frame * 2 + c) * 2 + y) * 4 + x] = 9;
		final SpectralImage image = new SpectralImage("img", ArrayImgs.floats(px, 4, 2, 2, 2), null, null);
		assertEquals(1, UnitsCheck.of(range()).addImage(image, null).verdict("img", "m", 32, true).outside());
		final UnitsCheck.Verdict skipped = UnitsCheck.of(range()).addImage(image, (px0, py, f, v, from) -> !(px0 == 3 && py == 1 && f == 1))
			.verdict("img", "m", 32, false);
		assertEquals(15, skipped.checked());
		assertEquals(0, skipped.outside());
	}

	@Test
	void theRangeOfRowsIsTheirQuantilesAfterNormalisation() {
		final float[] v = new float[2 * 1001];
		for (int i = 0; i <= 1000; i++) {
			v[2 * i] = i; // 0 .. 1000
			v[2 * i + 1] = -i;
		}
		final InputRange r = InputRange.of(v, 2, Normalisation.NONE, null);
		assertEquals(1001, r.rows);
		assertEquals(1, r.q001[0], 0); // rank round(0.001 * 1000) = 1
		assertEquals(999, r.q999[0], 0);
		assertEquals(0, r.min[0], 0);
		assertEquals(1000, r.max[0], 0);
		assertEquals(-999, r.q001[1], 0);
		assertEquals(false, r.isNonNegative());
		r.validate("test", 2);
		assertThrows(IllegalArgumentException.class, () -> r.validate("test", 3));
		final InputRange l1 = InputRange.of(new float[] { 1, 3, 2, 2 }, 2, Normalisation.L1, "x");
		assertEquals(0.25, l1.min[0], 1e-7);
		assertEquals(0.75, l1.max[1], 1e-7);
		assertEquals("l1", l1.normalisation);
	}
}
