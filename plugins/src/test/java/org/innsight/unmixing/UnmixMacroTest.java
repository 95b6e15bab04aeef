package org.innsight.unmixing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;

import org.innsight.cli.InnSightCli;
import org.innsight.macro.MacroResult;
import org.innsight.macro.Macros;
import org.innsight.macro.RunsMacros;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;

/**
 * {@code macros/unmix.ijm} on the sample image: the Fiji command's maps are {@code innsight unmix}'s, pixel for pixel,
 * and the mean sO2 it logs is the mean of the map's fitted pixels. (The real ImageJ2 runtime runs it too:
 * {@code EveryMacroInRealRuntimeIT}.)
 */
@RunsMacros("unmix.ijm")
class UnmixMacroTest {

	@TempDir
	Path tmp;

	@Test
	void macroMapsMatchTheCommandLine() throws Exception {
		final Path image = Macros.repo().resolve("sample-data/msi/image.tif"), macroOut = tmp.resolve("macro"), cli = tmp.resolve("cli");
		final String log;
		try (MacroResult r = Macros.run("unmix.ijm", "image=[" + image + "] out=[" + macroOut + "]")) {
			log = r.log();
		}
		assertEquals(0, InnSightCli.run("unmix", image.toString(), "--camera", "msi-16band", "--out", cli.toString()));
		for (final String map : new String[] { "sO2_unmixed", "tHb_unmixed" })
			assertArrayEquals((float[]) IJ.openImage(cli.resolve(map + ".tif").toString()).getProcessor().getPixels(),
				(float[]) IJ.openImage(macroOut.resolve(map + ".tif").toString()).getProcessor().getPixels(), map);
		final float[] so2 = (float[]) IJ.openImage(cli.resolve("sO2_unmixed.tif").toString()).getProcessor().getPixels();
		double sum = 0;
		int n = 0;
		for (final float v : so2) if (Float.isFinite(v)) {
			sum += v;
			n++;
		}
		assertTrue(n > 0.9 * so2.length, "fitted " + n);
		assertTrue(log.contains(String.format(Locale.ROOT, "mean sO2 %.4f;", sum / n)), log);
	}
}
