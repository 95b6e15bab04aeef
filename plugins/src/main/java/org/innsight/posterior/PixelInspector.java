package org.innsight.posterior;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.innsight.image.SpectralImage;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The posterior of one pixel or a small region, in detail: all samples of every parameter pooled over the
 * region's estimable pixels, their density (KDE on a fine grid), a histogram and the summaries. A pixel gets the
 * same samples as in {@link PosteriorEstimator}'s maps for the same seed and sample count, so the inspector
 * shows exactly the posterior behind a map value.
 */
public final class PixelInspector {

	/** Largest region inspected at once (pixels): the pooled samples are held in memory. */
	public static final int MAX_PIXELS = 64 * 64;
	/** At most this many samples per pixel. */
	public static final int MAX_SAMPLES = 1_000_000;
	/** At most this many samples in a region (pixels x samples): they are held at once, 4 bytes per parameter each. */
	public static final long MAX_REGION_SAMPLES = 10_000_000;
	public static final int DENSITY_GRID = 256;
	public static final int HISTOGRAM_BINS = 40;

	private PixelInspector() {}

	/** One parameter's pooled posterior. */
	public record ParameterPosterior(String name, String unit, float[] samples, Kde.Curve density, double median, double mean, double iqr,
		int modes, double[] binEdges, long[] histogram) {}

	/** A region [x, x + width) x [y, y + height) of one frame, and what its posterior is. */
	public record Inspection(long x, long y, long width, long height, long frame, MaskCounts counts, int samplesPerPixel,
		List<ParameterPosterior> parameters)
	{
		public ParameterPosterior parameter(final String name) {
			for (final ParameterPosterior p : parameters) if (p.name().equals(name)) return p;
			throw new IllegalArgumentException("no parameter '" + name + "'");
		}

		/** "pixel (12, 34)" or "region (12, 34) 5x5 (25 pixels, 3 skipped)". */
		public String where() {
			final String f = frame > 0 ? ", frame " + (frame + 1) : "";
			if (width == 1 && height == 1) return "pixel (" + x + ", " + y + f + ")";
			return "region (" + x + ", " + y + ") " + width + "x" + height + f + " (" + counts.estimated() + " of " + counts.total() + " pixels)";
		}
	}

	public static Inspection inspect(final SpectralImage image, final long x, final long y, final long width, final long height, final long frame,
		final PosteriorSampler sampler, final PosteriorOptions options)
	{
		options.validate();
		PosteriorEstimator.checkWavelengths(image, sampler);
		if (width < 1 || height < 1 || x < 0 || y < 0 || x + width > image.width() || y + height > image.height() || frame < 0 || frame >= image.frames())
			throw new IllegalArgumentException("region (" + x + ", " + y + ") " + width + "x" + height + (frame > 0 ? " in frame " + (frame + 1) : "") +
				" is not inside image '" + image.name() + "' (" + image.width() + " x " + image.height() +
				(image.frames() > 1 ? ", " + image.frames() + " frames" : "") + ")");
		if (width * height > MAX_PIXELS)
			throw new IllegalArgumentException("region " + width + "x" + height + " is too large to inspect (at most " + MAX_PIXELS + " pixels)");
		if (options.samples > MAX_SAMPLES)
			throw new IllegalArgumentException("samples must be between 1 and " + MAX_SAMPLES + " to inspect, not " + options.samples);
		if (width * height * options.samples > MAX_REGION_SAMPLES)
			throw new IllegalArgumentException("region " + width + "x" + height + " with " + options.samples + " samples per pixel is too many samples " +
				"to hold (at most " + MAX_REGION_SAMPLES + " in all); inspect a smaller region or draw fewer samples");
		final int c = image.channels(), t = sampler.parameters().size(), n = options.samples;
		final int pixels = (int) (width * height);
		final float[] spectra = new float[pixels * c];
		final long[] keys = new long[pixels];
		final PixelScreen screen = new PixelScreen(options.saturation);
		final RandomAccess<FloatType> ra = image.image().randomAccess();
		final float[] spectrum = new float[c];
		int valid = 0;
		for (long yy = y; yy < y + height; yy++)
			for (long xx = x; xx < x + width; xx++) {
				ra.setPosition(xx, 0);
				ra.setPosition(yy, 1);
				if (ra.numDimensions() > 3) ra.setPosition(frame, 3);
				for (int k = 0; k < c; k++) {
					ra.setPosition(k, 2);
					spectrum[k] = ra.get().get();
				}
				final int reason = screen.check(spectrum, 0, c);
				screen.count(reason);
				if (reason != PixelScreen.ESTIMATED) continue;
				System.arraycopy(spectrum, 0, spectra, valid * c, c);
				keys[valid++] = (frame * image.height() + yy) * image.width() + xx;
			}
		final MaskCounts counts = screen.counts();
		final List<ParameterPosterior> list = new ArrayList<>();
		if (valid == 0) return new Inspection(x, y, width, height, frame, counts, n, list);
		final float[] samples = new float[valid * n * t];
		sampler.sample(spectra, valid, n, options.seed, keys, samples);
		final Kde kde = new Kde(DENSITY_GRID);
		final Modes modes = new Modes(options.modeGrid, options.modeProminence);
		for (int j = 0; j < t; j++) {
			final float[] v = new float[valid * n];
			for (int i = 0; i < v.length; i++) v[i] = samples[i * t + j];
			final float[] sorted = v.clone();
			Arrays.sort(sorted);
			final int m = sorted.length;
			final double median = SampleStatistics.quantileSorted(sorted, m, 0.5), mean = SampleStatistics.mean(sorted, m);
			final double iqr = SampleStatistics.quantileSorted(sorted, m, 0.75) - SampleStatistics.quantileSorted(sorted, m, 0.25);
			final Kde.Curve density = kde.densitySorted(sorted, m) == null ? null : kde.lastCurve();
			final double lo = sorted[0], hi = sorted[m - 1] > lo ? sorted[m - 1] : lo + 1e-6;
			final double[] edges = new double[HISTOGRAM_BINS + 1];
			for (int b = 0; b <= HISTOGRAM_BINS; b++) edges[b] = lo + (hi - lo) * b / HISTOGRAM_BINS;
			final long[] hist = new long[HISTOGRAM_BINS];
			for (final float s : sorted) hist[Math.min(HISTOGRAM_BINS - 1, (int) ((s - lo) / (hi - lo) * HISTOGRAM_BINS))]++;
			list.add(new ParameterPosterior(sampler.parameters().get(j), sampler.units().get(j), v, density, median, mean, iqr,
				modes.countSorted(sorted, m), edges, hist));
		}
		return new Inspection(x, y, width, height, frame, counts, n, list);
	}
}
