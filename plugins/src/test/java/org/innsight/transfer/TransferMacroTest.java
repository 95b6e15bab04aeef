package org.innsight.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.innsight.macro.MacroResult;
import org.innsight.macro.Macros;
import org.innsight.macro.RunsMacros;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

/** macros/transfer.ijm with the shipped default model: real -> simulation -> real on a small synthetic image. */
@RunsMacros("transfer.ijm")
class TransferMacroTest {

	@Test
	void macroTransfersAnImageAndBackToNearlyTheSameUnitLengthSpectra(@TempDir final Path out) throws Exception {
		try (MacroResult result = Macros.run("transfer.ijm", "out=[" + out + "]")) {
			assertTrue(result.log().contains("round_trip.tif"), result.log());
		}
		final ImagePlus there = IJ.openImage(out.resolve("real_transferred.tif").toString());
		final ImagePlus back = IJ.openImage(out.resolve("round_trip.tif").toString());
		assertEquals(16, there.getNChannels());
		assertEquals("500nm", there.getStack().getSliceLabel(1));
		assertEquals("800nm", back.getStack().getSliceLabel(16));
		double maxChange = 0, maxRoundTrip = 0;
		for (int y = 0; y < 8; y++)
			for (int x = 0; x < 8; x++) {
				// the macro's input pixel, L2-normalised
				final double[] in = new double[16];
				double ss = 0;
				for (int c = 0; c < 16; c++) {
					in[c] = 0.05 + 0.01 * y + (0.25 + 0.02 * x) / (1 + Math.exp(-(500 + 20 * c - 600) / 15.0));
					ss += in[c] * in[c];
				}
				double nThere = 0;
				for (int c = 0; c < 16; c++) {
					in[c] /= Math.sqrt(ss);
					final double t = there.getStack().getProcessor(c + 1).getf(x, y), b = back.getStack().getProcessor(c + 1).getf(x, y);
					nThere += t * t;
					maxChange = Math.max(maxChange, Math.abs(t - in[c]));
					maxRoundTrip = Math.max(maxRoundTrip, Math.abs(b - in[c]));
				}
				assertEquals(1, Math.sqrt(nThere), 1e-5, "pixel " + x + "," + y + " is unit length");
			}
		// the real camera's halogen lamp and filters change the spectra a lot; going back undoes that closely
		// (not to float precision here: each transfer re-projects its output onto the unit sphere)
		assertTrue(maxChange > 0.05, "transfer changed the spectra by at most " + maxChange);
		assertTrue(maxRoundTrip < 0.01, "round trip error " + maxRoundTrip);
	}
}
