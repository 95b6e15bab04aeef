package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.VolumeImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;

import org.scijava.command.CommandService;

import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.gui.Line;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.process.FloatProcessor;

/** DALSA's Fiji commands run headless, learn from named ROIs and show their results under predictable titles. */
class DalsaCommandsTest {

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

	/** Two channels, 32 x 32 x 8: channel 1 is bright (10) left of x = 16 and dark (0) right of it, plus noise. */
	private static ImagePlus scan() {
		final Random random = new Random(2);
		final ImageStack stack = new ImageStack(32, 32);
		for (int z = 0; z < 8; z++)
			for (int c = 0; c < 2; c++) {
				final float[] p = new float[32 * 32];
				for (int i = 0; i < p.length; i++) p[i] = (c == 0 && i % 32 < 16 ? 10 : 1) + (float) random.nextGaussian();
				stack.addSlice(c == 0 ? "T1" : "FLAIR", new FloatProcessor(32, 32, p));
			}
		final ImagePlus imp = new ImagePlus("brain.tif", stack);
		imp.setDimensions(2, 8, 1);
		imp.setOpenAsHyperStack(true);
		imp.getCalibration().pixelWidth = imp.getCalibration().pixelHeight = 1;
		imp.getCalibration().pixelDepth = 2;
		imp.getCalibration().setUnit("mm");
		return imp;
	}

	private static Roi line(final String name, final int x1, final int y1, final int x2, final int y2, final int z) {
		final Roi roi = new Line(x1, y1, x2, y2);
		roi.setName(name);
		roi.setPosition(0, z, 0);
		return roi;
	}

	@Test
	void namedRoisBecomeClassesOnTheirSlices() {
		final ImagePlus scan = scan();
		final RoiAnnotations.Annotations a = RoiAnnotations.of(scan, List.of(line("tumour", 2, 5, 12, 5, 3), line("healthy", 20, 9, 29, 9, 5),
			line("tumour", 4, 20, 4, 28, 6)));
		assertEquals(Map.of(1, "tumour", 2, "healthy"), a.classNames());
		assertEquals(1, a.labels().get(7, 5, 2));
		assertEquals(0, a.labels().get(7, 5, 3));
		assertEquals(2, a.labels().get(25, 9, 4));
		assertEquals(1, a.labels().get(4, 24, 5));
		long annotated = 0;
		for (int i = 0; i < a.labels().size(); i++) if (a.labels().get(i) != 0) annotated++;
		assertEquals(10 + 9 + 8, annotated); // ImageJ rasterises a line of length L as L pixels
		final Roi unnamed = new Line(1, 1, 5, 5);
		assertTrue(assertThrows(IllegalArgumentException.class, () -> RoiAnnotations.of(scan, List.of(unnamed))).getMessage().contains("class name"));
	}

	@Test
	void segmentationFromOverlayRoisThenApplyingTheSavedClassifier(@TempDir final Path dir) throws Exception {
		final ImagePlus scan = scan();
		final Overlay overlay = new Overlay();
		overlay.add(line("bright", 2, 5, 12, 5, 3));
		overlay.add(line("bright", 3, 20, 12, 26, 6));
		overlay.add(line("dark", 20, 9, 29, 9, 5));
		overlay.add(line("dark", 22, 25, 29, 18, 2));
		scan.setOverlay(overlay);
		final Path model = dir.resolve("brain.dalsa");
		final org.scijava.module.Module m = context.service(org.scijava.module.ModuleService.class).run(context.service(CommandService.class).getCommand(DalsaSegmentationCommand.class), true, "scan", scan, "annotations",
			DalsaSegmentationCommand.ROIS, "trees", 15, "sigmas", "1,2", "classifier_file", model.toFile(), "probability_maps", true, "weight_map", true).get();
		assertEquals(false, ((org.scijava.Cancelable) m).isCanceled(), ((org.scijava.Cancelable) m).getCancelReason());
		final ImagePlus labels = WindowManager.getImage("brain_dalsa_labels");
		assertNotNull(labels);
		assertNotNull(WindowManager.getImage("brain_dalsa_weights"));
		assertEquals(2, WindowManager.getImage("brain_dalsa_probabilities").getNChannels());
		final LabelVolume l = VolumeImages.labels(labels, "labels");
		int right = 0;
		for (int z = 0; z < 8; z++)
			for (int y = 0; y < 32; y++)
				for (int x = 0; x < 32; x++) if (l.get(x, y, z) == (x < 16 ? 1 : 2)) right++;
		assertTrue(right > 0.97 * 32 * 32 * 8, right + " voxels right");
		labels.close();

		final org.scijava.module.Module a = context.service(org.scijava.module.ModuleService.class).run(context.service(CommandService.class).getCommand(ApplyDalsaClassifierCommand.class), true, "scan", scan, "classifier_file",
			model.toString(), "probability_maps", false).get();
		assertEquals(false, ((org.scijava.Cancelable) a).isCanceled(), ((org.scijava.Cancelable) a).getCancelReason());
		assertArrayEquals(l.labels, VolumeImages.labels(WindowManager.getImage("brain_dalsa_labels"), "applied").labels);
	}

	/** A label image on the grid of {@link #scan()}: class 1 on a stroke in the bright half, class 2 in the dark half. */
	private static ImagePlus strokes(final String title, final int z) {
		final ImageStack stack = new ImageStack(32, 32);
		for (int k = 0; k < 8; k++) {
			final byte[] p = new byte[32 * 32];
			if (k == z || k == z + 1)
				for (int i = 4; i < 12; i++) {
					p[i + 32 * 10] = 1;
					p[i + 16 + 32 * 20] = 2;
				}
			stack.addSlice(null, new ij.process.ByteProcessor(32, 32, p));
		}
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setCalibration(scan().getCalibration());
		return imp;
	}

	@Test
	void oneClassifierFromSeveralOpenScansAsFromTheirFolder(@TempDir final Path dir) throws Exception {
		final ImagePlus a = scan(), b = scan();
		a.setTitle("a.tif");
		b.setTitle("b.tif");
		final ImagePlus la = strokes("a_labels", 2), lb = strokes("b_labels", 5);
		for (final ImagePlus imp : new ImagePlus[] { a, b, la, lb }) ResultImages.show(imp, imp.getTitle());
		final Path fromImages = dir.resolve("open.dalsa");
		final org.scijava.module.Module m = context.service(org.scijava.module.ModuleService.class).run(context.service(CommandService.class).getCommand(TrainDalsaClassifierCommand.class), true, "source", TrainDalsaClassifierCommand.OPEN,
			"scans", "a.tif, b.tif", "label_images", "a_labels,b_labels", "modalities", "T1,FLAIR", "trees", 10, "sigmas", "1,2", "classifier_file",
			fromImages.toFile()).get();
		assertEquals(false, ((org.scijava.Cancelable) m).isCanceled(), ((org.scijava.Cancelable) m).getCancelReason());
		final org.innsight.dalsa.DalsaClassifier c = org.innsight.dalsa.io.ClassifierFile.load(fromImages);
		assertEquals(List.of("T1", "FLAIR"), c.modalities());
		assertEquals("2", c.provenance().get("trainingScans"));
		assertEquals(String.valueOf(2 * 2 * 2 * 8), c.provenance().get("annotatedVoxels"), "two scans x two slices x two strokes of 8 voxels");
		// The same scans as files in case folders: the same classifier, byte for byte.
		for (final String name : new String[] { "a", "b" }) {
			final Path caseDir = dir.resolve("cases").resolve(name);
			java.nio.file.Files.createDirectories(caseDir);
			final ImagePlus scan = name.equals("a") ? a : b;
			for (int ch = 1; ch <= 2; ch++) {
				final ImageStack one = new ImageStack(32, 32);
				for (int z = 1; z <= 8; z++) one.addSlice(null, scan.getStack().getProcessor(scan.getStackIndex(ch, z, 1)));
				final ImagePlus imp = new ImagePlus(name, one);
				imp.setCalibration(scan.getCalibration());
				org.innsight.io.ImageFiles.save(imp, caseDir.resolve(name + "_" + (ch == 1 ? "T1" : "FLAIR") + ".tif"), List.of());
			}
			org.innsight.io.ImageFiles.save(name.equals("a") ? la : lb, caseDir.resolve(name + "_scribbles.tif"), List.of());
		}
		final Path fromFolder = dir.resolve("folder.dalsa");
		final org.scijava.module.Module f = context.service(org.scijava.module.ModuleService.class).run(context.service(CommandService.class).getCommand(TrainDalsaClassifierCommand.class), true, "source", TrainDalsaClassifierCommand.FOLDER,
			"folder", dir.resolve("cases").toFile(), "modalities", "T1,FLAIR", "trees", 10, "sigmas", "1,2", "classifier_file", fromFolder.toFile()).get();
		assertEquals(false, ((org.scijava.Cancelable) f).isCanceled(), ((org.scijava.Cancelable) f).getCancelReason());
		assertArrayEquals(java.nio.file.Files.readAllBytes(fromImages), java.nio.file.Files.readAllBytes(fromFolder));
	}
}
