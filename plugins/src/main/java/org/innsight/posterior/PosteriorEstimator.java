package org.innsight.posterior;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.innsight.image.Axes;
import org.innsight.image.Axis;
import org.innsight.image.AxisType;
import org.innsight.image.PixelBlock;
import org.innsight.image.PixelBlockFunction;
import org.innsight.image.SpectralImage;
import org.innsight.image.Tiling;
import org.innsight.io.OmeZarrTiles;
import org.innsight.progress.ProgressListener;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Per-pixel posteriors of tissue parameters over a spectral image: for every pixel that passes the masks and
 * checks, {@link PosteriorOptions#samples} samples from the model, summarised into maps (median, mean, IQR,
 * number of modes, ...). Works tile by tile ({@link Tiling}), so memory stays bounded by the tile size besides
 * the input and the maps; the network sees the pixels of a tile in large batches, with the condition computed
 * once per pixel.
 * <p>
 * Masks: {@code mask} (x, y or x, y, frame; nonzero = estimate) is the user's region; {@code exclude} (same
 * shape; nonzero = skip) is the hook for flags computed by other capabilities, e.g. out-of-distribution pixels.
 * Pixels with a NaN or infinite band, an all-zero spectrum or a band at or above the saturation level are skipped
 * and counted, never an error.
 */
public final class PosteriorEstimator {

	private PosteriorEstimator() {}

	/** Checks the image's wavelengths against the sampler's (if it has any): an error naming both lists. */
	public static void checkWavelengths(final SpectralImage image, final PosteriorSampler sampler) {
		final double[] expected = sampler.wavelengthsNm();
		if (expected != null) image.checkWavelengths("model " + sampler.name(), expected);
		else if (image.channels() != sampler.observationColumns())
			throw new IllegalArgumentException("Image '" + image.name() + "' has " + image.channels() + " channels but model " +
				sampler.name() + " expects " + sampler.observationColumns());
	}

	public static PosteriorMaps estimate(final SpectralImage image, final RandomAccessibleInterval<? extends RealType<?>> mask,
		final RandomAccessibleInterval<? extends RealType<?>> exclude, final PosteriorSampler sampler, final PosteriorOptions options,
		final ProgressListener progress)
	{
		options.validate();
		checkWavelengths(image, sampler);
		checkMask(image, mask, "mask");
		checkMask(image, exclude, "exclusion mask");
		final long start = System.nanoTime();
		final int t = sampler.parameters().size(), n = options.samples;
		final List<Statistic> stats = List.copyOf(options.statistics);
		final long w = image.width(), h = image.height();
		final int frames = image.frames();
		final boolean hasFrames = image.image().numDimensions() > 3;
		final List<PosteriorMaps.ParameterMap> maps = new ArrayList<>();
		final List<RandomAccessibleInterval<FloatType>> channels = new ArrayList<>();
		for (int p = 0; p < t; p++)
			for (final Statistic s : stats) {
				final Img<FloatType> img = hasFrames ? PlanarImgs.floats(w, h, frames) : PlanarImgs.floats(w, h);
				maps.add(new PosteriorMaps.ParameterMap(sampler.parameters().get(p), s.hasUnit() ? sampler.units().get(p) : "1",
					s.hasUnit() ? sampler.ranges().get(p) : null, s, img));
				channels.add(img);
			}
		final List<PosteriorMaps.SampleStack> stacks = new ArrayList<>();
		if (options.keepSamples) for (int p = 0; p < t; p++) {
			final Img<FloatType> img = hasFrames ? PlanarImgs.floats(w, h, n, frames) : PlanarImgs.floats(w, h, n);
			stacks.add(new PosteriorMaps.SampleStack(sampler.parameters().get(p), sampler.units().get(p), img));
			for (int k = 0; k < n; k++) channels.add(Views.hyperSlice(img, 2, k));
		}
		// the maps as one x, y, channel[, frame] image, the layout Tiling writes
		final RandomAccessibleInterval<FloatType> stacked = Views.stack(channels);
		final RandomAccessibleInterval<FloatType> out = Views.moveAxis(stacked, stacked.numDimensions() - 1, 2);

		final PixelScreen screen = new PixelScreen(options.saturation);
		new Tiling(options.tileSize, options.tileSize, options.threads).run(image.image(), out,
			tileWork(image, mask, exclude, sampler, stats, options, screen, progress), null);
		return new PosteriorMaps(maps, stacks, mapAxes(image.axes(), hasFrames), screen.counts(), n, sampler.name(),
			(System.nanoTime() - start) / 1e9);
	}

	/**
	 * Streams: as {@link #estimate}, but every map is written tile by tile, as each tile finishes, to an OME-Zarr
	 * image {@code folder/PARAM_STAT.ome.zarr} (axes y, x or t, y, x; chunks of the tile size; float32, zlib),
	 * so memory is bounded by the workers' tiles and the input's cached chunks, whatever the image size. Read
	 * {@code image} lazily (e.g. {@link org.innsight.io.OmeZarr#lazy}) for the input to stay off the heap too. The
	 * returned maps are lazy views of the written files. Same seed, model, tile size and input: the same numbers as
	 * {@link #estimate}. Samples cannot be kept when streaming.
	 */
	public static PosteriorMaps estimateStreamed(final SpectralImage image, final RandomAccessibleInterval<? extends RealType<?>> mask,
		final RandomAccessibleInterval<? extends RealType<?>> exclude, final PosteriorSampler sampler, final PosteriorOptions options,
		final java.nio.file.Path folder, final ProgressListener progress) throws java.io.IOException
	{
		options.validate();
		if (options.keepSamples) throw new IllegalArgumentException("Samples cannot be kept when streaming the posterior of '" +
			image.name() + "'; leave out keep-samples (a stack per parameter would not be bounded by the tile size)");
		checkWavelengths(image, sampler);
		checkMask(image, mask, "mask");
		checkMask(image, exclude, "exclusion mask");
		final long start = System.nanoTime();
		final int t = sampler.parameters().size(), n = options.samples, tile = options.tileSize;
		final List<Statistic> stats = List.copyOf(options.statistics);
		final long w = image.width(), h = image.height();
		final int frames = image.frames();
		final boolean hasFrames = image.image().numDimensions() > 3;
		final long[] dims = hasFrames ? new long[] { w, h, frames } : new long[] { w, h };
		final Axes axes = mapAxes(image.axes(), hasFrames);
		final List<org.innsight.io.ZarrArray> arrays = new ArrayList<>();
		for (int p = 0; p < t; p++)
			for (final Statistic s : stats) {
				final String label = sampler.parameters().get(p) + "_" + s.label();
				final com.google.gson.JsonObject about = new com.google.gson.JsonObject();
				about.addProperty("parameter", sampler.parameters().get(p));
				about.addProperty("statistic", s.label());
				about.addProperty("unit", s.hasUnit() ? sampler.units().get(p) : "1");
				about.addProperty("model", sampler.name());
				about.addProperty("samples_per_pixel", n);
				about.addProperty("seed", options.seed);
				arrays.add(OmeZarrTiles.createMap(folder.resolve(label + STREAMED_SUFFIX), label, dims, axes, tile,
					org.innsight.io.ZarrArray.DataType.FLOAT32, about));
			}
		final PixelScreen screen = new PixelScreen(options.saturation);
		new Tiling(tile, tile, options.threads).run(image.image(), arrays.size(), tileWork(image, mask, exclude, sampler, stats, options, screen, progress),
			OmeZarrTiles.maps(arrays, tile), null);
		final List<PosteriorMaps.ParameterMap> result = new ArrayList<>();
		int k = 0;
		for (int p = 0; p < t; p++)
			for (final Statistic s : stats) {
				final Img<FloatType> lazy = org.innsight.io.OmeZarr.lazy(arrays.get(k++), 4);
				result.add(new PosteriorMaps.ParameterMap(sampler.parameters().get(p), s.hasUnit() ? sampler.units().get(p) : "1",
					s.hasUnit() ? sampler.ranges().get(p) : null, s, lazy));
			}
		return new PosteriorMaps(result, List.of(), axes, screen.counts(), n, sampler.name(), (System.nanoTime() - start) / 1e9);
	}

	/**
	 * The work of one tile in both paths: the posterior statistics of its pixels into its results (one {@link Work}
	 * per worker thread), and progress counted over the whole image.
	 */
	private static PixelBlockFunction tileWork(final SpectralImage image, final RandomAccessibleInterval<? extends RealType<?>> mask,
		final RandomAccessibleInterval<? extends RealType<?>> exclude, final PosteriorSampler sampler, final List<Statistic> stats,
		final PosteriorOptions options, final PixelScreen screen, final ProgressListener progress)
	{
		final long w = image.width(), h = image.height(), totalPixels = w * h * image.frames();
		final int t = sampler.parameters().size(), pixelsPerCall = Math.max(1, PosteriorModel.BATCH_ROWS / options.samples);
		final AtomicLong done = new AtomicLong();
		final ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
		final ThreadLocal<Work> work = ThreadLocal.withInitial(() -> new Work(sampler, stats, options, t, pixelsPerCall));
		return block -> {
			work.get().run(block, w, h, mask, exclude, screen, options.seed);
			final long d = done.addAndGet(block.count());
			synchronized (listener) {
				listener.progress(d, totalPixels, "posterior of " + block.count() + " pixels");
			}
		};
	}

	/** The folder name ending of a streamed map: {@code sO2_median.ome.zarr}. */
	public static final String STREAMED_SUFFIX = OmeZarrTiles.SUFFIX;

	/** The axes of the maps: the image's x and y, and its frames as time. */
	private static Axes mapAxes(final Axes in, final boolean hasFrames) {
		final List<Axis> list = new ArrayList<>(List.of(in.get(0), in.get(1)));
		if (hasFrames) list.add(in.get(3));
		return Axes.of(list);
	}

	private static void checkMask(final SpectralImage image, final RandomAccessibleInterval<?> mask, final String what) {
		if (mask == null) return;
		final boolean ok = mask.dimension(0) == image.width() && mask.dimension(1) == image.height() &&
			(mask.numDimensions() == 2 || mask.numDimensions() == 3 && mask.dimension(2) == image.frames());
		if (!ok) throw new IllegalArgumentException("The " + what + " (" + java.util.Arrays.toString(mask.dimensionsAsLongArray()) +
			") does not match image '" + image.name() + "' (" + image.width() + " x " + image.height() +
			(image.frames() > 1 ? " x " + image.frames() + " frames" : "") + ")");
	}

	/** One thread's buffers: spectra and keys of the estimable pixels of a tile, samples, summaries. */
	private static final class Work {
		final PosteriorSampler sampler;
		final Summariser summariser;
		final int parameters, samples, perCall, statsPerPixel;
		final boolean keep;
		int[] pixel = new int[0];
		long[] keys = new long[0];
		float[] spectra = new float[0];
		final float[] sampleRows, summary;

		Work(final PosteriorSampler sampler, final List<Statistic> stats, final PosteriorOptions options, final int parameters, final int perCall) {
			this.sampler = sampler;
			this.parameters = parameters;
			this.samples = options.samples;
			this.perCall = perCall;
			this.keep = options.keepSamples;
			this.summariser = new Summariser(stats, parameters, samples, new Modes(options.modeGrid, options.modeProminence));
			this.statsPerPixel = summariser.valuesPerObservation();
			this.sampleRows = new float[perCall * samples * parameters];
			this.summary = new float[statsPerPixel];
		}

		void run(final PixelBlock block, final long w, final long h, final RandomAccessibleInterval<? extends RealType<?>> mask,
			final RandomAccessibleInterval<? extends RealType<?>> exclude, final PixelScreen screen, final long seed)
		{
			final int count = block.count(), c = block.inChannels(), outC = block.outChannels();
			if (pixel.length < count) {
				pixel = new int[count];
				keys = new long[count];
				spectra = new float[count * c];
			}
			final float[] in = block.pixels(), results = block.results();
			final RandomAccess<? extends RealType<?>> maskAccess = mask == null ? null : mask.randomAccess();
			final RandomAccess<? extends RealType<?>> excludeAccess = exclude == null ? null : exclude.randomAccess();
			int valid = 0;
			for (int p = 0; p < count; p++) {
				final long x = block.x0() + p % block.width(), y = block.y0() + p / block.width();
				final int reason;
				if (maskAccess != null && at(maskAccess, x, y, block.frame()) == 0) reason = PixelScreen.OUTSIDE_MASK;
				else if (excludeAccess != null && at(excludeAccess, x, y, block.frame()) != 0) reason = PixelScreen.EXCLUDED;
				else reason = screen.check(in, p * c, c);
				screen.count(reason);
				if (reason != PixelScreen.ESTIMATED) continue;
				pixel[valid] = p;
				keys[valid] = (block.frame() * h + y) * w + x;
				System.arraycopy(in, p * c, spectra, valid * c, c);
				valid++;
			}
			for (int from = 0; from < valid; from += perCall) {
				final int m = Math.min(perCall, valid - from);
				final float[] obs = from == 0 ? spectra : java.util.Arrays.copyOfRange(spectra, from * c, (from + m) * c);
				final long[] k = from == 0 ? keys : java.util.Arrays.copyOfRange(keys, from, from + m);
				sampler.sample(obs, m, samples, seed, k, sampleRows);
				for (int i = 0; i < m; i++) {
					final int p = pixel[from + i];
					summariser.summarise(sampleRows, i, results, p * outC);
					if (keep) for (int t = 0; t < parameters; t++)
						for (int s = 0; s < samples; s++)
							results[p * outC + statsPerPixel + t * samples + s] = sampleRows[(i * samples + s) * parameters + t];
				}
			}
		}

	}

	/** The value of a mask (x, y or x, y, frame) at a pixel. */
	static double at(final RandomAccess<? extends RealType<?>> a, final long x, final long y, final long frame) {
		a.setPosition(x, 0);
		a.setPosition(y, 1);
		if (a.numDimensions() > 2) a.setPosition(frame, 2);
		return a.get().getRealDouble();
	}
}
