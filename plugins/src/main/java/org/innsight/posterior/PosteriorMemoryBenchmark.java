package org.innsight.posterior;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;

import org.innsight.image.SpectralImage;
import org.innsight.progress.ProcessMemory;
import org.innsight.progress.ProgressListener;

/**
 * The posterior's memory over a long run: a SIZE x SIZE synthetic spectral image ({@link PosteriorBenchmark}) is
 * estimated {@code rounds} times, tile by tile, and the process's resident memory is read after every tile. It
 * answers two questions of issue 19: how high the peak goes against the image size, and whether memory keeps
 * growing across tiles (a leak, in the Java heap or in the engine's native memory) or stays flat after warm-up.
 * <p>
 * Resident memory is sampled, not integrated: the trend is the lowest resident size per window of tiles (the
 * floor the process returns to), and its native part is that minus the Java heap's resident pages at the same
 * moment ({@link ProcessMemory#heapResident()}; where that is unknown, the heap the JVM has committed, an upper
 * bound of its resident share).
 */
public final class PosteriorMemoryBenchmark {

	private PosteriorMemoryBenchmark() {}

	/** The lowest resident size in a window of tiles, and its part outside the committed Java heap. */
	public record Window(long firstTile, long lastTile, long minRssBytes, long minNativeBytes) {}

	/**
	 * @param rssStartBytes resident before the model (JVM and the program)
	 * @param rssModelBytes resident with the engine and model loaded, before the image exists
	 * @param rssImageBytes resident with the image in memory, before the first tile
	 * @param peakRssBytes the peak from there to the end (VmHWM, reset before the image was made)
	 * @param heapLiveBytes Java heap in use after a full collection with the image made (the image and what lives on)
	 * @param heapCommittedBytes the most Java heap the JVM had committed at any tile
	 * @param windows the trend, whose native part is resident minus the heap's resident pages
	 */
	public record Result(String model, int size, int bands, int samples, int threads, int tileSize, int rounds, long tiles, int warmupTiles,
		double seconds, long imageBytes, long rssStartBytes, long rssModelBytes, long rssImageBytes, long peakRssBytes,
		long heapLiveBytes, long heapCommittedBytes, List<Window> windows)
	{
		/** Peak resident growth over the loaded model, in multiples of the image size (issue 19: at most 4). */
		public double peakOverModelPerImage() {
			return (peakRssBytes - rssModelBytes) / (double) imageBytes;
		}

		/** Growth of the lowest resident size from the first window after warm-up to the last, in percent. */
		public double rssTrendPercent() {
			return trend(windows.get(0).minRssBytes(), windows.get(windows.size() - 1).minRssBytes());
		}

		/** The same for the native part (resident minus the heap's resident pages). */
		public double nativeTrendPercent() {
			return trend(windows.get(0).minNativeBytes(), windows.get(windows.size() - 1).minNativeBytes());
		}

		private static double trend(final long first, final long last) {
			return 100.0 * (last - first) / first;
		}
	}

	/**
	 * @param warmupTiles tiles left out of the trend (the engine's allocator and the JIT settle first)
	 * @param window tiles per trend window
	 */
	public static Result run(final String modelName, final org.innsight.engine.Device device, final int size, final int samples, final int threads,
		final int tileSize, final int rounds, final int warmupTiles, final int window, final long seed, final ProgressListener progress)
		throws IOException
	{
		if (size < 1 || samples < 1 || threads < 1 || tileSize < 1 || rounds < 1 || warmupTiles < 0 || window < 1)
			throw new IllegalArgumentException("size, samples, threads, tile size, rounds and window must be >= 1, warm-up >= 0");
		final long tilesPerRound = (long) ((size + tileSize - 1) / tileSize) * ((size + tileSize - 1) / tileSize);
		final long tiles = tilesPerRound * rounds;
		if (tiles < warmupTiles + 2L * window)
			throw new IllegalArgumentException("the run has " + tiles + " tiles; the trend needs at least the " + warmupTiles +
				" warm-up tiles and two windows of " + window + " (more --rounds or a larger --size)");
		final long rssStart = ProcessMemory.rss();
		try (PosteriorModel model = PosteriorModel.load(modelName, device)) {
			final long rssModel = ProcessMemory.rss();
			final SpectralImage image = PosteriorBenchmark.syntheticImage(model, size, seed, threads);
			final long imageBytes = (long) size * size * image.channels() * Float.BYTES;
			System.gc();
			final long rssImage = ProcessMemory.rss();
			final long heapLive = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			ProcessMemory.resetPeak();
			final PosteriorOptions o = new PosteriorOptions();
			o.samples = samples;
			o.seed = seed;
			o.threads = threads;
			o.tileSize = tileSize;
			final long[] rss = new long[(int) tiles], heap = new long[(int) tiles], heapCommitted = new long[1];
			final long start = System.nanoTime();
			for (int r = 0; r < rounds; r++) {
				final long before = r * tilesPerRound;
				final int round = r;
				PosteriorEstimator.estimate(image, null, null, model, o, new ProgressListener() {
					private long tile;

					@Override
					public void progress(final long done, final long total, final String message) {
						if (tile >= tilesPerRound) return;
						final int i = (int) (before + tile++);
						rss[i] = ProcessMemory.rss();
						final MemoryUsage h = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
						final long heapRss = ProcessMemory.heapResident();
						heap[i] = heapRss >= 0 ? heapRss : h.getCommitted();
						heapCommitted[0] = Math.max(heapCommitted[0], h.getCommitted());
						if (progress != null) progress.progress(i + 1, tiles, "round " + (round + 1) + " of " + rounds);
					}
				});
			}
			final double seconds = (System.nanoTime() - start) / 1e9;
			final List<Window> windows = new ArrayList<>();
			for (long from = warmupTiles; from + window <= tiles; from += window) {
				long minRss = Long.MAX_VALUE, minNative = Long.MAX_VALUE;
				for (long i = from; i < from + window; i++) {
					minRss = Math.min(minRss, rss[(int) i]);
					minNative = Math.min(minNative, rss[(int) i] - heap[(int) i]);
				}
				windows.add(new Window(from, from + window - 1, minRss, minNative));
			}
			return new Result(model.name(), size, image.channels(), samples, threads, tileSize, rounds, tiles, warmupTiles, seconds, imageBytes,
				rssStart, rssModel, rssImage, ProcessMemory.peakRss(), heapLive, heapCommitted[0], windows);
		}
	}
}
