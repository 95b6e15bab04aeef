package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.innsight.optics.Camera;
import org.innsight.unmixing.LinearUnmixing;
import org.innsight.unmixing.UnmixingSpectra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;

/** {@code innsight unmix}: the maps of a file with known sO2, the overwrite rule, and bad input named with its file and problem. */
class UnmixCommandTest {

	@TempDir
	Path tmp;

	private static final Camera CAMERA = UnmixingSpectra.msi16();

	private Path write(final String name, final float scale) {
		final LinearUnmixing u = LinearUnmixing.forCamera(CAMERA, false);
		final float[][] px = new float[6][];
		for (int p = 0; p < 6; p++) {
			px[p] = UnmixingSpectra.reflectance(u, 0.2 * p, 0.03, 0.4, 0);
			for (int i = 0; i < 16; i++) px[p][i] *= scale;
		}
		px[5][2] = 0; // a band <= 0
		final ImagePlus imp = UnmixingSpectra.image(name, CAMERA, 3, 2, px);
		final Path file = tmp.resolve(name);
		new FileSaver(imp).saveAsTiffStack(file.toString());
		return file;
	}

	@Test
	void writesTheMapsAndTheCountsAndKeepsThemUnlessForced() throws Exception {
		final Path image = write("scan.tif", 1), out = tmp.resolve("out");
		final CliRun r = CliRun.of("unmix", image.toString(), "--camera", "msi-16band", "--out", out.toString());
		assertEquals(0, r.exit(), r.err());
		assertTrue(r.out().contains("scan.tif: 5 of 6 fitted"), r.out());
		final ImagePlus so2 = IJ.openImage(out.resolve("sO2_unmixed.tif").toString());
		final float[] v = (float[]) so2.getProcessor().getPixels();
		for (int p = 0; p < 5; p++) assertEquals(0.2 * p, v[p], 1e-5, "pixel " + p);
		assertTrue(Float.isNaN(v[5]));
		final float[] t = (float[]) IJ.openImage(out.resolve("tHb_unmixed.tif").toString()).getProcessor().getPixels();
		assertEquals(0.03, t[0], 1e-6);
		final JsonObject json = JsonParser.parseString(Files.readString(out.resolve("unmixing.json"))).getAsJsonObject();
		assertEquals(5, json.getAsJsonObject("pixels").get("fitted").getAsInt());
		assertEquals(1, json.getAsJsonObject("pixels").get("non_positive").getAsInt());
		assertEquals("ok", json.getAsJsonObject("units").get("units").getAsString());

		final byte[] before = Files.readAllBytes(out.resolve("sO2_unmixed.tif"));
		final CliRun again = CliRun.of("unmix", image.toString(), "--camera", "msi-16band", "--out", out.toString());
		assertTrue(again.exit() != 0 && again.err().contains("sO2_unmixed.tif") && again.err().contains("--force"), again.err());
		assertEquals(0, CliRun.of("unmix", image.toString(), "--camera", "msi-16band", "--out", out.toString(), "--force").exit());
		assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(out.resolve("sO2_unmixed.tif"))), "the same maps again");
	}

	@Test
	void badInputIsNamedWithItsFileAndProblem() throws Exception {
		final Path image = write("scan.tif", 1), out = tmp.resolve("out");
		final CliRun noCamera = CliRun.of("unmix", image.toString(), "--out", out.toString());
		assertTrue(noCamera.exit() != 0, noCamera.err());
		assertTrue(noCamera.err().contains("--camera is missing") && noCamera.err().contains(image.toString()), noCamera.err());

		final CliRun badCamera = CliRun.of("unmix", image.toString(), "--camera", "msi-17band", "--out", out.toString());
		assertTrue(badCamera.exit() != 0 && badCamera.err().contains("msi-17band") && badCamera.err().contains("built-in"), badCamera.err());

		final ImagePlus three = IJ.openImage(image.toString());
		final ij.ImageStack s = new ij.ImageStack(3, 2);
		for (int i = 1; i <= 3; i++) s.addSlice(three.getStack().getSliceLabel(i), three.getStack().getProcessor(i));
		final Path threeBands = tmp.resolve("three.tif");
		new FileSaver(new ImagePlus("three.tif", s)).saveAsTiffStack(threeBands.toString());
		final CliRun bands = CliRun.of("unmix", threeBands.toString(), "--camera", "msi-16band", "--out", out.toString());
		assertTrue(bands.exit() != 0 && bands.err().contains("three.tif") && bands.err().contains("3 channels") && bands.err().contains("expects 16"),
			bands.err());

		final Path negative = write("negative.tif", -1);
		final CliRun neg = CliRun.of("unmix", negative.toString(), "--camera", "msi-16band", "--out", out.toString());
		assertTrue(neg.exit() != 0 && neg.err().contains("negative.tif") && neg.err().contains("negative spectra") && neg.err().contains("--accept-units"),
			neg.err());
		assertTrue(!Files.exists(out.resolve("sO2_unmixed.tif")), "nothing written for refused inputs");
	}
}
