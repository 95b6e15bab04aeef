package org.innsight.fiji;

import org.innsight.image.DerivedImages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.app.StatusService;

import org.scijava.command.CommandService;

import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

/** The command runs headless through SciJava's CommandService, and shows its result under a predictable title. */
class SpectralNormaliseCommandTest {

	private static Context context;

	@BeforeAll
	static void createContext() {
		context = new Context(CommandService.class, StatusService.class);
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	@AfterEach
	void closeImages() {
		final int[] ids = WindowManager.getIDList();
		if (ids != null) for (final int id : ids)
			WindowManager.getImage(id).close();
	}

	private static ImagePlus run(final ImagePlus input, final String norm) throws Exception {
		final org.scijava.module.Module module = context.service(org.scijava.module.ModuleService.class).run(context.service(CommandService.class).getCommand(SpectralNormaliseCommand.class), true,
			"image", input, "norm", norm).get();
		assertEquals(false, ((org.scijava.Cancelable) module).isCanceled(), ((org.scijava.Cancelable) module).getCancelReason());
		final ImagePlus result = WindowManager.getImage(DerivedImages.title(input, "normalised"));
		assertNotNull(result, "result image not shown");
		return result;
	}

	/** Channels (3, 4) and (1, 0) at the two pixels of a 2x1 image with 2 channels. */
	private static ImagePlus twoChannels(final String title) {
		final ImageStack stack = new ImageStack(2, 1);
		stack.addSlice("520nm", new FloatProcessor(2, 1, new float[] { 3, 1 }));
		stack.addSlice("560nm", new FloatProcessor(2, 1, new float[] { 4, 0 }));
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(2, 1, 1);
		return imp;
	}

	@Test
	void l2ResultIsShownUnderThePredictableTitleAndTheInputIsUnchanged() throws Exception {
		final ImagePlus input = twoChannels("scan.tif");
		final ImagePlus result = run(input, "L2");
		assertEquals("scan_normalised", result.getTitle());
		assertSame(result, WindowManager.getCurrentImage());
		assertEquals(0.6f, result.getStack().getProcessor(1).getf(0, 0), 1e-7);
		assertEquals(0.8f, result.getStack().getProcessor(2).getf(0, 0), 1e-7);
		assertEquals(1f, result.getStack().getProcessor(1).getf(1, 0), 1e-7);
		assertEquals(0f, result.getStack().getProcessor(2).getf(1, 0), 1e-7);
		assertEquals("560nm", result.getStack().getSliceLabel(2));
		assertEquals(2, result.getNChannels());
		assertEquals(3f, input.getStack().getProcessor(1).getf(0, 0));
	}

	@Test
	void aSixteenBitZStackOfBandsIsNormalisedOverItsSlices() throws Exception {
		final ImageStack stack = new ImageStack(1, 1);
		stack.addSlice("600nm", new ShortProcessor(1, 1, new short[] { 1 }, null));
		stack.addSlice("650nm", new ShortProcessor(1, 1, new short[] { 3 }, null));
		final ImagePlus result = run(new ImagePlus("bands", stack), "L1");
		assertEquals(32, result.getBitDepth());
		assertEquals(0.25f, result.getStack().getProcessor(1).getf(0, 0), 1e-7);
		assertEquals(0.75f, result.getStack().getProcessor(2).getf(0, 0), 1e-7);
	}

	@Test
	void aTimeSeriesIsNormalisedOverChannelsAtEachTimePoint() throws Exception {
		final ImageStack stack = new ImageStack(1, 1);
		for (final float v : new float[] { 3, 4, 5, 12 }) // c1t1, c2t1, c1t2, c2t2
			stack.addSlice(new FloatProcessor(1, 1, new float[] { v }));
		final ImagePlus input = new ImagePlus("hyper", stack);
		input.setDimensions(2, 1, 2);
		input.setOpenAsHyperStack(true);
		final ImagePlus result = run(input, "L2");
		final float[] got = new float[4];
		for (int i = 0; i < 4; i++)
			got[i] = result.getStack().getProcessor(i + 1).getf(0, 0);
		org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] { 0.6f, 0.8f, 5f / 13, 12f / 13 }, got, 1e-6f);
	}
}
