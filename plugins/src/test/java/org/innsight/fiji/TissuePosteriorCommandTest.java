package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.innsight.posterior.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;

import org.scijava.command.CommandService;

import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

/** The posterior commands run headless through SciJava and show their results under predictable titles. */
class TissuePosteriorCommandTest {

	@TempDir
	static Path dir;
	private static Context context;
	private static Path model;

	@BeforeAll
	static void setUp() throws Exception {
		context = new Context(CommandService.class);
		model = TestModels.randomModel(dir.resolve("model"), "none", "posterior-cinn");
	}

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	@AfterEach
	void closeImages() {
		final int[] ids = WindowManager.getIDList();
		if (ids != null) for (final int id : ids) WindowManager.getImage(id).close();
	}

	/** 6 x 5 pixels, 16-bit, 3 channels 500/600/700 nm; pixel (5, 4) saturated in channel 2. */
	private static ImagePlus image() {
		final ImageStack stack = new ImageStack(6, 5);
		for (int c = 0; c < 3; c++) {
			final ShortProcessor sp = new ShortProcessor(6, 5);
			for (int y = 0; y < 5; y++) for (int x = 0; x < 6; x++) sp.set(x, y, 1000 + 100 * x + 50 * y + 300 * c);
			if (c == 2) sp.set(5, 4, 65535);
			stack.addSlice((500 + 100 * c) + "nm", sp);
		}
		final ImagePlus imp = new ImagePlus("scan.tif", stack);
		imp.setDimensions(3, 1, 1);
		return imp;
	}

	private static org.scijava.module.Module run(final Class<? extends org.scijava.command.Command> command, final Object... inputs) throws Exception {
		final org.scijava.module.Module m = context.service(org.scijava.module.ModuleService.class).run(context.service(CommandService.class).getCommand(command), true, inputs).get();
		assertEquals(false, ((org.scijava.Cancelable) m).isCanceled(), ((org.scijava.Cancelable) m).getCancelReason());
		return m;
	}

	@Test
	void mapsAreShownPerParameterAndStatisticWithUnitsAndLuts() throws Exception {
		final ImagePlus img = image();
		img.setRoi(new Roi(0, 0, 6, 4)); // the last row outside the selection
		run(TissuePosteriorCommand.class, "image", img, "model", model.toString(), "samples", 20, "device", "cpu", "sample_stack", true, "use_selection", true);
		for (final String p : List.of("sO2", "depth"))
			for (final String s : List.of("median", "mean", "IQR", "modes")) assertNotNull(WindowManager.getImage("scan_" + p + "_" + s), p + "_" + s);
		final ImagePlus depth = WindowManager.getImage("scan_depth_median");
		assertEquals("m", depth.getCalibration().getValueUnit());
		assertEquals("depth", depth.getProp("parameter"));
		final ImagePlus sO2 = WindowManager.getImage("scan_sO2_median");
		assertEquals(0, sO2.getDisplayRangeMin(), 0);
		assertEquals(1, sO2.getDisplayRangeMax(), 0);
		assertTrue(Float.isNaN(sO2.getProcessor().getf(2, 4)), "outside the selection");
		assertTrue(Float.isFinite(sO2.getProcessor().getf(2, 3)));
		final ImagePlus samples = WindowManager.getImage("scan_sO2_samples");
		assertEquals(20, samples.getStackSize());
	}

	@Test
	void aMaskImageAndSaturationOf16BitImagesSkipPixels() throws Exception {
		final ImagePlus img = image();
		final ByteProcessor bp = new ByteProcessor(6, 5);
		bp.setValue(255);
		bp.fill();
		bp.set(0, 0, 0);
		final ImagePlus mask = new ImagePlus("mask", bp);
		ResultImages.show(mask, "mask");
		final ByteProcessor ood = new ByteProcessor(6, 5);
		ood.set(3, 3, 1);
		ResultImages.show(new ImagePlus("ood", ood), "ood");
		run(TissuePosteriorCommand.class, "image", img, "model", model.toString(), "samples", 10, "device", "cpu", "mask", "mask", "exclude", "ood");
		final ImagePlus median = WindowManager.getImage("scan_sO2_median");
		assertTrue(Float.isNaN(median.getProcessor().getf(3, 3)), "excluded by the flags");
		assertTrue(Float.isNaN(median.getProcessor().getf(0, 0)), "masked");
		assertTrue(Float.isNaN(median.getProcessor().getf(5, 4)), "saturated at 65535");
		assertTrue(Float.isFinite(median.getProcessor().getf(1, 0)));
	}

	@Test
	void theInspectorPlotsEachParameterOfAPixel() throws Exception {
		final ImagePlus img = image();
		run(PosteriorInspectorCommand.class, "image", img, "model", model.toString(), "x", 2, "y", 3, "samples", 200, "device", "cpu");
		final ImagePlus plot = WindowManager.getImage("scan_sO2_posterior");
		assertNotNull(plot);
		assertTrue(plot.getWidth() > 300);
		assertNotNull(WindowManager.getImage("scan_depth_posterior"));
	}
}
