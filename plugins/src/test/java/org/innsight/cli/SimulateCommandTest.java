package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.io.Opener;

class SimulateCommandTest {

	@TempDir
	Path dir;

	@Test
	void simulateWritesTheSameBytesForTheSameSeedWhateverTheThreads() throws IOException {
		final Path a = dir.resolve("a.h5"), b = dir.resolve("b.h5");
		assertEquals(0, InnSightCli.run("--threads", "1", "simulate", "--model", "pai", "--n", "400", "--seed", "2", "--out", a.toString()));
		assertEquals(0, InnSightCli.run("--threads", "2", "simulate", "--model", "pai", "--n", "400", "--seed", "2", "--out", b.toString()));
		assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
		final Table t = TableFiles.read(a);
		assertEquals(400, t.rows());
		assertEquals(16, t.match("band_*").size());
		assertEquals("pai-16wl", t.header().getAsJsonObject("camera").get("name").getAsString());
	}

	@Test
	void rangesCanBeNarrowedFromTheCommandLine() throws IOException {
		final Path f = dir.resolve("t.csv");
		assertEquals(0, InnSightCli.run("simulate", "--model", "msi", "--n", "200", "--range", "sO2=0.9:1", "--out", f.toString()));
		final Table t = TableFiles.read(f);
		for (final float v : t.column("sO2")) assertTrue(v >= 0.9f && v <= 1f, "sO2 " + v);
		assertEquals(0.9, t.header().getAsJsonArray("parameters").get(0).getAsJsonObject().get("min").getAsDouble());
	}

	@Test
	void tissueClassesGetTheirOwnRangesFractionsAndAColumn() throws IOException {
		final Path f = dir.resolve("classes.csv");
		assertEquals(0, InnSightCli.run("simulate", "--model", "msi", "--n", "100", "--range", "sO2=0.5:1", "--class", "vHb_1=0.01:0.05",
			"--class", "vHb_1=0.1:0.3,a_mie_1=1000:2000", "--class-fractions", "3,1", "--out", f.toString()));
		final Table t = TableFiles.read(f);
		final float[] cls = t.column("tissue_class"), vhb = t.column("vHb_1"), so2 = t.column("sO2"), mie = t.column("a_mie_1");
		for (int r = 0; r < 100; r++) { // 75 rows of class 0, 25 of class 1; --range applies to every class
			assertEquals(r < 75 ? 0 : 1, cls[r]);
			assertTrue(r < 75 ? vhb[r] <= 0.05f : vhb[r] >= 0.1f && mie[r] <= 2000f, "row " + r);
			assertTrue(so2[r] >= 0.5f, "row " + r);
		}
		final CliRun bad = CliRun.of("simulate", "--model", "msi", "--n", "10", "--class", "all", "--class", "all", "--class-fractions", "1,2,3",
			"--out", dir.resolve("y.csv").toString());
		assertEquals(1, bad.exit());
		assertTrue(bad.err().contains("--class-fractions has 3 values for 2 --class options"), bad.err());
	}

	@Test
	void badOptionsEndWithExitCode1() {
		assertEquals(1, InnSightCli.run("simulate", "--model", "xyz", "--n", "10", "--out", dir.resolve("x.csv").toString()));
		assertEquals(1, InnSightCli.run("simulate", "--model", "msi", "--n", "10", "--range", "nope=0:1", "--out", dir.resolve("x.csv").toString()));
		assertEquals(1, InnSightCli.run("simulate", "--model", "msi", "--n", "10", "--out", dir.resolve("x.xlsx").toString()));
		final CliRun tooMany = CliRun.of("simulate", "--model", "msi", "--n", "2000000000", "--out", dir.resolve("big.h5").toString());
		assertEquals(1, tooMany.exit());
		assertTrue(tooMany.err().contains("--n must be between 1 and 10000000 rows, not 2000000000"), tooMany.err());
		assertTrue(!Files.exists(dir.resolve("big.h5")));
	}

	@Test
	void simulateImageWritesAHyperstackWithWavelengthLabelsGroundTruthAndMask() {
		assertEquals(0, InnSightCli.run("simulate-image", "--model", "msi", "--size", "32", "--seed", "3", "--out", dir.toString()));
		final ImagePlus img = new Opener().openImage(dir.resolve("image.tif").toString());
		assertEquals(32, img.getWidth());
		assertEquals(16, img.getNChannels());
		assertEquals(ImagePlus.GRAY32, img.getType());
		assertEquals("500nm", img.getStack().getSliceLabel(1));
		assertEquals("800nm", img.getStack().getSliceLabel(16));
		final ImagePlus truth = new Opener().openImage(dir.resolve("ground_truth.tif").toString());
		assertEquals("sO2", truth.getStack().getSliceLabel(1));
		final ImagePlus mask = new Opener().openImage(dir.resolve("foreign_mask.tif").toString());
		final byte[] m = (byte[]) mask.getProcessor().getPixels();
		final float[] sO2 = (float[]) truth.getStack().getPixels(1);
		int foreign = 0;
		for (int i = 0; i < m.length; i++) {
			assertEquals(m[i] != 0, Float.isNaN(sO2[i]), "ground truth is NaN exactly on the foreign patch");
			if (m[i] != 0) foreign++;
		}
		assertTrue(foreign > 0 && foreign < m.length / 4, "foreign pixels: " + foreign);
	}
}
