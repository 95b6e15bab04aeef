package org.innsight.fiji;

import org.innsight.image.DerivedImages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.WindowManager;
import ij.process.ByteProcessor;

class ResultImagesTest {

	private static ImagePlus titled(final String title) {
		return new ImagePlus(title, new ByteProcessor(2, 2));
	}

	@Test
	void resultTitlesDropTheFileExtensionAndAddTheSuffix() {
		assertEquals("scan_normalised", DerivedImages.title(titled("scan.tif"), "normalised"));
		assertEquals("scan.v2_sO2", DerivedImages.title(titled("scan.v2.nii"), "sO2"));
		assertEquals("cube_sO2", DerivedImages.title(titled("cube"), "sO2"));
		assertEquals("brain_mask", DerivedImages.title(titled("brain.nii.gz"), "mask"));
	}

	@Test
	void aShownResultIsFoundByTitleHeadless() {
		final ImagePlus imp = ResultImages.show(titled("x"), "x_result");
		try {
			assertSame(imp, WindowManager.getImage("x_result"));
		}
		finally {
			imp.close();
		}
	}
}
