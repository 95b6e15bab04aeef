package org.innsight.macro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

@RunsMacros("info_and_normalise.ijm")
class InfoAndNormaliseMacroTest {

	@Test
	void macroLogsTheEngineAndSavesUnitLengthSpectra(@TempDir final Path out) throws Exception {
		try (MacroResult result = Macros.run("info_and_normalise.ijm", "out=[" + out + "]")) {
			assertTrue(result.log().contains("engine:  PyTorch"), result.log());
			assertTrue(result.log().contains("device:  cpu -> cpu()"), result.log());
		}
		final Path tif = out.resolve("spectrum_normalised.tif");
		assertTrue(Files.isRegularFile(tif));
		final ImagePlus saved = IJ.openImage(tif.toString());
		assertEquals(32, saved.getBitDepth());
		assertEquals(4, saved.getWidth());
		assertEquals(3, saved.getHeight());
		assertEquals(3, saved.getNChannels());
		assertArrayEquals(new String[] { "520nm", "560nm", "600nm" }, new String[] { saved.getStack().getSliceLabel(1),
			saved.getStack().getSliceLabel(2), saved.getStack().getSliceLabel(3) });
		for (int y = 0; y < 3; y++) {
			for (int x = 0; x < 4; x++) {
				// the macro wrote (c+1)*(x+1) + y into channel c (0-based); L2 makes the spectrum unit length
				final double[] v = new double[3];
				double sum = 0;
				for (int c = 0; c < 3; c++) {
					v[c] = (c + 1) * (x + 1) + y;
					sum += v[c] * v[c];
				}
				for (int c = 0; c < 3; c++) {
					final float got = saved.getStack().getProcessor(c + 1).getf(x, y);
					assertEquals(v[c] / Math.sqrt(sum), got, 1e-6, "pixel " + x + "," + y + " channel " + c);
				}
			}
		}
	}
}
