package org.innsight.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.innsight.progress.ProgressListener;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Runs per-pixel work over tiles of the xy plane so memory stays bounded: each worker holds one input block
 * (tile pixels x input channels) and one result block, whatever the image size.
 * <p>
 * Input dimensions: x, y[, channel[, more...]]; output: x, y[, k][, more...] with the same x, y and trailing
 * extents. An output with one dimension fewer than the (channel-holding) input has a single result channel.
 * Dimensions after the channel (e.g. frames) are visited one position at a time.
 */
public final class Tiling {

	public static final int DEFAULT_TILE_SIZE = 256;

	private final int tileWidth;
	private final int tileHeight;
	private final int threads;

	/**
	 * @param tileWidth tile width in pixels
	 * @param tileHeight tile height in pixels
	 * @param threads workers processing tiles in parallel, each with its own blocks
	 */
	public Tiling(final int tileWidth, final int tileHeight, final int threads) {
		if (tileWidth < 1 || tileHeight < 1 || threads < 1)
			throw new IllegalArgumentException("Tiles need a positive size and at least one thread, not " + tileWidth + "x" +
				tileHeight + " with " + threads + " threads");
		if ((long) tileWidth * tileHeight > Integer.MAX_VALUE / 64)
			throw new IllegalArgumentException("Tile " + tileWidth + "x" + tileHeight + " is too large");
		this.tileWidth = tileWidth;
		this.tileHeight = tileHeight;
		this.threads = threads;
	}

	/** Square tiles of {@link #DEFAULT_TILE_SIZE}, one thread. */
	public Tiling() {
		this(DEFAULT_TILE_SIZE, DEFAULT_TILE_SIZE, 1);
	}

	public int tileWidth() {
		return tileWidth;
	}

	public int tileHeight() {
		return tileHeight;
	}

	public Tiling withThreads(final int n) {
		return new Tiling(tileWidth, tileHeight, n);
	}

	/** Floats held by all workers' blocks together: the memory bound of a run beyond input and output. */
	public long bufferFloats(final int inChannels, final int outChannels) {
		return (long) threads * tileWidth * tileHeight * (inChannels + outChannels);
	}

	/**
	 * Receives each tile's finished results (from the worker that computed them; several at once when there are
	 * several threads): {@link PixelBlock#results()} holds them, valid until it returns.
	 */
	public interface TileSink {
		void accept(PixelBlock block) throws java.io.IOException;
	}

	/** Feeds every tile of {@code input} to {@code work} and writes its results into {@code output}. */
	public void run(final RandomAccessibleInterval<FloatType> input, final RandomAccessibleInterval<FloatType> output,
		final PixelBlockFunction work, final ProgressListener progress)
	{
		final RandomAccessibleInterval<FloatType> in = withChannelAxis(Views.zeroMin(input), 2);
		final RandomAccessibleInterval<FloatType> out = withChannelAxis(Views.zeroMin(output), in.numDimensions() - 1);
		if (out.numDimensions() != in.numDimensions())
			throw new IllegalArgumentException("Output has " + output.numDimensions() + " dimensions; for an input of " +
				input.numDimensions() + " it needs " + in.numDimensions() + " (x, y, results, ...) or one fewer");
		for (int d = 0; d < in.numDimensions(); d++)
			if (d != 2 && in.dimension(d) != out.dimension(d))
				throw new IllegalArgumentException("Output size " + Arrays.toString(output.dimensionsAsLongArray()) +
					" does not match input size " + Arrays.toString(input.dimensionsAsLongArray()) + " in dimension " + d);
		final long[] frameDims = Arrays.copyOfRange(in.dimensionsAsLongArray(), 3, in.numDimensions());
		run(in, Math.toIntExact(out.dimension(2)), work,
			block -> copy(frameOf(out, framePosition(block.frame, frameDims)), block, block.results, block.outChannels, false), progress);
	}

	/**
	 * Streams: feeds every tile of {@code input} (x, y[, channel[, more...]]) to {@code work}, which writes
	 * {@code outChannels} results per pixel, and hands each finished tile to {@code sink} instead of an output image.
	 * Nothing but the workers' blocks is held, so a lazily read input and a sink that writes to disk keep memory at a
	 * few tiles. Tiles start at multiples of the tile size, so a sink can write them as chunks of that size.
	 */
	public void run(final RandomAccessibleInterval<FloatType> input, final int outChannels, final PixelBlockFunction work,
		final TileSink sink, final ProgressListener progress)
	{
		if (outChannels < 1) throw new IllegalArgumentException("Tiles need at least one result per pixel, not " + outChannels);
		final RandomAccessibleInterval<FloatType> in = withChannelAxis(Views.zeroMin(input), 2);
		final long[] frameDims = Arrays.copyOfRange(in.dimensionsAsLongArray(), 3, in.numDimensions());
		final long frames = Arrays.stream(frameDims).reduce(1, Math::multiplyExact);
		final long tilesX = (in.dimension(0) + tileWidth - 1) / tileWidth, tilesY = (in.dimension(1) + tileHeight - 1) / tileHeight;
		final long total = frames * tilesX * tilesY;
		final int inChannels = Math.toIntExact(in.dimension(2));
		final ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
		final AtomicLong next = new AtomicLong(), done = new AtomicLong();
		final AtomicReference<RuntimeException> failure = new AtomicReference<>();
		final Runnable worker = () -> {
			final PixelBlock block = new PixelBlock(tileWidth * tileHeight, inChannels, outChannels);
			for (long i = next.getAndIncrement(); i < total && failure.get() == null; i = next.getAndIncrement()) {
				try {
					final long frame = i / (tilesX * tilesY), rest = i % (tilesX * tilesY);
					block.frame = frame;
					block.x0 = rest % tilesX * tileWidth;
					block.y0 = rest / tilesX * tileHeight;
					block.width = Math.min(tileWidth, in.dimension(0) - block.x0);
					block.height = Math.min(tileHeight, in.dimension(1) - block.y0);
					block.count = (int) (block.width * block.height);
					final long[] position = framePosition(frame, frameDims);
					copy(frameOf(in, position), block, block.pixels, inChannels, true);
					Arrays.fill(block.results, 0, block.count * outChannels, Float.NaN);
					work.apply(block);
					sink.accept(block);
				}
				catch (final java.io.IOException e) {
					failure.compareAndSet(null, new java.io.UncheckedIOException(e.getMessage(), e));
					return;
				}
				catch (final RuntimeException e) {
					failure.compareAndSet(null, e);
					return;
				}
				final long d = done.incrementAndGet();
				synchronized (listener) {
					listener.progress(d, total, "tiles");
				}
			}
		};
		if (threads == 1 || total == 1) worker.run();
		else runParallel(worker, (int) Math.min(threads, total));
		if (failure.get() != null) throw failure.get();
	}

	private static void runParallel(final Runnable worker, final int n) {
		final ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
			final Thread t = new Thread(r, "innsight-tiling");
			t.setDaemon(true);
			return t;
		});
		try {
			final List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++)
				futures.add(pool.submit(worker));
			for (final Future<?> f : futures)
				f.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Tiled processing was interrupted", e);
		}
		catch (final java.util.concurrent.ExecutionException e) {
			throw new IllegalStateException("Tiled processing failed: " + e.getCause(), e.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Copies a tile between the image and a block, row by row and channel by channel (x fastest, like the block). */
	private static void copy(final RandomAccessibleInterval<FloatType> frame, final PixelBlock block, final float[] buffer,
		final int channels, final boolean toBlock)
	{
		final RandomAccess<FloatType> ra = frame.randomAccess();
		final int w = (int) block.width;
		for (int c = 0; c < channels; c++)
			for (int y = 0; y < block.height; y++) {
				ra.setPosition(block.x0, 0);
				ra.setPosition(block.y0 + y, 1);
				ra.setPosition(c, 2);
				int k = (y * w) * channels + c;
				if (toBlock) for (int x = 0; x < w; x++, k += channels, ra.fwd(0)) buffer[k] = ra.get().get();
				else for (int x = 0; x < w; x++, k += channels, ra.fwd(0)) ra.get().set(buffer[k]);
			}
	}

	private static long[] framePosition(long frame, final long[] frameDims) {
		final long[] position = new long[frameDims.length];
		for (int d = 0; d < frameDims.length; d++) {
			position[d] = frame % frameDims[d];
			frame /= frameDims[d];
		}
		return position;
	}

	/** The x, y, channel volume at one position of the trailing dimensions. */
	private static RandomAccessibleInterval<FloatType> frameOf(RandomAccessibleInterval<FloatType> image, final long[] position) {
		for (int d = position.length - 1; d >= 0; d--)
			image = Views.hyperSlice(image, 3 + d, position[d]);
		return image;
	}

	/** Inserts a channel axis of size 1 at dimension 2 when the image has {@code missingIfDims} dimensions. */
	private static RandomAccessibleInterval<FloatType> withChannelAxis(final RandomAccessibleInterval<FloatType> image,
		final int missingIfDims)
	{
		if (image.numDimensions() < 2) throw new IllegalArgumentException("Tiling needs at least x and y");
		if (image.numDimensions() != missingIfDims && image.numDimensions() != 2) return image;
		return Views.moveAxis(Views.addDimension(image, 0, 0), image.numDimensions(), 2);
	}
}
