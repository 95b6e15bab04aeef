package org.innsight.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.real.FloatType;

class TilingTest {

	/** Mean and maximum over channels: two results per pixel. */
	private static final PixelBlockFunction MEAN_AND_MAX = block -> {
		final float[] in = block.pixels(), out = block.results();
		final int c = block.inChannels();
		for (int p = 0; p < block.count(); p++) {
			float sum = 0, max = Float.NEGATIVE_INFINITY;
			for (int k = 0; k < c; k++) {
				sum += in[p * c + k];
				max = Math.max(max, in[p * c + k]);
			}
			out[2 * p] = sum / c;
			out[2 * p + 1] = max;
		}
	};

	private static float value(final long x, final long y, final long c, final long t) {
		return (x * 7 + y * 13 + c * 101 + t * 1009) % 1000;
	}

	@Test
	void everyPixelIsProcessedOnceWithTilesThatDoNotDivideTheImage() {
		final int w = 37, h = 23, channels = 5;
		final ArrayImg<FloatType, FloatArray> in = ArrayImgs.floats(w, h, channels);
		final RandomAccess<FloatType> ra = in.randomAccess();
		for (int c = 0; c < channels; c++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					ra.setPositionAndGet(x, y, c).set(value(x, y, c, 0));
		for (final int threads : new int[] { 1, 2 }) {
			final ArrayImg<FloatType, FloatArray> out = ArrayImgs.floats(w, h, 2);
			final List<Long> progress = new ArrayList<>();
			new Tiling(8, 5, threads).run(in, out, MEAN_AND_MAX, (done, total, message) -> {
				progress.add(done);
				assertEquals(5 * 5, total); // ceil(37/8) * ceil(23/5)
			});
			assertEquals(25, progress.size());
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					float sum = 0, max = Float.NEGATIVE_INFINITY;
					for (int c = 0; c < channels; c++) {
						sum += value(x, y, c, 0);
						max = Math.max(max, value(x, y, c, 0));
					}
					assertEquals(sum / channels, out.getAt(x, y, 0).get(), 0, "mean at " + x + "," + y + " with " + threads + " threads");
					assertEquals(max, out.getAt(x, y, 1).get(), 0);
				}
		}
	}

	@Test
	void framesAreVisitedAndASingleResultNeedsNoResultAxis() {
		final ArrayImg<FloatType, FloatArray> in = ArrayImgs.floats(6, 4, 3, 2); // x, y, channel, frame
		final RandomAccess<FloatType> ra = in.randomAccess();
		for (int t = 0; t < 2; t++)
			for (int c = 0; c < 3; c++)
				for (int y = 0; y < 4; y++)
					for (int x = 0; x < 6; x++)
						ra.setPositionAndGet(x, y, c, t).set(value(x, y, c, t));
		final ArrayImg<FloatType, FloatArray> out = ArrayImgs.floats(6, 4, 2); // x, y, frame: one result per pixel
		new Tiling(4, 4, 1).run(in, out, block -> {
			for (int p = 0; p < block.count(); p++)
				block.results()[p] = block.pixels()[p * 3 + 2] - block.pixels()[p * 3] + 1000 * block.frame();
		}, ProgressListener.NONE);
		for (int t = 0; t < 2; t++)
			for (int y = 0; y < 4; y++)
				for (int x = 0; x < 6; x++)
					assertEquals(value(x, y, 2, t) - value(x, y, 0, t) + 1000 * t, out.getAt(x, y, t).get(), 0);
	}

	@Test
	void resultsTheWorkDoesNotWriteAreNaN() {
		final ArrayImg<FloatType, FloatArray> out = ArrayImgs.floats(3, 3);
		new Tiling(2, 2, 1).run(ArrayImgs.floats(3, 3, 2), out, block -> {}, null);
		out.forEach(v -> assertTrue(Float.isNaN(v.get())));
	}

	@Test
	void mismatchedOutputAndFailingWorkAreReported() {
		final IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
			() -> new Tiling().run(ArrayImgs.floats(4, 4, 2), ArrayImgs.floats(4, 5), block -> {}, null));
		assertTrue(size.getMessage().contains("does not match"), size.getMessage());
		final IllegalStateException boom = new IllegalStateException("network failed");
		for (final int threads : new int[] { 1, 2 }) {
			final RuntimeException thrown = assertThrows(RuntimeException.class,
				() -> new Tiling(2, 2, threads).run(ArrayImgs.floats(8, 8, 1), ArrayImgs.floats(8, 8), block -> {
					throw boom;
				}, null));
			assertSame(boom, thrown);
		}
	}

	/**
	 * A 1024x1024x16 float32 image (64 MiB; the 4096x4096x16 case is {@code innsight bench tiling}) is averaged over
	 * its channels with heap growth under twice its own size, and every result is exact.
	 */
	@Test
	void aLargeImageIsProcessedWithBoundedMemory() {
		final int size = 1024, channels = 16;
		final long imageBytes = 4L * size * size * channels;
		System.gc();
		final long before = usedHeap();
		final PlanarImg<FloatType, FloatArray> in = PlanarImgs.floats(size, size, channels);
		for (int c = 0; c < channels; c++) {
			final float[] plane = in.getPlane(c).getCurrentStorageArray();
			for (int i = 0; i < plane.length; i++) plane[i] = value(i % size, i / size, c, 0);
		}
		final ArrayImg<FloatType, FloatArray> out = ArrayImgs.floats(size, size);
		final Tiling tiling = new Tiling(128, 128, 1);
		final int[] largestBlock = new int[1];
		System.gc();
		resetPeaks();
		tiling.run(in, out, block -> {
			largestBlock[0] = Math.max(largestBlock[0], block.pixels().length + block.results().length);
			final float[] px = block.pixels(), res = block.results();
			for (int p = 0; p < block.count(); p++) {
				float sum = 0;
				for (int c = 0; c < channels; c++) sum += px[p * channels + c];
				res[p] = sum / channels;
			}
		}, ProgressListener.NONE);
		final long growth = peakHeap() - before;
		assertEquals(128 * 128 * (channels + 1), largestBlock[0]);
		assertEquals(tiling.bufferFloats(channels, 1), largestBlock[0]);
		assertTrue(growth <= 2 * imageBytes, "heap grew by " + growth / (1 << 20) + " MiB for a " + imageBytes / (1 << 20) + " MiB image");
		final float[] result = out.update(null).getCurrentStorageArray();
		for (int i = 0; i < result.length; i++) {
			float sum = 0;
			for (int c = 0; c < channels; c++) sum += value(i % size, i / size, c, 0);
			if (sum / channels != result[i]) assertEquals(sum / channels, result[i], 0, "pixel " + i);
		}
	}

	private static long usedHeap() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static void resetPeaks() {
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
	}

	/** Sum of each heap pool's peak since the reset: at least the true peak of the whole heap. */
	private static long peakHeap() {
		long peak = 0;
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
		return peak;
	}

	@Test
	void aSinkReceivesEveryTileAtMultiplesOfTheTileSizeAndAWriteFailureStopsTheRun() {
		final ArrayImg<FloatType, FloatArray> in = ArrayImgs.floats(10, 7, 2, 3); // x, y, channel, frame
		final RandomAccess<FloatType> ra = in.randomAccess();
		for (int t = 0; t < 3; t++)
			for (int c = 0; c < 2; c++)
				for (int y = 0; y < 7; y++)
					for (int x = 0; x < 10; x++) {
						ra.setPosition(new long[] { x, y, c, t });
						ra.get().set(x + 10 * y + 100 * c + 1000 * t);
					}
		final float[] sums = new float[10 * 7 * 3];
		final List<String> tiles = new ArrayList<>();
		new Tiling(4, 4, 2).run(in, 1, block -> {
			for (int p = 0; p < block.count(); p++) block.results()[p] = block.pixels()[p * 2] + block.pixels()[p * 2 + 1];
		}, block -> {
			synchronized (tiles) {
				tiles.add(block.frame() + ":" + block.x0() + "," + block.y0() + " " + block.width() + "x" + block.height());
				for (int p = 0; p < block.count(); p++) {
					final long x = block.x0() + p % block.width(), y = block.y0() + p / block.width();
					sums[(int) ((block.frame() * 7 + y) * 10 + x)] = block.results()[p];
				}
			}
		}, null);
		assertEquals(3 * 3 * 2, tiles.size()); // 3 frames x 3 tiles across x 2 down
		assertTrue(tiles.contains("2:8,4 2x3"), tiles.toString());
		for (int t = 0; t < 3; t++)
			for (int y = 0; y < 7; y++)
				for (int x = 0; x < 10; x++)
					assertEquals(2 * (x + 10 * y + 1000 * t) + 100, sums[(t * 7 + y) * 10 + x], 0);
		final java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> new Tiling(4, 4, 1).run(in, 1, block -> {},
			block -> {
				throw new java.io.IOException("disk full writing tile " + block.x0());
			}, null));
		assertEquals("disk full writing tile 0", e.getMessage());
	}
}
