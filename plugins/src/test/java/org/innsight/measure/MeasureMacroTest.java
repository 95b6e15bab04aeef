package org.innsight.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innsight.cli.InnSightCli;
import org.innsight.macro.MacroResult;
import org.innsight.macro.Macros;
import org.innsight.macro.RunsMacros;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;

/**
 * {@code macros/measure.ijm} on the sample image (the Fiji command, its Results table, label-image and ROI regions)
 * against the same work done with the command line: {@code innsight ood}, {@code posterior --exclude --keep-samples}
 * and {@code measure --labels}. Same seed and sample count, so the same samples: every number of the macro's table
 * (6 decimals) is the CLI's. Known answers besides: the share of OOD-flagged pixels in the instrument box is the
 * count of flagged pixels in the OOD mask file there, and every pixel the posterior skipped was an OOD one.
 */
@RunsMacros("measure.ijm")
class MeasureMacroTest {

	@TempDir
	Path tmp;

	@Test
	void macroTableMatchesTheCommandLineAndCountsTheFlaggedPixels() throws Exception {
		final Path image = Macros.repo().resolve("sample-data/msi/image.tif"), macroOut = tmp.resolve("macro");
		try (MacroResult r = Macros.run("measure.ijm", "image=[" + image + "] out=[" + macroOut + "] samples=32")) {
			assertTrue(r.log().contains("wrote " + macroOut.resolve("measurements.csv") + " (5 rows)"), r.log());
		}
		final List<Map<String, String>> macro = read(macroOut.resolve("measurements.csv"));
		assertEquals(List.of("label 1", "label 2", "tissue", "right half", "instrument box"), macro.stream().map(m -> m.get("region")).toList());

		// the same with the command line
		final Path ood = tmp.resolve("ood"), maps = tmp.resolve("maps"), regions = tmp.resolve("regions.tif"), csv = tmp.resolve("cli.csv");
		assertEquals(0, InnSightCli.run("--device", "cpu", "ood", image.toString(), "--model", "msi-ood-16band", "--out", ood.toString()));
		assertEquals(0, InnSightCli.run("--device", "cpu", "posterior", image.toString(), "--model", "msi-tissue-16band", "--samples", "32", "--seed",
			"1", "--stats", "median,IQR,modes", "--exclude", ood.resolve("image_ood_mask.tif").toString(), "--keep-samples", "--out", maps.toString()));
		final byte[] labels = new byte[128 * 128];
		for (int y = 0; y < 128; y++)
			for (int x = 0; x < 128; x++) labels[y * 128 + x] = (byte) (x >= 74 && y >= 27 && y < 27 + 52 ? 2 : x < 64 ? 1 : 0);
		new FileSaver(new ImagePlus("regions", new ByteProcessor(128, 128, labels))).saveAsTiff(regions.toString());
		assertEquals(0, InnSightCli.run("measure", "--maps", maps + "," + ood, "--labels", regions.toString(), "--out", csv.toString()));
		final List<Map<String, String>> cli = read(csv);
		assertEquals(2, cli.size());

		int compared = 0;
		for (int row = 0; row < 2; row++) {
			final Map<String, String> c = cli.get(row), m = macro.get(row), roi = macro.get(row == 0 ? 2 : 4);
			assertEquals("image", c.get("image"));
			for (final Map.Entry<String, String> e : c.entrySet()) {
				if (e.getKey().equals("region") || e.getKey().equals("label")) continue;
				if (e.getValue().matches("[a-z]+")) {
					assertEquals(e.getValue(), m.get(e.getKey()), e.getKey());
					continue;
				}
				final double v = Double.parseDouble(e.getValue());
				// the Results table rounds to 6 decimals: within half a unit of the 6th decimal (plus the float text's own 1e-9)
				assertEquals(v, Double.parseDouble(m.get(e.getKey())), 5e-7 * Math.max(1, Math.abs(v)) + 1e-9, "row " + row + " " + e.getKey());
				assertEquals(m.get(e.getKey()), roi.get(e.getKey()), "the ROI drawn like label " + (row + 1) + ": " + e.getKey());
				compared++;
			}
			assertEquals(c.get("excluded_share"), c.get("ood_flagged_share"), "the posterior skipped exactly the OOD pixels");
		}
		assertTrue(compared >= 2 * 20, "compared " + compared + " numbers");

		// the instrument box (54 x 52) against the OOD mask file itself
		final ImagePlus mask = IJ.openImage(ood.resolve("image_ood_mask.tif").toString());
		int flagged = 0;
		for (int y = 27; y < 27 + 52; y++)
			for (int x = 74; x < 128; x++) if (mask.getProcessor().get(x, y) != 0) flagged++;
		assertEquals("2808", cli.get(1).get("pixels"));
		assertEquals(flagged / 2808.0, Double.parseDouble(cli.get(1).get("ood_flagged_share")), 1e-7);
		assertTrue(flagged >= 886, "the 886 instrument pixels lie in the box and are all flagged: " + flagged);
	}

	/** A CSV as rows of column -> cell (ImageJ's row-number column, headed " ", left out). */
	static List<Map<String, String>> read(final Path csv) throws Exception {
		final List<String> lines = Files.readAllLines(csv);
		final String[] head = lines.get(0).split(",", -1);
		final List<Map<String, String>> rows = new ArrayList<>();
		for (final String line : lines.subList(1, lines.size())) {
			final String[] cells = line.split(",", -1);
			assertEquals(head.length, cells.length, line);
			final Map<String, String> row = new LinkedHashMap<>();
			for (int i = 0; i < head.length; i++) if (!head[i].isBlank()) row.put(head[i], cells[i]);
			rows.add(row);
		}
		return rows;
	}
}
