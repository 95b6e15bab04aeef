package org.innsight.mws;

import org.innsight.image.DerivedImages;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;

import org.innsight.fiji.MutexWatershedCommand;
import org.innsight.fiji.ResultImages;
import org.innsight.macro.MacroResult;
import org.innsight.macro.Macros;
import org.innsight.macro.RunsMacros;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;

import org.scijava.command.CommandService;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.process.FloatProcessor;
import ij.process.LUT;

/** {@code Plugins > InnSight > Mutex Watershed} through SciJava, and macros/mws.ijm through the macro bridge. */
@RunsMacros("mws.ijm")
class MutexWatershedCommandTest {

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
		if (ids != null) for (final int id : ids) WindowManager.getImage(id).close();
	}

	private static ImagePlus run(final ImagePlus input, final Object... keysAndValues) throws Exception {
		final Object[] args = new Object[keysAndValues.length + 2];
		args[0] = "image";
		args[1] = input;
		System.arraycopy(keysAndValues, 0, args, 2, keysAndValues.length);
		final org.scijava.module.Module module = context.service(org.scijava.module.ModuleService.class).run(context.service(CommandService.class).getCommand(MutexWatershedCommand.class), true, args).get();
		assertEquals(false, ((org.scijava.Cancelable) module).isCanceled(), ((org.scijava.Cancelable) module).getCancelReason());
		final ImagePlus result = WindowManager.getImage(DerivedImages.title(input, MutexWatershedCommand.SUFFIX));
		assertNotNull(result, "result image not shown");
		return result;
	}

	private static int[] labels(final ImagePlus imp) {
		return MwsImages.seeds(imp, MwsImages.pixels(imp).dims);
	}

	@Test
	void anAffinityHyperstackGivesTheSameLabelsAsTheAlgorithm() throws Exception {
		final SplittableRandom rng = new SplittableRandom(4);
		final int w = 30, h = 20;
		final int[][] offsets = { { -1, 0 }, { 0, -1 }, { -4, 0 }, { 0, -4 }, { 3, -3 } };
		final ImageStack stack = new ImageStack(w, h);
		final float[] all = new float[offsets.length * w * h];
		for (int c = 0; c < offsets.length; c++) {
			final float[] v = new float[w * h];
			for (int i = 0; i < v.length; i++) all[c * w * h + i] = v[i] = rng.nextInt(10) / 9f;
			stack.addSlice(new FloatProcessor(w, h, v));
		}
		final ImagePlus imp = new ImagePlus("aff.tif", stack);
		imp.setDimensions(offsets.length, 1, 1);
		imp.setOpenAsHyperStack(true);
		final ImagePlus result = run(imp, "source", "affinities", "offsets", Offsets.format(offsets), "attractive", 2, "strides", "2,1",
			"min_size", 3, "meaning", "same-object", "randomize", false, "sigma", 0.0);
		assertEquals("aff_mws", result.getTitle());
		final int[] expected = MutexWatershed.segment(Affinities.ofXyz(all, new int[] { w, h }, offsets),
			new MwsOptions().attractive(2).strides(2, 1).minSize(3));
		assertArrayEquals(expected, labels(result));
		final LUT lut = result.getProcessor().getLut();
		assertEquals(0, lut.getRGB(0) & 0xFFFFFF);
		assertNotEquals(lut.getRGB(1), lut.getRGB(2));
	}

	@Test
	void a3dBoundaryMapStackIsSplitAtItsMembranePlane() throws Exception {
		final int w = 24, h = 12, d = 8;
		final ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < d; z++) {
			final float[] v = new float[w * h];
			for (int y = 0; y < h; y++) v[y * w + 12] = 1; // membrane plane x = 12
			stack.addSlice(new FloatProcessor(w, h, v));
		}
		final ImagePlus imp = new ImagePlus("volume", stack);
		imp.setDimensions(1, d, 1);
		final ImagePlus result = run(imp, "source", "boundary map", "min_size", 10, "attractive", 0, "strides", "1", "meaning", "same-object",
			"randomize", false, "sigma", 0.0);
		assertEquals(d, result.getNSlices());
		final int[] l = labels(result);
		final Set<Integer> left = new HashSet<>(), right = new HashSet<>();
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					if (x < 11) left.add(l[(z * h + y) * w + x]);
					if (x > 13) right.add(l[(z * h + y) * w + x]);
				}
		assertEquals(1, left.size());
		assertEquals(1, right.size());
		assertNotEquals(left, right);
	}

	@Test
	void maskAndSeedImagesAreFoundByTitle() throws Exception {
		final int w = 10, h = 6;
		final float[] boundary = new float[w * h];
		final ImagePlus map = new ImagePlus("map", new FloatProcessor(w, h, boundary));
		final float[] m = new float[w * h], s = new float[w * h];
		for (int i = 0; i < m.length; i++) m[i] = i % w < 8 ? 1 : 0;
		s[0] = 4;
		final ImagePlus mask = new ImagePlus("fg", new FloatProcessor(w, h, m));
		final ImagePlus seeds = new ImagePlus("sd", new FloatProcessor(w, h, s));
		ResultImages.show(mask, "fg");
		ResultImages.show(seeds, "sd");
		final int[] l = labels(run(map, "source", "boundary map", "mask", "fg", "seeds", "sd", "min_size", 0, "attractive", 0, "strides", "1",
			"meaning", "same-object", "randomize", false, "sigma", 0.0));
		for (int i = 0; i < l.length; i++) assertEquals(i % w < 8 ? 4 : 0, l[i], "pixel " + i);
	}

	@Test
	void anUnknownMaskTitleIsAClearError() {
		final ImagePlus map = new ImagePlus("map", new FloatProcessor(4, 4));
		final ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
			() -> context.service(org.scijava.module.ModuleService.class).run(context.service(CommandService.class).getCommand(MutexWatershedCommand.class), true, "image", map, "source", "boundary map", "mask", "nope").get());
		Throwable cause = e;
		while (cause.getCause() != null) cause = cause.getCause();
		assertTrue(cause instanceof IllegalArgumentException && cause.getMessage().contains("no open image is titled 'nope'"), String.valueOf(cause));
	}

	@Test
	void theMacroSegmentsEachCellInteriorAsOneSegment(@TempDir final Path out) throws Exception {
		try (MacroResult result = Macros.run("mws.ijm", out.toString())) {
			assertTrue(result.log().contains("segments: "), result.log());
		}
		final ImagePlus saved = IJ.openImage(out.resolve("cells_mws.tif").toString());
		assertEquals(64, saved.getWidth());
		final int[] l = labels(saved);
		final Set<Integer> interiors = new HashSet<>();
		for (int cy = 0; cy < 4; cy++)
			for (int cx = 0; cx < 4; cx++) {
				final int label = l[(cy * 16 + 1) * 64 + cx * 16 + 1];
				for (int y = cy * 16 + 1; y < cy * 16 + 16; y++)
					for (int x = cx * 16 + 1; x < cx * 16 + 16; x++) assertEquals(label, l[y * 64 + x], "cell " + cx + "," + cy + " at " + x + "," + y);
				interiors.add(label);
			}
		assertEquals(16, interiors.size());
	}
}
