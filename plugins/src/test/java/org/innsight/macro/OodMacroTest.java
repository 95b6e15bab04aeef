package org.innsight.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

/**
 * Issue 6 target on the sample data, through the shipped macro and the committed default model: the metal
 * instrument in sample-data/msi is flagged (>= 90% of its pixels) while at most 5% of the tissue pixels are.
 */
@RunsMacros("ood.ijm")
class OodMacroTest {

	@Test
	void macroFlagsTheForeignPatchOfTheSampleImageAndFewTissuePixels(@TempDir final Path out) throws Exception {
		try (MacroResult result = Macros.run("ood.ijm", "image=[" + Macros.repo().resolve("sample-data/msi/image.tif") + "] out=[" + out + "]")) {
			assertTrue(result.log().contains("out of distribution: "), result.log());
		}
		final Path maskFile = out.resolve("ood_mask.tif"), scoreFile = out.resolve("ood_score.tif");
		assertTrue(Files.isRegularFile(maskFile) && Files.isRegularFile(scoreFile));
		final ImagePlus mask = IJ.openImage(maskFile.toString());
		final ImagePlus score = IJ.openImage(scoreFile.toString());
		final ImagePlus foreign = IJ.openImage(Macros.repo().resolve("sample-data/msi/foreign_mask.tif").toString());
		assertEquals(8, mask.getBitDepth());
		assertEquals(32, score.getBitDepth());
		assertEquals(foreign.getWidth(), mask.getWidth());
		assertEquals(foreign.getHeight(), mask.getHeight());
		int patch = 0, patchFlagged = 0, tissue = 0, tissueFlagged = 0;
		for (int y = 0; y < mask.getHeight(); y++)
			for (int x = 0; x < mask.getWidth(); x++) {
				final int m = mask.getProcessor().get(x, y);
				assertTrue(m == 0 || m == 255, "mask value " + m);
				assertTrue(Float.isFinite(score.getProcessor().getf(x, y)), "score at " + x + "," + y);
				if (foreign.getProcessor().get(x, y) != 0) {
					patch++;
					if (m == 255) patchFlagged++;
				}
				else {
					tissue++;
					if (m == 255) tissueFlagged++;
				}
			}
		assertEquals(886, patch, "foreign patch size of the committed sample");
		final double patchRate = patchFlagged / (double) patch, tissueRate = tissueFlagged / (double) tissue;
		System.out.printf("sample-data/msi: foreign patch flagged %.1f%%, tissue flagged %.2f%%%n", 100 * patchRate, 100 * tissueRate);
		assertTrue(patchRate >= 0.90, "foreign patch flagged " + patchRate);
		assertTrue(tissueRate <= 0.05, "tissue flagged " + tissueRate);
	}
}
