package org.innsight.image;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

import org.innsight.progress.ProgressListener;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Measures {@link Tiling} on a synthetic float32 image (x, y, channels): the per-pixel channel mean, its speed and
 * the heap it needs relative to the image. Backs {@code innsight bench tiling}.
 */
public final class TilingBenchmark {

	/**
	 * @param imageBytes size of the input image
	 * @param heapGrowthBytes peak heap during the run (sum of heap pools' peaks) minus the heap in use before the
	 *          image was allocated: input, output, tile blocks and any garbage
	 * @param seconds time of the tiled run alone
	 * @param exact whether every result equals the mean computed directly
	 */
	public record Result(int size, int channels, int tile, int threads, long imageBytes, long heapGrowthBytes, double seconds,
		boolean exact)
	{
		public double megapixelsPerSecond() {
			return (double) size * size / seconds / 1e6;
		}

		public double heapGrowthPerImageSize() {
			return (double) heapGrowthBytes / imageBytes;
		}
	}

	private TilingBenchmark() {}

	public static Result run(final int size, final int channels, final int tile, final int threads, final ProgressListener progress) {
		System.gc();
		final long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		final PlanarImg<FloatType, FloatArray> in = PlanarImgs.floats(size, size, channels);
		for (int c = 0; c < channels; c++) {
			final float[] plane = in.getPlane(c).getCurrentStorageArray();
			for (int i = 0; i < plane.length; i++) plane[i] = value(i % size, i / size, c);
		}
		final ArrayImg<FloatType, FloatArray> out = ArrayImgs.floats(size, size);
		System.gc();
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
		final long start = System.nanoTime();
		new Tiling(tile, tile, threads).run(in, out, block -> {
			final float[] px = block.pixels(), res = block.results();
			for (int p = 0; p < block.count(); p++) {
				float sum = 0;
				for (int c = 0; c < channels; c++) sum += px[p * channels + c];
				res[p] = sum / channels;
			}
		}, progress);
		final double seconds = (System.nanoTime() - start) / 1e9;
		long peak = 0;
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
		final float[] result = out.update(null).getCurrentStorageArray();
		boolean exact = true;
		for (int i = 0; i < result.length && exact; i++) {
			float sum = 0;
			for (int c = 0; c < channels; c++) sum += value(i % size, i / size, c);
			exact = sum / channels == result[i];
		}
		return new Result(size, channels, tile, threads, 4L * size * size * channels, peak - before, seconds, exact);
	}

	/** Whole numbers below 1000, so channel sums and means are exact in float. */
	private static float value(final long x, final long y, final long c) {
		return (x * 7 + y * 13 + c * 101) % 1000;
	}
}
