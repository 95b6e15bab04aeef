package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

/** {@code innsight measure} on map files written as the posterior and OOD commands write them: the CSV byte for byte. */
class MeasureCommandTest {

	@TempDir
	Path tmp;

	/** The maps of MeasureTest's two-region case, as {@code innsight posterior --keep-samples} and {@code ood} name them. */
	private Path writeMaps() throws Exception {
		final Path maps = Files.createDirectories(tmp.resolve("maps"));
		final float n = Float.NaN;
		save(maps, "scan_sO2_median", "sO2", "median", new float[] { 0.5f, 0.5f, 0.8f, 0.8f, 0.5f, 0.5f, 0.8f, n });
		save(maps, "scan_sO2_IQR", "sO2", "IQR", new float[] { 0.1f, 0.1f, 0.2f, 0.2f, 0.1f, 0.1f, 0.2f, n });
		save(maps, "scan_sO2_modes", "sO2", "modes", new float[] { 1, 1, 1, 1, 2, 1, 1, n });
		save(maps, "scan_ood_mask", null, null, new float[] { 255, 0, 0, 0, 0, 0, 0, 255 });
		save(maps, "scan_ood_score", null, null, new float[] { 1, 2, 5, 5, 3, 4, 5, Float.POSITIVE_INFINITY });
		final ImageStack samples = new ImageStack(4, 2);
		final float[] region1 = { 0.4f, 0.5f, 0.5f, 0.6f };
		for (int k = 0; k < 4; k++) {
			final float[] p = new float[8];
			for (int i = 0; i < 8; i++) p[i] = i % 4 < 2 ? region1[k] : i == 7 ? n : 0.8f;
			samples.addSlice("sample " + (k + 1), new FloatProcessor(4, 2, p));
		}
		final ImagePlus s = new ImagePlus("scan_sO2_samples", samples);
		s.setProp("parameter", "sO2");
		new FileSaver(s).saveAsTiffStack(maps.resolve("scan_sO2_samples.tif").toString());
		Files.writeString(maps.resolve("posterior.json"), "{}"); // not an image: left alone
		new FileSaver(new ImagePlus("l", new ByteProcessor(4, 2, new byte[] { 1, 1, 2, 2, 1, 1, 2, 2 }))).saveAsTiff(tmp.resolve("regions.tif").toString());
		return maps;
	}

	private static void save(final Path dir, final String title, final String parameter, final String statistic, final float[] values) {
		final ImagePlus imp = new ImagePlus(title, new FloatProcessor(4, 2, values));
		if (parameter != null) {
			imp.setProp("parameter", parameter);
			imp.setProp("statistic", statistic);
		}
		new FileSaver(imp).saveAsTiff(dir.resolve(title + ".tif").toString());
	}

	@Test
	void aFolderOfMapsPerLabelGivesTheTableByteForByteAndRefusesToOverwriteIt() throws Exception {
		final Path maps = writeMaps(), out = tmp.resolve("table.csv");
		final CliRun run = CliRun.of("measure", "--maps", maps.toString(), "--labels", tmp.resolve("regions.tif").toString(), "--out", out.toString());
		assertEquals(0, run.exit(), run.err());
		assertEquals("""
			image,region,label,frame,pixels,excluded_share,sO2_median,sO2_pooled_q25,sO2_pooled_median,sO2_pooled_q75,sO2_ci90_low,sO2_ci90_high,\
			sO2_pooled,sO2_IQR_mean,sO2_multimodal_share,ood_flagged_share,ood_score_mean
			scan,label 1,1,1,4,0,0.5,0.475,0.5,0.525,0.4,0.6,samples,0.1,0.25,0.25,2.5
			scan,label 2,2,1,4,0.25,0.8,0.8,0.8,0.8,0.8,0.8,samples,0.2,0,0.25,5
			""", Files.readString(out, StandardCharsets.UTF_8));
		assertTrue(run.out().startsWith("measured 6 maps of scan in " + tmp.resolve("regions.tif") + ": 2 rows, 17 columns; wrote " + out), run.out());
		final byte[] before = Files.readAllBytes(out);
		final CliRun again = CliRun.of("measure", "--maps", maps.toString(), "--out", out.toString());
		assertEquals(1, again.exit());
		assertEquals("innsight measure: error: " + out + " already exists; use --force to replace it", again.err().strip());
		assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(out, StandardCharsets.UTF_8));
		final CliRun forced = CliRun.of("measure", "--maps", maps.toString(), "--out", out.toString(), "--force", "--interval", "0.5");
		assertEquals(0, forced.exit(), forced.err());
		assertTrue(Files.readString(out).contains("sO2_ci50_low"), Files.readString(out));
	}

	@Test
	void usageErrorsSayWhatToGive() throws Exception {
		final Path maps = writeMaps();
		final CliRun both = CliRun.of("measure", "--maps", maps.toString(), "--labels", "a.tif", "--mask", "b.tif", "--out", "t.csv");
		assertEquals(2, both.exit());
		assertTrue(both.err().contains("mutually exclusive"), both.err());
		final CliRun notCsv = CliRun.of("measure", "--maps", maps.toString(), "--out", tmp.resolve("t.txt").toString());
		assertEquals("innsight measure: error: --out " + tmp.resolve("t.txt") + ": the table is a .csv file", notCsv.err().strip());
		final CliRun empty = CliRun.of("measure", "--maps", Files.createDirectories(tmp.resolve("empty")).toString(), "--out", tmp.resolve("t.csv").toString());
		assertEquals(1, empty.exit());
		assertTrue(empty.err().startsWith("innsight measure: error: no maps in [" + tmp.resolve("empty") + "]"), empty.err());
	}
}
