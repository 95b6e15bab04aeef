package org.innsight.batch.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.innsight.batch.Step;
import org.innsight.batch.StepContext;
import org.innsight.batch.StepOptions;
import org.innsight.batch.StepResult;
import org.innsight.batch.DeviceLock;
import org.innsight.engine.Device;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

/** The plain steps against values worked out by hand. */
class StepsTest {

	private final StepContext context = new StepContext(null, "x.tif", Device.CPU, DeviceLock.withSlots("cpu", 1));

	/** A stack with one row per plane: plane k holds {@code planes[k]}. */
	private static ImagePlus image(final float[]... planes) {
		final ImageStack stack = new ImageStack(planes[0].length, 1);
		for (int k = 0; k < planes.length; k++)
			stack.addSlice((500 + 10 * k) + "nm", new FloatProcessor(planes[k].length, 1, planes[k].clone()));
		final ImagePlus imp = new ImagePlus("t", stack);
		imp.setProp("wavelengths", "500,510");
		return imp;
	}

	private static <C> StepResult run(final Step<C> step, final String options, final ImagePlus imp, final StepContext context) throws Exception {
		final JsonObject json = JsonParser.parseString(options).getAsJsonObject();
		return step.run(imp, step.configure(new StepOptions(step.name(), json, null)), context);
	}

	private static float[] plane(final ImagePlus imp, final int z) {
		final float[] out = new float[imp.getWidth()];
		for (int i = 0; i < out.length; i++)
			out[i] = imp.getStack().getProcessor(z).getf(i);
		return out;
	}

	@Test
	void minmaxMapsTheScanOntoZeroToOneAndKeepsNaNAndLabels() throws Exception {
		final ImagePlus out = run(new NormaliseStep(), "{\"method\": \"minmax\"}", image(new float[] { 2, 4, Float.NaN }, new float[] { 6, 3, 5 }), context)
			.images().get("normalised");
		assertArrayEquals(new float[] { 0, 0.5f, Float.NaN }, plane(out, 1));
		assertArrayEquals(new float[] { 1, 0.25f, 0.75f }, plane(out, 2));
		assertEquals("510nm", out.getStack().getSliceLabel(2));
		assertEquals("500,510", out.getProp("wavelengths"));
	}

	@Test
	void zscoreAndPercentileAndPerBand() throws Exception {
		// values 1..5: mean 3, sample std sqrt(2.5)
		final ImagePlus z = run(new NormaliseStep(), "{\"method\": \"zscore\"}", image(new float[] { 1, 2, 3, 4, 5 }), context).images().get("normalised");
		final double s = Math.sqrt(2.5);
		assertArrayEquals(new float[] { (float) (-2 / s), (float) (-1 / s), 0, (float) (1 / s), (float) (2 / s) }, plane(z, 1), 1e-6f);
		// percentile 25..75 of 1..5 is 2..4; clip keeps [0, 1]
		final ImagePlus p = run(new NormaliseStep(), "{\"low\": 25, \"high\": 75, \"clip\": true}", image(new float[] { 1, 2, 3, 4, 5 }), context)
			.images().get("normalised");
		assertArrayEquals(new float[] { 0, 0, 0.5f, 1, 1 }, plane(p, 1));
		final ImagePlus b = run(new NormaliseStep(), "{\"method\": \"minmax\", \"perBand\": true}",
			image(new float[] { 0, 10 }, new float[] { 100, 300 }), context).images().get("normalised");
		assertArrayEquals(new float[] { 0, 1 }, plane(b, 1));
		assertArrayEquals(new float[] { 0, 1 }, plane(b, 2));
	}

	@Test
	void aConstantScanNormalisesToZeroWithAWarning() throws Exception {
		final StepContext c = new StepContext(null, "x.tif", Device.CPU, DeviceLock.withSlots("cpu", 1));
		final ImagePlus out = run(new NormaliseStep(), "{\"method\": \"minmax\"}", image(new float[] { 7, 7 }), c).images().get("normalised");
		assertArrayEquals(new float[] { 0, 0 }, plane(out, 1));
		assertEquals(1, c.warnings().size());
		assertThrows(IllegalArgumentException.class, () -> run(new NormaliseStep(), "{}", image(new float[] { Float.NaN }), c));
	}

	@Test
	void statisticsOfOneToHundred() throws Exception {
		final float[] v = new float[100];
		for (int i = 0; i < 100; i++)
			v[i] = 100 - i;
		final float[] withNaN = java.util.Arrays.copyOf(v, 125);
		java.util.Arrays.fill(withNaN, 100, 125, Float.NaN);
		final Map<String, Object> s = run(new StatisticsStep(), "{\"percentiles\": [1, 2.5, 99]}", image(withNaN), context).statistics();
		assertEquals(1.0, (double) s.get("min"), 0);
		assertEquals(100.0, (double) s.get("max"), 0);
		assertEquals(50.5, (double) s.get("mean"), 1e-12);
		assertEquals(29.011491975882016, (double) s.get("std"), 1e-9); // sample std of 1..100
		assertEquals(50.5, (double) s.get("median"), 1e-12);
		assertEquals(1.99, (double) s.get("p1"), 1e-9); // position 0.99 between 1 and 2
		assertEquals(3.475, (double) s.get("p2_5"), 1e-9);
		assertEquals(99.01, (double) s.get("p99"), 1e-9);
		assertEquals(0.2, (double) s.get("non_finite_fraction"), 1e-12);
		assertEquals(List.of("width", "height", "bands", "min", "max", "mean", "std", "median", "p1", "p2_5", "p99", "non_finite_fraction"),
			List.copyOf(s.keySet()));
	}

	@Test
	void convertScalesTheFiniteRangeOrClamps() throws Exception {
		final ImagePlus in = image(new float[] { 0, 50, 100, Float.NaN }, new float[] { 25, 75, -5, 300 });
		final ImagePlus scaled = run(new ConvertStep(), "{\"bitDepth\": 8}", in, context).images().get("converted");
		assertEquals(8, scaled.getBitDepth());
		// finite range -5..300 onto 0..255
		assertArrayEquals(new float[] { 4, 46, 88, 0 }, plane(scaled, 1));
		assertArrayEquals(new float[] { 25, 67, 0, 255 }, plane(scaled, 2));
		final ImagePlus clamped = run(new ConvertStep(), "{\"bitDepth\": 16, \"scale\": false}", in, context).images().get("converted");
		assertArrayEquals(new float[] { 25, 75, 0, 300 }, plane(clamped, 2));
		assertEquals("510nm", clamped.getStack().getSliceLabel(2));
		final ImagePlus second = run(new ConvertStep(), "{\"plane\": 2}", in, context).images().get("converted");
		assertEquals(1, second.getStackSize());
		assertArrayEquals(new float[] { 25, 75, -5, 300 }, plane(second, 1));
		assertEquals("510nm", second.getStack().getSliceLabel(1));
	}

	@Test
	void convertRefusesWhatItCannotWrite() {
		final ImagePlus in = image(new float[] { 1, 2 }, new float[] { 3, 4 });
		assertTrue(assertThrows(IllegalArgumentException.class, () -> run(new ConvertStep(), "{\"format\": \"png\"}", in, context)).getMessage()
			.startsWith("png holds one plane, the image has 2"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> run(new ConvertStep(), "{\"plane\": 3}", in, context)).getMessage()
			.startsWith("plane 3 asked for, the image has 2"));
	}

	@Test
	void checkNamesWhatIsWrong() throws Exception {
		final ImagePlus two = image(new float[] { 1, Float.NaN, 3, 4 }, new float[] { 1, 2, 3, 4 });
		assertEquals("expected 3 bands, found 2 (4 x 1, z=2)",
			assertThrows(IllegalArgumentException.class, () -> run(new CheckStep(), "{\"bands\": 3}", two, context)).getMessage());
		assertEquals("expected 2 dimensions, found 3 (4 x 1, z=2)",
			assertThrows(IllegalArgumentException.class, () -> run(new CheckStep(), "{\"dimensions\": 2}", two, context)).getMessage());
		assertEquals("expected 16-bit pixels, found 32-bit",
			assertThrows(IllegalArgumentException.class, () -> run(new CheckStep(), "{\"bitDepth\": 16}", two, context)).getMessage());
		assertEquals("12.5% of pixels are NaN or infinite (allowed: 10.0%)",
			assertThrows(IllegalArgumentException.class, () -> run(new CheckStep(), "{\"maxNonFinite\": 0.1}", two, context)).getMessage());
		final StepContext c = new StepContext(null, "x.tif", Device.CPU, DeviceLock.withSlots("cpu", 1));
		assertTrue(run(new CheckStep(), "{\"bands\": 2, \"dimensions\": 3, \"width\": 4, \"minSize\": 1}", two, c).images().isEmpty());
		assertEquals(List.of("12.50% of pixels are NaN or infinite"), c.warnings());
	}
}
