package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.List;

import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.posterior.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;

/** The posterior, validate and bench posterior subcommands, on a small untrained model (plumbing, files, errors). */
class PosteriorCommandTest {

	@TempDir
	static Path dir;
	static Path model;

	/** {exit code, stdout, stderr}. */
	private static Object[] run(final String... args) {
		final PrintStream out = System.out, err = System.err;
		final ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
		try {
			final int code = InnSightCli.run(args);
			return new Object[] { code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8) };
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
	}

	@BeforeAll
	static void modelAndImage() throws Exception {
		model = TestModels.randomModel(dir.resolve("model"), "none", "posterior-cinn");
		// 9 x 7 pixels, 3 channels 500/600/700 nm; pixel (2, 2) NaN
		final ImageStack stack = new ImageStack(9, 7);
		for (int c = 0; c < 3; c++) {
			final FloatProcessor fp = new FloatProcessor(9, 7);
			for (int y = 0; y < 7; y++) for (int x = 0; x < 9; x++) fp.setf(x, y, 0.1f + 0.02f * x + 0.03f * y + 0.1f * c);
			if (c == 1) fp.setf(2, 2, Float.NaN);
			stack.addSlice((500 + 100 * c) + "nm", fp);
		}
		final ImagePlus imp = new ImagePlus("scan", stack);
		imp.setDimensions(3, 1, 1);
		imp.getCalibration().pixelWidth = imp.getCalibration().pixelHeight = 0.1;
		imp.getCalibration().setUnit("mm");
		new FileSaver(imp).saveAsTiff(dir.resolve("scan.tif").toString());
	}

	@Test
	void samplesTileSizeAndSaturationOutOfBoundsAreRefusedWithTheBound() {
		final String scan = dir.resolve("scan.tif").toString(), out = dir.resolve("never").toString();
		final Object[] samples = run("posterior", scan, "--model", model.toString(), "--samples", "0", "--out", out);
		assertEquals(1, samples[0]);
		assertTrue(samples[2].toString().contains("samples must be between 1 and 100000, not 0"), samples[2].toString());
		final Object[] tile = run("posterior", scan, "--model", model.toString(), "--tile-size", "100000", "--out", out);
		assertEquals(1, tile[0]);
		assertTrue(tile[2].toString().contains("tileSize must be between 8 and 4096, not 100000"), tile[2].toString());
		final Object[] saturation = run("posterior", scan, "--model", model.toString(), "--saturation", "-1", "--out", out);
		assertEquals(1, saturation[0]);
		assertTrue(saturation[2].toString().contains("saturation must be above 0, not -1"), saturation[2].toString());
		assertTrue(!Files.exists(dir.resolve("never")));
	}

	@Test
	void aBadInspectValueIsRefusedBeforeTheWorkWithAPlainMessage() throws Exception {
		final Path out = dir.resolve("inspected");
		final Object[] r = run("--device", "cpu", "posterior", dir.resolve("scan.tif").toString(), "--model", model.toString(), "--samples", "20",
			"--out", out.toString(), "--inspect", "4,x");
		assertEquals(1, r[0]);
		assertTrue(r[2].toString().contains("--inspect '4,x': 'x' is not a whole number; give pixel coordinates X,Y or X,Y,W,H"), r[2].toString());
		assertTrue(!r[2].toString().contains("For input string"), r[2].toString());
		assertTrue(!Files.exists(out), "no maps were written");
		final Object[] zero = run("--device", "cpu", "posterior", dir.resolve("scan.tif").toString(), "--model", model.toString(), "--out",
			out.toString(), "--inspect", "1,1,0,2");
		assertEquals(1, zero[0]);
		assertTrue(zero[2].toString().contains("X and Y must be >= 0 and W, H >= 1"), zero[2].toString());
	}

	@Test
	void anImageGetsMapsInspectorPlotsAndASummary() throws Exception {
		final Path out = dir.resolve("maps");
		final Object[] r = run("--device", "cpu", "posterior", dir.resolve("scan.tif").toString(), "--model", model.toString(), "--samples", "20",
			"--out", out.toString(), "--inspect", "4,3", "--png");
		assertEquals(0, r[0], r[2].toString());
		assertTrue(r[1].toString().contains("62 of 63 estimated") && r[1].toString().contains("1 non-finite"), r[1].toString());
		for (final String p : List.of("sO2", "depth"))
			for (final String s : List.of("median", "mean", "IQR", "modes")) assertTrue(Files.isRegularFile(out.resolve(p + "_" + s + ".tif")), p + "_" + s);
		assertTrue(Files.isRegularFile(out.resolve("sO2_median.png")) && Files.isRegularFile(out.resolve("inspect_4_3_sO2.png")));
		final ImagePlus median = IJ.openImage(out.resolve("sO2_median.tif").toString());
		assertEquals(9, median.getWidth());
		assertEquals(0.1, median.getCalibration().pixelWidth, 1e-9);
		assertEquals("mm", median.getCalibration().getUnit());
		assertTrue(Float.isNaN(median.getProcessor().getf(2, 2)));
		final float v = median.getProcessor().getf(4, 3);
		assertTrue(v >= 0 && v <= 1, "sO2 median " + v);
		final JsonObject summary = JsonParser.parseString(Files.readString(out.resolve("posterior.json"))).getAsJsonObject();
		assertEquals(62, summary.getAsJsonObject("pixels").get("estimated").getAsInt());
		// 1000 samples of pixel (4, 3) (the inspector's minimum), one column per parameter
		assertEquals(1001, Files.readAllLines(out.resolve("inspect_4_3.csv")).size());
	}

	@Test
	void aTableGetsSamplesAndSummariesPerRowWithItsIds() throws Exception {
		final Path obs = dir.resolve("obs.csv"), out = dir.resolve("samples.h5");
		Files.writeString(obs, "row_id,band_0,band_1,band_2\n7,0.1,0.2,0.3\n9,0.3,0.2,0.1\n");
		final Object[] r = run("posterior", "--table", obs.toString(), "--model", model.toString(), "--samples", "20", "--out", out.toString());
		assertEquals(0, r[0], r[2].toString());
		final Table t = TableFiles.read(out);
		assertEquals(2, t.rows());
		assertEquals(1 + 2 * 4 + 2 * 20, t.columnCount());
		assertEquals(7, t.column("row_id")[0], 0);
		assertEquals(9, t.column("row_id")[1], 0);
		assertTrue(t.hasColumn("depth_sample_19") && t.hasColumn("sO2_IQR"));
	}

	@Test
	void validateWritesJsonAndFigures() throws Exception {
		final Path held = dir.resolve("held.csv"), out = dir.resolve("val");
		final StringBuilder csv = new StringBuilder("band_0,band_1,band_2,sO2,depth\n");
		for (int i = 0; i < 60; i++) csv.append(0.1 + 0.01 * i).append(",0.2,0.3,").append(i / 60.0).append(',').append(0.001 * i).append('\n');
		Files.writeString(held, csv);
		final Path copy = TestModels.randomModel(dir.resolve("model-to-record"), "none", "posterior-cinn");
		final Object[] r = run("validate", copy.toString(), "--table", held.toString(), "--samples", "30", "--by", "depth", "--bins", "3", "--out",
			out.toString(), "--record-in-card", "held_out");
		assertEquals(0, r[0], r[2].toString());
		assertTrue(r[1].toString().contains("cal.err") && r[1].toString().contains("depth in ["), r[1].toString());
		for (final String f : List.of("validation.json", "calibration.png", "ranks_sO2.png", "ranks_depth.png", "by_depth_iqr_sO2.png", "by_depth_iqr_depth.png", "by_depth_calibration.png"))
			assertTrue(Files.isRegularFile(out.resolve(f)), f);
		final JsonObject json = JsonParser.parseString(Files.readString(out.resolve("validation.json"))).getAsJsonObject();
		assertEquals(60, json.get("rows").getAsInt());
		assertEquals(99, json.getAsJsonArray("parameters").get(0).getAsJsonObject().getAsJsonArray("coverage").size());
		assertEquals(3, json.getAsJsonArray("groups").size());
		// a second run into the folder is refused: the figures are not replaced without --force
		final byte[] before = Files.readAllBytes(out.resolve("ranks_sO2.png"));
		final Object[] again = run("validate", copy.toString(), "--table", held.toString(), "--samples", "30", "--out", out.toString());
		assertEquals(1, again[0]);
		assertTrue(again[2].toString().contains(out.resolve("validation.json") + " already exists; use --force to replace it"), again[2].toString());
		assertArrayEquals(before, Files.readAllBytes(out.resolve("ranks_sO2.png")));
		// the card now carries the figures and the command; its files still check out
		final org.innsight.engine.ModelCard card = org.innsight.engine.ModelFolder.load(copy).card();
		final JsonObject recorded = card.validation.getAsJsonObject("held_out");
		assertEquals(json.getAsJsonArray("parameters").get(0).getAsJsonObject().get("calibration_error"),
			recorded.getAsJsonArray("parameters").get(0).getAsJsonObject().get("calibration_error"));
		// as typed, retypable: no repeated subcommand, quoted where the shell needs it
		assertEquals("innsight validate " + copy + " --table " + held + " --samples 30 --by depth --bins 3 --out " + out + " --record-in-card held_out",
			recorded.get("command").getAsString());
	}

	@Test
	void wrongWavelengthsAndMissingInputsAreOneLineErrors() throws Exception {
		final ImagePlus imp = IJ.openImage(dir.resolve("scan.tif").toString());
		imp.getStack().setSliceLabel("610nm", 2);
		new FileSaver(imp).saveAsTiff(dir.resolve("other.tif").toString());
		Object[] r = run("posterior", dir.resolve("other.tif").toString(), "--model", model.toString(), "--out", dir.resolve("x").toString());
		assertEquals(1, r[0]);
		assertTrue(r[2].toString().contains("500, 610, 700") && r[2].toString().contains("500, 600, 700"), r[2].toString());
		r = run("posterior", "--model", model.toString(), "--out", dir.resolve("x").toString());
		assertEquals(1, r[0]);
		assertTrue(r[2].toString().contains("give either an IMAGE or --table"), r[2].toString());
		r = run("posterior", dir.resolve("scan.tif").toString(), "--model", dir.resolve("no-such-model").toString(), "--out", dir.resolve("x").toString());
		assertEquals(1, r[0]);
		assertTrue(r[2].toString().contains("no-such-model"), r[2].toString());
	}

	@Test
	void benchPosteriorPrintsItsFigures() throws Exception {
		final double[] nm = new double[16];
		for (int i = 0; i < 16; i++) nm[i] = 500 + 20 * i;
		final Path m16 = TestModels.randomModel(dir.resolve("m16"), "none", "posterior-cinn", nm);
		final Object[] r = run("--threads", "1", "bench", "posterior", "--model", m16.toString(), "--size", "16", "--samples", "8");
		assertEquals(0, r[0], r[2].toString());
		assertTrue(r[1].toString().contains("camera msi-16band") && r[1].toString().contains("pixels/s") && r[1].toString().contains("256 of 256"),
			r[1].toString());
	}

	@Test
	void aZarrInputIsStreamedIntoOmeZarrMapsEqualToTheTiffMaps() throws Exception {
		final Path zarr = dir.resolve("scan.ome.zarr");
		org.innsight.io.OmeZarr.writeSpectral(org.innsight.io.ImageFiles.openSpectral(dir.resolve("scan.tif")), zarr, 8);
		final String[] common = { "--model", model.toString(), "--samples", "20", "--seed", "3", "--tile-size", "8", "--stats", "median,IQR" };
		final Object[] tif = run(concat(new String[] { "posterior", dir.resolve("scan.tif").toString(), "--out", dir.resolve("tif").toString() }, common));
		assertEquals(0, tif[0], tif[2].toString());
		final Object[] streamed = run(concat(new String[] { "posterior", zarr.toString(), "--out", dir.resolve("zarr").toString() }, common));
		assertEquals(0, streamed[0], streamed[2].toString());
		assertTrue(streamed[1].toString().contains("streamed"), streamed[1].toString());
		final JsonObject summary = JsonParser.parseString(Files.readString(dir.resolve("zarr/posterior.json"))).getAsJsonObject();
		assertTrue(summary.get("streamed").getAsBoolean());
		int compared = 0;
		for (final com.google.gson.JsonElement f : summary.getAsJsonArray("files")) {
			final String label = f.getAsString().replace(".ome.zarr", "");
			final ImagePlus expected = IJ.openImage(dir.resolve("tif/" + label + ".tif").toString());
			final net.imglib2.RandomAccess<net.imglib2.type.numeric.real.FloatType> ra =
				org.innsight.io.OmeZarr.open(dir.resolve("zarr/" + f.getAsString())).lazy(2).randomAccess();
			for (int y = 0; y < 7; y++)
				for (int x = 0; x < 9; x++) {
					ra.setPosition(new long[] { x, y });
					assertEquals(expected.getProcessor().getf(x, y), ra.get().get(), 0, label + " at " + x + "," + y);
					compared++;
				}
		}
		final int maps = summary.getAsJsonArray("files").size();
		assertTrue(maps >= 2 && maps % 2 == 0, "two statistics per parameter: " + maps);
		assertEquals(maps * 63, compared); // 9 x 7 pixels per map
		// again without --force: refused, naming a map
		final Object[] again = run(concat(new String[] { "posterior", zarr.toString(), "--out", dir.resolve("zarr").toString() }, common));
		assertEquals(1, again[0]);
		assertTrue(again[2].toString().contains("--force"), again[2].toString());
		final Object[] masked = run(concat(new String[] { "posterior", zarr.toString(), "--out", dir.resolve("m").toString(), "--mask",
			dir.resolve("scan.tif").toString() }, common));
		assertEquals(1, masked[0]);
		assertTrue(masked[2].toString().contains("--mask cannot be used when streaming"), masked[2].toString());
		// --no-stream reads the folder whole: TIFF maps with the same pixels as the TIFF input's, and a mask is taken
		final Object[] whole = run(concat(new String[] { "posterior", zarr.toString(), "--no-stream", "--out", dir.resolve("whole").toString() }, common));
		assertEquals(0, whole[0], whole[2].toString());
		int wholeMaps = 0;
		for (final String f : Objects.requireNonNull(dir.resolve("tif").toFile().list())) {
			if (!f.endsWith(".tif")) continue;
			final float[] expected = (float[]) IJ.openImage(dir.resolve("tif/" + f).toString()).getProcessor().getPixels();
			assertArrayEquals(expected, (float[]) IJ.openImage(dir.resolve("whole/" + f).toString()).getProcessor().getPixels(), f);
			wholeMaps++;
		}
		assertEquals(maps, wholeMaps);
		final ij.process.ByteProcessor maskPixels = new ij.process.ByteProcessor(9, 7);
		for (int y = 0; y < 7; y++)
			for (int x = 4; x < 9; x++) maskPixels.set(x, y, 255);
		new FileSaver(new ImagePlus("mask", maskPixels)).saveAsTiff(dir.resolve("mask.tif").toString());
		final Object[] wholeMasked = run(concat(new String[] { "posterior", zarr.toString(), "--no-stream", "--out", dir.resolve("wm").toString(),
			"--mask", dir.resolve("mask.tif").toString() }, common));
		assertEquals(0, wholeMasked[0], wholeMasked[2].toString());
		final JsonObject maskedPixels = JsonParser.parseString(Files.readString(dir.resolve("wm/posterior.json"))).getAsJsonObject().getAsJsonObject("pixels");
		assertEquals(4 * 7, maskedPixels.get("outside_mask").getAsInt(), maskedPixels.toString());
	}

	private static String[] concat(final String[] a, final String[] b) {
		final String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, r, a.length, b.length);
		return r;
	}
}
