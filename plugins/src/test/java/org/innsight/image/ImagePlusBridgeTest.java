package org.innsight.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

class ImagePlusBridgeTest {

	@Test
	void eightBitPlaneIsSharedBothWays() {
		final ByteProcessor ip = new ByteProcessor(6, 4);
		for (int i = 0; i < 24; i++) ip.set(i, i * 10); // up to 230: unsigned values above 127
		final ImagePlus imp = new ImagePlus("u8", ip);
		final CalibratedImage<UnsignedByteType> view = ImagePlusBridge.wrap(imp);
		assertInstanceOf(ArrayImg.class, view.image());
		assertArrayEquals(new long[] { 6, 4 }, view.image().dimensionsAsLongArray());
		assertEquals(230, view.image().getAt(5, 3).get());
		view.image().getAt(2, 1).set(201);
		assertEquals(201, ip.get(2, 1));
		ip.set(0, 0, 255);
		assertEquals(255, view.image().getAt(0, 0).get());
		final ImagePlus back = ImagePlusBridge.toImagePlus(view);
		assertSame(ip.getPixels(), back.getProcessor().getPixels());
	}

	@Test
	void sixteenBitPlaneIsSharedBothWays() {
		final ShortProcessor ip = new ShortProcessor(5, 3);
		for (int i = 0; i < 15; i++) ip.set(i, 65535 - i * 1000);
		final ImagePlus imp = new ImagePlus("u16", ip);
		final CalibratedImage<UnsignedShortType> view = ImagePlusBridge.wrap(imp);
		assertEquals(65535, view.image().getAt(0, 0).get());
		assertEquals(65535 - 14000, view.image().getAt(4, 2).get());
		view.image().getAt(1, 1).set(40000);
		assertEquals(40000, ip.get(1, 1));
		final ImagePlus back = ImagePlusBridge.toImagePlus(view);
		assertEquals(16, back.getBitDepth());
		assertSame(ip.getPixels(), back.getProcessor().getPixels());
	}

	@Test
	void floatPlaneIsSharedBothWays() {
		final FloatProcessor ip = new FloatProcessor(4, 4);
		for (int i = 0; i < 16; i++) ip.setf(i, i * 0.5f - 3);
		final CalibratedImage<FloatType> view = ImagePlusBridge.wrap(new ImagePlus("f32", ip));
		assertEquals(-3f, view.image().getAt(0, 0).get());
		assertEquals(4.5f, view.image().getAt(3, 3).get());
		view.image().getAt(2, 3).set(-7.25f);
		assertEquals(-7.25f, ip.getf(2, 3));
		assertSame(ip.getPixels(), ImagePlusBridge.toImagePlus(view).getProcessor().getPixels());
	}

	@Test
	void hyperstackIsAFiveDimensionalPlanarViewOfTheSameArrays() {
		final int w = 7, h = 5, nc = 3, nz = 4, nt = 2;
		final ImagePlus imp = hyperstack(w, h, nc, nz, nt);
		final CalibratedImage<FloatType> view = ImagePlusBridge.wrap(imp);
		assertInstanceOf(PlanarImg.class, view.image());
		assertEquals("xyczt", view.axes().letters());
		assertArrayEquals(new long[] { w, h, nc, nz, nt }, view.image().dimensionsAsLongArray());
		final RandomAccess<FloatType> ra = view.image().randomAccess();
		for (int t = 0; t < nt; t++)
			for (int z = 0; z < nz; z++)
				for (int c = 0; c < nc; c++)
					for (int y = 0; y < h; y++)
						for (int x = 0; x < w; x++)
							assertEquals(value(x, y, c, z, t), ra.setPositionAndGet(x, y, c, z, t).get());
		// write through ImgLib2, read through ImageJ, and the other way
		ra.setPositionAndGet(6, 4, 2, 3, 1).set(-1);
		assertEquals(-1f, imp.getStack().getProcessor(imp.getStackIndex(3, 4, 2)).getf(6, 4));
		imp.getStack().getProcessor(imp.getStackIndex(2, 1, 2)).setf(0, 3, -2);
		assertEquals(-2f, ra.setPositionAndGet(0, 3, 1, 0, 1).get());

		final ImagePlus back = ImagePlusBridge.toImagePlus(view);
		assertArrayEquals(new int[] { w, h, nc, nz, nt }, back.getDimensions());
		for (int i = 1; i <= imp.getStackSize(); i++)
			assertSame(imp.getStack().getPixels(i), back.getStack().getPixels(i));
	}

	@Test
	void roundTripKeepsEveryPixelTypeAndItsStackLayout() {
		for (final int bitDepth : new int[] { 8, 16, 32 }) {
			final ImagePlus imp = ij.IJ.createHyperStack("t" + bitDepth, 6, 5, 2, 3, 2, bitDepth);
			for (int i = 1; i <= imp.getStackSize(); i++)
				for (int p = 0; p < 30; p++)
					imp.getStack().getProcessor(i).setf(p, (i * 31 + p * 7) % 250);
			final ImagePlus back = ImagePlusBridge.toImagePlus(ImagePlusBridge.wrap(imp));
			assertEquals(bitDepth, back.getBitDepth());
			assertArrayEquals(imp.getDimensions(), back.getDimensions());
			assertTrue(back.isHyperStack());
			for (int i = 1; i <= imp.getStackSize(); i++)
				assertSame(imp.getStack().getPixels(i), back.getStack().getPixels(i), "plane " + i + " of " + bitDepth + "-bit");
		}
	}

	@Test
	void calibrationAndAxisOrderSurviveTheRoundTrip() {
		final ImagePlus imp = hyperstack(4, 3, 1, 5, 3);
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.5;
		cal.pixelHeight = 0.25;
		cal.pixelDepth = 2;
		cal.xOrigin = 4;
		cal.yOrigin = -2;
		cal.zOrigin = 1.5;
		cal.setUnit("mm");
		cal.frameInterval = 3;
		cal.setTimeUnit("min");
		final CalibratedImage<FloatType> view = ImagePlusBridge.wrap(imp);
		assertEquals("xyzt", view.axes().letters());
		assertEquals(new Axis(AxisType.X, 0.5, -2, "mm"), view.axes().axis(AxisType.X));
		assertEquals(new Axis(AxisType.Y, 0.25, 0.5, "mm"), view.axes().axis(AxisType.Y));
		assertEquals(new Axis(AxisType.Z, 2, -3, "mm"), view.axes().axis(AxisType.Z));
		assertEquals(new Axis(AxisType.TIME, 3, 0, "min"), view.axes().axis(AxisType.TIME));
		final Calibration back = ImagePlusBridge.toImagePlus(view).getCalibration();
		assertEquals(0.5, back.pixelWidth);
		assertEquals(0.25, back.pixelHeight);
		assertEquals(2, back.pixelDepth);
		assertEquals(4, back.xOrigin, 1e-12);
		assertEquals(-2, back.yOrigin, 1e-12);
		assertEquals(1.5, back.zOrigin, 1e-12);
		assertEquals("mm", back.getUnit());
		assertEquals("mm", back.getZUnit());
		assertEquals(3, back.frameInterval);
		assertEquals("min", back.getTimeUnit());
	}

	@Test
	void planarImageInAnotherAxisOrderSharesItsPlanesInImageJOrder() {
		// dimensions x, y, z, c: ImageJ wants c fastest, so planes are re-ordered by reference, not copied
		final PlanarImg<UnsignedShortType, ?> img = PlanarImgs.unsignedShorts(3, 2, 4, 2);
		final RandomAccess<UnsignedShortType> ra = img.randomAccess();
		for (int c = 0; c < 2; c++)
			for (int z = 0; z < 4; z++)
				ra.setPositionAndGet(1, 1, z, c).set(100 * c + z);
		final ImagePlus imp = ImagePlusBridge.toImagePlus(new CalibratedImage<>(img, Axes.of("xyzc"), "zc"));
		assertArrayEquals(new int[] { 3, 2, 2, 4, 1 }, imp.getDimensions());
		for (int c = 0; c < 2; c++)
			for (int z = 0; z < 4; z++) {
				final int index = imp.getStackIndex(c + 1, z + 1, 1);
				assertEquals(100 * c + z, imp.getStack().getProcessor(index).get(1, 1));
				assertSame(((net.imglib2.img.basictypeaccess.array.ShortArray) img.getPlane(z + 4 * c)).getCurrentStorageArray(),
					imp.getStack().getPixels(index));
			}
	}

	@Test
	void otherImagesAreCopiedWithTheirValues() {
		// an ArrayImg with channels cannot share planes; a double image becomes 32-bit; a transposed view is re-ordered
		final ArrayImg<UnsignedByteType, ?> bytes = ArrayImgs.unsignedBytes(4, 3, 2);
		bytes.forEach(t -> t.set(0));
		bytes.getAt(3, 2, 1).set(250);
		final ImagePlus fromBytes = ImagePlusBridge.toImagePlus(new CalibratedImage<>(bytes, Axes.of("xyc"), "b"));
		assertEquals(8, fromBytes.getBitDepth());
		assertEquals(250, fromBytes.getStack().getProcessor(2).get(3, 2));

		final ArrayImg<DoubleType, ?> doubles = ArrayImgs.doubles(new double[] { 1.5, 2.5, 3.5, 4.5, 5.5, 6.5 }, 3, 2);
		final RandomAccessibleInterval<DoubleType> yx = Views.permute(doubles, 0, 1); // dims: y (size 2), x (size 3)
		final ImagePlus fromDoubles = ImagePlusBridge.toImagePlus(new CalibratedImage<>(yx, Axes.of("yx"), "d"));
		assertEquals(32, fromDoubles.getBitDepth());
		assertEquals(3, fromDoubles.getWidth());
		assertEquals(2, fromDoubles.getHeight());
		assertEquals(6.5f, fromDoubles.getProcessor().getf(2, 1));
		assertEquals(2.5f, fromDoubles.getProcessor().getf(1, 0));
		assertNotSame(doubles, fromDoubles.getProcessor().getPixels());
	}

	@Test
	void singletonAxesAreDroppedAndAPlainStackIsZ() {
		final ImageStack stack = new ImageStack(3, 3);
		for (int i = 0; i < 4; i++) stack.addSlice(new FloatProcessor(3, 3));
		final CalibratedImage<FloatType> view = ImagePlusBridge.wrap(new ImagePlus("stack", stack));
		assertEquals("xyz", view.axes().letters());
		assertEquals(4, view.size(AxisType.Z));
		assertEquals(1, view.size(AxisType.CHANNEL));
	}

	@Test
	void rgbImagesAreRefusedWithAReason() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> ImagePlusBridge.wrap(new ImagePlus("colour", new ColorProcessor(2, 2))));
		assertTrue(e.getMessage().contains("'colour' is RGB"), e.getMessage());
	}

	static float value(final int x, final int y, final int c, final int z, final int t) {
		return x + 10 * y + 100 * c + 1000 * z + 10000 * t + 0.5f;
	}

	static ImagePlus hyperstack(final int w, final int h, final int nc, final int nz, final int nt) {
		final ImagePlus imp = ij.IJ.createHyperStack("hyper", w, h, nc, nz, nt, 32);
		for (int t = 0; t < nt; t++)
			for (int z = 0; z < nz; z++)
				for (int c = 0; c < nc; c++) {
					final ij.process.ImageProcessor ip = imp.getStack().getProcessor(imp.getStackIndex(c + 1, z + 1, t + 1));
					for (int y = 0; y < h; y++)
						for (int x = 0; x < w; x++)
							ip.setf(x, y, value(x, y, c, z, t));
				}
		return imp;
	}
}
