package org.innsight.macro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.innsight.dalsa.Dice;
import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.VolumeImages;
import org.innsight.dalsa.io.ClassifierFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

@RunsMacros("dalsa.ijm")
class DalsaMacroTest {

	private static LabelVolume labels(final Path file) {
		final ImagePlus imp = IJ.openImage(file.toString());
		return VolumeImages.labels(imp, file.toString());
	}

	@Test
	void macroTrainsSavesAndReappliesTheClassifier(@TempDir final Path out) throws Exception {
		try (MacroResult result = Macros.run("dalsa.ijm", "out=[" + out + "]")) {
			assertTrue(result.log().contains("DALSA: "), result.log());
		}
		assertTrue(Files.size(out.resolve("phantom.dalsa")) > 1000);
		assertEquals(java.util.List.of("healthy", "oedema", "enhancing", "necrosis"), ClassifierFile.load(out.resolve("phantom.dalsa")).classNames());
		final LabelVolume truth = labels(out.resolve("truth.tif"));
		final LabelVolume trained = labels(out.resolve("labels.tif"));
		final LabelVolume applied = labels(out.resolve("applied_labels.tif"));
		assertEquals(96 * 96 * 64, trained.size());
		assertArrayEquals(trained.labels, applied.labels, "the saved classifier segments exactly as the trained one");
		final double wholeTumour = Dice.of(trained, truth, 2, 3, 4);
		assertTrue(wholeTumour > 0.85, "whole-tumour Dice " + wholeTumour);
		final ImagePlus p = IJ.openImage(out.resolve("probabilities.tif").toString());
		assertEquals(4, p.getNChannels());
		assertEquals(64, p.getNSlices());
	}
}
