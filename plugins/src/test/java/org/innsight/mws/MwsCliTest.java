package org.innsight.mws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.innsight.cli.CliRun;
import org.innsight.cli.InnSightCli;
import org.innsight.engine.Device;
import org.innsight.io.ImageFiles;
import org.innsight.io.TiffFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

/** {@code innsight mws} end to end on the committed sample and the fixtures. */
class MwsCliTest {

	@TempDir
	Path dir;

	static Path sample(final String file) {
		return Paths.get(System.getProperty("innsight.repo", "..")).resolve("sample-data/mws").resolve(file).normalize();
	}

	private static int[] read(final Path file) throws IOException {
		return MwsImages.seeds(ImageFiles.open(file), new int[] { MwsSample.SIZE, MwsSample.SIZE });
	}

	/** For each true cell, the intersection over union with the segment that covers most of it. */
	static double[] bestIou(final int[] truth, final int[] labels) {
		final Map<Long, Integer> overlap = new HashMap<>();
		final Map<Integer, Integer> truthSize = new HashMap<>(), labelSize = new HashMap<>();
		for (int i = 0; i < truth.length; i++) {
			overlap.merge((long) truth[i] << 32 | labels[i], 1, Integer::sum);
			truthSize.merge(truth[i], 1, Integer::sum);
			labelSize.merge(labels[i], 1, Integer::sum);
		}
		final double[] best = new double[truthSize.size() + 1];
		for (final Map.Entry<Long, Integer> e : overlap.entrySet()) {
			final int t = (int) (e.getKey() >>> 32), l = (int) (long) e.getKey();
			final double iou = e.getValue() / (double) (truthSize.get(t) + labelSize.get(l) - e.getValue());
			best[t] = Math.max(best[t], iou);
		}
		return java.util.Arrays.copyOfRange(best, 1, best.length);
	}

	@Test
	void theCommittedSampleIsWhatTheReadmeCommandMakes() throws IOException {
		assertEquals(0, InnSightCli.run("mws", "sample", "--seed", "7", "--out", dir.toString()));
		for (final String f : new String[] { "cells.tif", "truth.tif", "affinities.h5" })
			assertArrayEquals(Files.readAllBytes(sample(f)), Files.readAllBytes(dir.resolve(f)), f + " differs from sample-data/mws/" + f);
	}

	@Test
	void offsetsReachingOutsideTheImageAndOptionsOutOfBoundsAreRefusedWithTheBound() {
		final Path out = dir.resolve("never.tif");
		final CliRun far = CliRun.of("mws", "--image", sample("cells.tif").toString(), "--from", "boundary", "--offsets", "[[-1,0],[0,-1],[-100000,0]]",
			"-o", out.toString());
		assertEquals(1, far.exit());
		assertEquals(List.of("innsight mws: error: offsets [-100000,0] (channel 3, in x,y order) reaches outside the 256x256 image: its x component " +
			"must lie between -255 and 255; give offsets shorter than the image"), far.err().lines().toList());
		// typed offsets over an affinity file (numpy order there: dz,dy,dx = dy,dx in 2D)
		final CliRun file = CliRun.of("mws", "--affinities", sample("affinities.h5").toString(), "--offsets", "[[-1,0],[0,-1],[0,-256],[-3,0],[0,-3],[-9,0],[0,-9],[-9,-9]]",
			"-o", out.toString());
		assertEquals(1, file.exit(), file.err());
		assertTrue(file.err().contains("offsets [-256,0] (channel 3, in x,y order) reaches outside the 256x256 image: its x component must lie between -255 and 255"),
			file.err());
		final CliRun sigma = CliRun.of("mws", "--image", sample("cells.tif").toString(), "--from", "gradient", "--sigma", "-2", "-o", out.toString());
		assertEquals(1, sigma.exit());
		assertTrue(sigma.err().contains("sigma must be between 0 and 1000, not -2"), sigma.err());
		final CliRun size = CliRun.of("mws", "--affinities", sample("affinities.h5").toString(), "--min-size", "-1", "-o", out.toString());
		assertEquals(1, size.exit());
		assertTrue(size.err().contains("minSize must be at least 0, not -1"), size.err());
		assertFalse(Files.exists(out));
	}

	@Test
	void offsetsWithinTheImageAreAllowedUpToItsSizeMinusOne() {
		assertNull(Offsets.outside(new int[][] { { -255, 0 }, { 0, 255 } }, new int[] { 256, 256 }));
		assertEquals("[0,0,-5] (channel 2, in x,y,z order) reaches outside the 8x8x5 image: its z component must lie between -4 and 4",
			Offsets.outside(new int[][] { { -1, 0, 0 }, { 0, 0, -5 } }, new int[] { 8, 8, 5 }));
		assertNull(Offsets.outside(new int[][] { { -1, 0, 0 } }, new int[] { 8, 8 }), "another dimensionality is left to the dimension checks");
	}

	@Test
	void theSampleAffinitiesGiveBackEveryCell() throws IOException {
		final Path out = dir.resolve("labels.tif");
		assertEquals(0, InnSightCli.run("mws", "--affinities", sample("affinities.h5").toString(), "-o", out.toString()));
		final int[] labels = read(out), truth = read(sample("truth.tif"));
		final double[] iou = bestIou(truth, labels);
		assertEquals(49, iou.length);
		for (int c = 0; c < iou.length; c++) assertTrue(iou[c] >= 0.99, "cell " + (c + 1) + " IoU " + iou[c]);
		assertEquals(49, java.util.Arrays.stream(labels).max().getAsInt());
	}

	@Test
	void affinitiesFromTheMembraneImageFindEveryCell() throws IOException {
		final Path out = dir.resolve("labels.h5");
		assertEquals(0, InnSightCli.run("mws", "--image", sample("cells.tif").toString(), "--from", "boundary", "--sigma", "1",
			"--min-size", "100", "-o", out.toString()));
		final ImagePlus imp = ImageFiles.open(out);
		final int[] labels = MwsImages.seeds(imp, new int[] { MwsSample.SIZE, MwsSample.SIZE });
		final double[] iou = bestIou(read(sample("truth.tif")), labels);
		for (int c = 0; c < iou.length; c++) assertTrue(iou[c] >= 0.8, "cell " + (c + 1) + " IoU " + iou[c]);
	}

	@Test
	void aTiffHyperstackWithXyzOffsetsEqualsTheHdf5WithNumpyOffsets() throws IOException {
		final Affinities a = AffinityFiles.readHdf5(sample("affinities.h5"), "affinities", null).affinities;
		final int n = a.pixels();
		final ImageStack stack = new ImageStack(MwsSample.SIZE, MwsSample.SIZE);
		for (int c = 0; c < a.channels(); c++)
			stack.addSlice(new FloatProcessor(MwsSample.SIZE, MwsSample.SIZE, java.util.Arrays.copyOfRange(a.values(), c * n, (c + 1) * n)));
		final ImagePlus imp = new ImagePlus("aff", stack);
		imp.setDimensions(a.channels(), 1, 1);
		imp.setOpenAsHyperStack(true);
		final Path tif = dir.resolve("aff.tif");
		TiffFiles.write(imp, tif, List.of());
		final Path fromTif = dir.resolve("a.tif"), fromH5 = dir.resolve("b.tif");
		assertEquals(0, InnSightCli.run("mws", "--affinities", tif.toString(), "--offsets", Offsets.format(a.offsets()), "--attractive", "2",
			"--strides", "2,1", "-o", fromTif.toString()));
		assertEquals(0, InnSightCli.run("mws", "--affinities", sample("affinities.h5").toString(), "--strides", "1,2", "-o", fromH5.toString()));
		assertArrayEquals(read(fromH5), read(fromTif));
		final int[] direct = MutexWatershed.segment(a, new MwsOptions().attractive(2).strides(2, 1));
		assertArrayEquals(direct, read(fromTif));
	}

	@Test
	void aModelFolderGivesTheSameLabelsAsItsAffinities() throws IOException {
		final Path model = AffinityFilesTest.fixture("model2d");
		final float[] image;
		try (io.jhdf.HdfFile f = new io.jhdf.HdfFile(AffinityFilesTest.fixture("model2d_io.h5"))) {
			image = (float[]) f.getDatasetByPath("input").getDataFlat();
		}
		final Path tif = dir.resolve("input.tif");
		TiffFiles.write(new ImagePlus("input", new FloatProcessor(45, 37, image.clone())), tif, List.of());
		final Path out = dir.resolve("labels.tif"), saved = dir.resolve("aff.h5");
		assertEquals(0, InnSightCli.run("--device", "cpu", "mws", "--model", model.toString(), "--image", tif.toString(), "--tile", "16,16",
			"--save-affinities", saved.toString(), "-o", out.toString()));
		final Affinities a = AffinityModel.load(model).predict(image, new int[] { 45, 37 }, Device.CPU, null, org.innsight.progress.ProgressListener.NONE);
		final int[] expected = MutexWatershed.segment(a, new MwsOptions().attractive(2));
		assertArrayEquals(expected, MwsImages.seeds(ImageFiles.open(out), new int[] { 45, 37 }));
		final AffinityFiles.Loaded back = AffinityFiles.readHdf5(saved, "affinities", null);
		assertArrayEquals(a.offsets(), back.affinities.offsets());
		assertEquals(2, (int) back.attractive);
	}

	@Test
	void maskAndSeedsComeFromImages() throws IOException {
		final float[] mask = new float[MwsSample.SIZE * MwsSample.SIZE];
		final float[] seeds = new float[mask.length];
		for (int i = 0; i < mask.length; i++) mask[i] = i % MwsSample.SIZE < 200 ? 1 : 0;
		seeds[10 * MwsSample.SIZE + 10] = 500;
		final Path m = dir.resolve("mask.tif"), s = dir.resolve("seeds.tif"), out = dir.resolve("l.tif");
		TiffFiles.write(new ImagePlus("mask", new FloatProcessor(MwsSample.SIZE, MwsSample.SIZE, mask)), m, List.of());
		TiffFiles.write(new ImagePlus("seeds", new FloatProcessor(MwsSample.SIZE, MwsSample.SIZE, seeds)), s, List.of());
		assertEquals(0, InnSightCli.run("mws", "--affinities", sample("affinities.h5").toString(), "--mask", m.toString(), "--seeds", s.toString(),
			"-o", out.toString()));
		final int[] labels = read(out);
		for (int i = 0; i < labels.length; i++) assertEquals(mask[i] == 0, labels[i] == 0, "pixel " + i);
		assertEquals(500, labels[10 * MwsSample.SIZE + 10]);
	}

	@Test
	void theGradientSplitsTwoFlatRegions() throws IOException {
		final int w = 40, h = 20;
		final float[] img = new float[w * h];
		for (int y = 0; y < h; y++) for (int x = w / 2; x < w; x++) img[y * w + x] = 1;
		final Path in = dir.resolve("halves.tif"), out = dir.resolve("halves_mws.tif");
		TiffFiles.write(new ImagePlus("halves", new FloatProcessor(w, h, img)), in, List.of());
		assertEquals(0, InnSightCli.run("mws", "--image", in.toString(), "--from", "gradient", "--min-size", "30", "-o", out.toString()));
		final int[] l = MwsImages.seeds(ImageFiles.open(out), new int[] { w, h });
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				if (x < w / 2 - 3) assertEquals(l[0], l[y * w + x], "left at " + x + "," + y);
				if (x >= w / 2 + 3) assertEquals(l[w - 1], l[y * w + x], "right at " + x + "," + y);
			}
		assertTrue(l[0] != l[w - 1]);
	}

	@Test
	void mistakesEndWithExitCode1() {
		final String h5 = sample("affinities.h5").toString(), o = dir.resolve("x.tif").toString();
		assertEquals(1, InnSightCli.run("mws", "-o", o));
		assertEquals(1, InnSightCli.run("mws", "--affinities", h5, "--from", "boundary", "--image", h5, "-o", o));
		assertEquals(1, InnSightCli.run("mws", "--affinities", h5));
		assertEquals(1, InnSightCli.run("mws", "--affinities", h5, "--offsets", "[[-1,0]]", "-o", o));
		assertEquals(1, InnSightCli.run("mws", "--affinities", h5, "--meaning", "nonsense", "-o", o));
		assertEquals(1, InnSightCli.run("mws", "--affinities", h5, "-o", h5));
		assertTrue(Files.exists(Paths.get(h5)));
	}
}
