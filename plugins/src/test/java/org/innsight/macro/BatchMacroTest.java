package org.innsight.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import org.innsight.batch.SyntheticScans;
import ij.io.FileSaver;

/**
 * The classic folder loop of {@code macros/batch.ijm} over crops of the MSI sample: every 16-band scan gets its
 * OOD mask and the sO2 median map of the trusted pixels only; a 3-band file is skipped with a message; the
 * summary's numbers are those of the saved maps.
 */
@RunsMacros("batch.ijm")
class BatchMacroTest {

	/** Writes crops of the sample: tissue only, one over the instrument patch, and a broken 3-band one. */
	static void scans(final Path in) throws Exception {
		Files.createDirectories(in);
		final ImagePlus sample = IJ.openImage(Macros.repo().resolve("sample-data/msi/image.tif").toString());
		new FileSaver(SyntheticScans.crop(sample, 0, 80, 48, 48, 16)).saveAsTiffStack(in.resolve("a_tissue.tif").toString());
		new FileSaver(SyntheticScans.crop(sample, 80, 30, 48, 48, 16)).saveAsTiffStack(in.resolve("b_instrument.tif").toString());
		new FileSaver(SyntheticScans.crop(sample, 0, 0, 48, 48, 3)).saveAsTiffStack(in.resolve("c_three_bands.tif").toString());
		Files.writeString(in.resolve("notes.txt"), "not a scan");
	}

	@Test
	void loopsTheFolderSkipsTheBrokenScanAndSummarisesTheTrustedPixels(@TempDir final Path tmp) throws Exception {
		final Path in = tmp.resolve("scans"), out = tmp.resolve("out");
		scans(in);
		final String log;
		try (MacroResult r = Macros.run("batch.ijm", "in=[" + in + "] out=[" + out + "] samples=20")) {
			log = r.log();
		}
		assertTrue(log.contains("skipped c_three_bands.tif: 1 channels, 3 slices, 1 frames; expected a 16-band spectral image"), log);
		assertTrue(log.contains("batch: 2 scans done, 1 skipped"), log);
		assertFalse(Files.exists(out.resolve("c_three_bands_ood_mask.tif")));

		final List<String> rows = Files.readAllLines(out.resolve("batch_summary.csv"));
		assertEquals(3, rows.size(), rows.toString());
		final List<String> header = Arrays.asList(rows.get(0).split(","));
		final int file = header.indexOf("file"), ood = header.indexOf("ood_pixels"), pixels = header.indexOf("pixels"), median = header.indexOf("median_sO2");
		double instrumentOod = 0, tissueOod = 1;
		for (final String row : rows.subList(1, 3)) {
			final String[] v = row.split(",");
			final String base = v[file].replace(".tif", "");
			final ImagePlus mask = IJ.openImage(out.resolve(base + "_ood_mask.tif").toString());
			final ImagePlus sO2 = IJ.openImage(out.resolve(base + "_sO2_median.tif").toString());
			int flagged = 0;
			final List<Float> trusted = new ArrayList<>();
			for (int i = 0; i < 48 * 48; i++) {
				final boolean out_ = mask.getProcessor().get(i) == 255;
				final float s = sO2.getProcessor().getf(i);
				if (out_) {
					flagged++;
					assertTrue(Float.isNaN(s), base + ": a flagged pixel was estimated");
				}
				else if (Float.isFinite(s)) trusted.add(s);
			}
			assertEquals(48 * 48, Integer.parseInt(v[pixels]), base);
			assertEquals(flagged, Integer.parseInt(v[ood]), base);
			trusted.sort(null);
			final int n = trusted.size();
			final double expected = n % 2 == 1 ? trusted.get(n / 2) : (trusted.get(n / 2 - 1) + trusted.get(n / 2)) / 2;
			assertEquals(expected, Double.parseDouble(v[median]), 1e-6, base + ": median sO2 of the trusted pixels");
			assertTrue(expected > 0 && expected < 1, base + " median sO2 " + expected);
			if (base.startsWith("b_")) instrumentOod = flagged / (48.0 * 48);
			else tissueOod = flagged / (48.0 * 48);
		}
		assertTrue(instrumentOod > 0.2, "the crop over the instrument is mostly out of distribution: " + instrumentOod);
		assertTrue(tissueOod < 0.05, "the tissue crop is trusted: " + tissueOod);
	}
}
