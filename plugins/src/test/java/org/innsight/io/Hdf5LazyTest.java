package org.innsight.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;

class Hdf5LazyTest {

	@TempDir
	Path dir;

	@Test
	void aCyxDatasetIsReadTileByTileWithItsWavelengths() throws IOException {
		// 7 x 5 pixels, 3 channels: value x + 10 y + 100 c
		final ImageStack stack = new ImageStack(7, 5);
		for (int c = 0; c < 3; c++) {
			final FloatProcessor fp = new FloatProcessor(7, 5);
			for (int y = 0; y < 5; y++) for (int x = 0; x < 7; x++) fp.setf(x, y, x + 10 * y + 100 * c);
			stack.addSlice((500 + 100 * c) + "nm", fp);
		}
		final ImagePlus imp = new ImagePlus("scan", stack);
		imp.setDimensions(3, 1, 1);
		final Path file = dir.resolve("scan.h5");
		Hdf5Images.write(imp, file, Hdf5Images.DEFAULT_DATASET, List.of());
		try (Hdf5Lazy lazy = Hdf5Lazy.open(file, Hdf5Images.DEFAULT_DATASET, 4, 2)) {
			assertArrayEquals(new long[] { 7, 5, 3 }, lazy.image().image().dimensionsAsLongArray());
			assertArrayEquals(new double[] { 500, 600, 700 }, lazy.image().wavelengthsNm());
			final RandomAccess<FloatType> ra = lazy.image().image().randomAccess();
			for (int c = 0; c < 3; c++)
				for (int y = 0; y < 5; y++)
					for (int x = 0; x < 7; x++) {
						ra.setPosition(new long[] { x, y, c });
						assertEquals(x + 10 * y + 100 * c, ra.get().get(), 0);
					}
		}
		final IOException e = assertThrows(IOException.class, () -> Hdf5Lazy.open(file, "/nothing", 4, 2));
		assertTrue(e.getMessage().contains("nothing") && e.getMessage().contains("scan.h5"), e.getMessage());
	}
}
