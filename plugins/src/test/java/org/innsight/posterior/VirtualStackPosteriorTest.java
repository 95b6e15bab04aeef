package org.innsight.posterior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import org.innsight.image.SpectralImage;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A Fiji virtual stack (planes in files on disk, read when shown) is an input like any other: its planes are read
 * when a tile needs them, not all at once, and its posterior is the posterior of the same image loaded whole.
 */
class VirtualStackPosteriorTest {

	private static final double[] NM = { 500, 520, 540, 560 };
	private static final int W = 21, H = 18, CHANNELS = NM.length, FRAMES = 2;

	@TempDir
	Path tmp;

	/**
	 * An image sequence as File > Import > Image Sequence opens it virtually, one TIFF per plane ({@code t2-540nm.tif}:
	 * frame 2, 540 nm); counts every plane's reads.
	 */
	private static final class CountingStack extends VirtualStack {
		final int[] reads;

		CountingStack(final Path folder, final int planes) {
			super(W, H, null, folder + "/");
			reads = new int[planes + 1];
		}

		@Override
		public ImageProcessor getProcessor(final int n) {
			synchronized (reads) {
				reads[n]++;
			}
			return super.getProcessor(n);
		}
	}

	/** 4 channels x 2 frames of 16-bit counts, channels labelled with their wavelengths. */
	private static ImagePlus whole() {
		final SplittableRandom random = new SplittableRandom(7);
		final ImageStack stack = new ImageStack(W, H);
		for (int i = 0; i < CHANNELS * FRAMES; i++) {
			final ShortProcessor p = new ShortProcessor(W, H);
			for (int k = 0; k < W * H; k++) p.set(k, 1 + random.nextInt(60000));
			stack.addSlice(Math.round(NM[i % CHANNELS]) + "nm", p);
		}
		final ImagePlus imp = new ImagePlus("tissue", stack);
		imp.setDimensions(CHANNELS, 1, FRAMES);
		imp.setOpenAsHyperStack(true);
		return imp;
	}

	private CountingStack sequence(final ImagePlus whole) {
		final Path folder = tmp.resolve("sequence");
		folder.toFile().mkdirs();
		final CountingStack stack = new CountingStack(folder, whole.getStackSize());
		stack.setBitDepth(16);
		for (int i = 1; i <= whole.getStackSize(); i++) {
			// a virtual stack's planes are labelled with their file names (until read): these name the wavelengths
			final String name = String.format("t%d-%s.tif", (i - 1) / CHANNELS + 1, whole.getStack().getSliceLabel(i));
			IJ.saveAsTiff(new ImagePlus(name, whole.getStack().getProcessor(i)), folder.resolve(name).toString());
			stack.addSlice(name);
		}
		return stack;
	}

	private static ImagePlus virtual(final String title, final ImageStack stack) {
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(CHANNELS, 1, FRAMES);
		imp.setOpenAsHyperStack(true);
		return imp;
	}

	@Test
	void aVirtualStackIsReadPlaneByPlaneWhenAPixelNeedsIt() {
		final CountingStack stack = sequence(whole());
		final ImagePlus imp = virtual("sequence", stack);
		assertTrue(imp.getStack().isVirtual());
		Arrays.fill(stack.reads, 0); // ImageJ reads plane 1 to show the image
		final SpectralImage spectra = SpectralImage.of(imp);
		assertArrayEquals(NM, spectra.wavelengthsNm());
		assertEquals(0, Arrays.stream(stack.reads).sum(), "making the view reads nothing");

		final RandomAccess<FloatType> at = spectra.image().randomAccess();
		at.setPosition(new long[] { 3, 5, 2, 1 });
		assertEquals(whole().getStack().getProcessor(CHANNELS + 3).getf(3, 5), at.get().get());
		assertArrayEquals(new int[] { 0, 0, 0, 0, 0, 0, 0, 1, 0 }, stack.reads, "only frame 2, channel 3 (plane 7)");
		for (int c = 0; c < CHANNELS; c++) {
			at.setPosition(c, 2);
			at.get().get();
		}
		assertArrayEquals(new int[] { 0, 0, 0, 0, 0, 1, 1, 1, 1 }, stack.reads, "frame 2's spectrum, each plane once; frame 1 untouched");
	}

	@Test
	void theVirtualStacksPosteriorIsThatOfTheImageLoadedWhole() {
		final ImagePlus whole = whole();
		final PosteriorRequest request = PosteriorRequest.defaults().with(PosteriorRequest.SAMPLES, 30).with(PosteriorRequest.TILE_SIZE, 8);
		final Map<String, ImagePlus> expected = run(whole, request);

		final CountingStack stack = sequence(whole);
		final ImagePlus sequence = virtual("tissue", stack);
		Arrays.fill(stack.reads, 0);
		same(expected, run(sequence, request));
		for (int n = 1; n <= CHANNELS * FRAMES; n++) assertEquals(1, stack.reads[n], "plane " + n + " is read once");

		// a virtual TIFF (File > Import > TIFF Virtual Stack): FileInfoVirtualStack
		final String file = tmp.resolve("tissue.tif").toString();
		IJ.saveAsTiff(whole, file);
		final ImagePlus tiff = IJ.openVirtual(file);
		assertTrue(tiff.getStack().isVirtual());
		assertEquals(FRAMES, tiff.getNFrames());
		same(expected, run(tiff, request));
	}

	@Test
	void aVirtualMaskIsReadOnce() {
		final ImagePlus whole = whole();
		final ByteProcessor disc = new ByteProcessor(W, H);
		disc.setValue(255);
		disc.fillOval(2, 3, 15, 12);
		final Path folder = tmp.resolve("masks");
		folder.toFile().mkdirs();
		IJ.saveAsTiff(new ImagePlus("disc", disc), folder.resolve("disc.tif").toString());
		final CountingStack stack = new CountingStack(folder, 1);
		stack.setBitDepth(8);
		stack.addSlice("disc.tif");
		final ImagePlus mask = new ImagePlus("disc", stack);
		Arrays.fill(stack.reads, 0);
		final PosteriorRequest request = PosteriorRequest.defaults().with(PosteriorRequest.SAMPLES, 10);
		final TissuePosterior.Result virtual = TissuePosterior.run(whole, mask, null, false, new KnownPosterior(NM), request, ProgressListener.NONE);
		assertEquals(1, stack.reads[1], "the mask's plane is read once, not once per pixel");
		final TissuePosterior.Result loaded = TissuePosterior.run(whole, new ImagePlus("disc", disc), null, false, new KnownPosterior(NM), request,
			ProgressListener.NONE);
		int inside = 0;
		for (int k = 0; k < W * H; k++) if (disc.get(k) != 0) inside++;
		assertEquals(inside * FRAMES, virtual.counts().estimated(), virtual.counts().toString());
		assertEquals(loaded.counts(), virtual.counts());
		same(loaded.outputs().images(), virtual.outputs().images());
	}

	private static Map<String, ImagePlus> run(final ImagePlus image, final PosteriorRequest request) {
		return TissuePosterior.run(image, null, null, false, new KnownPosterior(NM), request, ProgressListener.NONE).outputs().images();
	}

	private static void same(final Map<String, ImagePlus> expected, final Map<String, ImagePlus> actual) {
		assertEquals(expected.keySet(), actual.keySet());
		for (final String name : expected.keySet()) {
			final ImageStack e = expected.get(name).getStack(), a = actual.get(name).getStack();
			assertEquals(e.getSize(), a.getSize(), name);
			for (int i = 1; i <= e.getSize(); i++)
				assertArrayEquals((float[]) e.getPixels(i), (float[]) a.getPixels(i), name + " plane " + i);
		}
	}
}
