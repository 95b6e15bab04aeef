package org.innsight.ood;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.innsight.image.Axes;
import org.innsight.image.Axis;
import org.innsight.image.AxisType;
import org.innsight.image.CalibratedImage;
import org.innsight.image.ImagePlusBridge;
import org.innsight.image.SpectralImage;
import org.innsight.image.Tiling;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;
import org.innsight.request.UnitsCheck;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Out-of-distribution maps of a spectral image: per pixel the OOD score, a binary mask at the model's stored
 * threshold (255 = out of distribution; pixels whose spectrum has NaN/inf are flagged too) and, if asked, the
 * spread (standard deviation over members) of the log-likelihood. Pixels are scored tile by tile, so memory
 * stays bounded whatever the image size. {@link #run} is what every front end calls.
 */
public final class OodMaps {

	/** Names of the output images: title suffixes in Fiji, file name suffixes in the CLI and pipelines. */
	public static final String SCORE = "ood_score", MASK = "ood_mask", SPREAD = "ood_spread";

	/** Names of the statistics of {@link #run}. */
	public static final String FRACTION = "ood_fraction", FLAGGED = "flagged", PIXELS = "pixels", UNSCORABLE = "unscorable", THRESHOLD = "threshold";

	/**
	 * The maps (dimensions x, y[, frame], calibrated like the input) and counts.
	 *
	 * @param spread null unless asked for
	 * @param flagged pixels flagged out of distribution
	 * @param unscorable pixels with a non-finite value in their spectrum (flagged, score NaN)
	 */
	record Result(CalibratedImage<FloatType> score, CalibratedImage<UnsignedByteType> mask, CalibratedImage<FloatType> spread,
		long pixels, long flagged, long unscorable, double threshold)
	{
		public double flaggedFraction() {
			return pixels == 0 ? 0 : flagged / (double) pixels;
		}
	}

	private OodMaps() {}

	/**
	 * The OOD maps of {@code image} with {@code model}, by name: images {@value #SCORE} (32-bit, -WAIC per band,
	 * higher = more out of distribution), {@value #MASK} (8-bit, 255 = above the model's threshold or a non-finite
	 * spectrum) and, with {@link OodRequest#spread()}, {@value #SPREAD} (32-bit, standard deviation of log p over the
	 * members); each titled {@code <image name>_<output name>}. Statistics: {@value #FRACTION} (flagged share of
	 * the pixels), {@value #FLAGGED}, {@value #PIXELS}, {@value #UNSCORABLE} (pixels with a non-finite spectrum,
	 * flagged), {@value #THRESHOLD} (the model's) and the {@link UnitsCheck}'s. Before scoring, the image's spectra
	 * are checked against the model's training range: wrong units are refused unless the request accepts them.
	 *
	 * @throws IllegalArgumentException if the request is invalid, the image's wavelengths are not the model's
	 *         (both lists named), or its units are refused
	 */
	public static Outputs run(final SpectralImage image, final OodModel model, final OodRequest request, final ProgressListener progress) {
		final List<String> problems = request.validate();
		if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
		checkBands(image, model);
		final UnitsCheck.Verdict units = UnitsCheck.of(model.inputRange()).addImage(image, null)
			.verdict(image.name(), model.name(), image.bitDepth(), request.acceptUnits());
		final Result r = compute(image, model, request.spread(), progress);
		final Outputs out = new Outputs().image(SCORE, ImagePlusBridge.toImagePlus(r.score())).image(MASK, ImagePlusBridge.toImagePlus(r.mask()));
		if (r.spread() != null) out.image(SPREAD, ImagePlusBridge.toImagePlus(r.spread()));
		out.statistic(FRACTION, r.flaggedFraction()).statistic(FLAGGED, r.flagged()).statistic(PIXELS, r.pixels())
			.statistic(UNSCORABLE, r.unscorable()).statistic(THRESHOLD, r.threshold());
		units.addTo(out);
		return out;
	}

	/**
	 * Scores every pixel of {@code image} with {@code model}.
	 *
	 * @param spread also make the per-member log-likelihood spread map
	 * @throws IllegalArgumentException if the image's wavelengths are not the model's (both lists named)
	 */
	static Result compute(final SpectralImage image, final OodModel model, final boolean spread, final ProgressListener progress) {
		checkBands(image, model);
		final long w = image.width(), h = image.height();
		final int frames = image.frames(), outs = spread ? 3 : 2;
		final long[] dims = frames > 1 ? new long[] { w, h, outs, frames } : new long[] { w, h, outs };
		final ArrayImg<FloatType, FloatArray> out = ArrayImgs.floats(dims);
		final AtomicLong unscorable = new AtomicLong();
		final int bands = model.bands();
		new Tiling().run(image.image(), out, block -> {
			final int n = block.count();
			final float[] px = block.pixels(), res = block.results();
			final Waic.Scores s = model.evaluate(n == px.length / bands ? px : java.util.Arrays.copyOf(px, n * bands), n);
			long bad = 0;
			for (int i = 0; i < n; i++) {
				final float score = s.score()[i];
				boolean finite = true;
				for (int j = 0; j < bands; j++) finite &= Float.isFinite(px[i * bands + j]);
				if (!finite) bad++;
				res[i * outs] = finite ? score : Float.NaN;
				res[i * outs + 1] = model.isOutOfDistribution(score) ? 1 : 0;
				if (spread) res[i * outs + 2] = s.spread()[i];
			}
			unscorable.addAndGet(bad);
		}, progress);

		final Axes axes = mapAxes(image.axes());
		final ArrayImg<FloatType, FloatArray> score = ArrayImgs.floats(mapDims(w, h, frames));
		final ArrayImg<UnsignedByteType, ByteArray> mask = ArrayImgs.unsignedBytes(mapDims(w, h, frames));
		final ArrayImg<FloatType, FloatArray> spreadMap = spread ? ArrayImgs.floats(mapDims(w, h, frames)) : null;
		copy(Views.hyperSlice(out, 2, 0), score);
		long flagged = 0;
		final Cursor<FloatType> f = Views.flatIterable(Views.hyperSlice(out, 2, 1)).cursor();
		final Cursor<UnsignedByteType> m = mask.cursor();
		while (f.hasNext()) {
			final boolean on = f.next().get() > 0.5f;
			m.next().set(on ? 255 : 0);
			if (on) flagged++;
		}
		if (spread) copy(Views.hyperSlice(out, 2, 2), spreadMap);
		final String t = image.name();
		return new Result(new CalibratedImage<>(score, axes, t + "_" + SCORE), new CalibratedImage<>(mask, axes, t + "_" + MASK),
			spread ? new CalibratedImage<>(spreadMap, axes, t + "_" + SPREAD) : null, w * h * frames, flagged, unscorable.get(), model.threshold());
	}

	/** The image's wavelengths are the model's (or, when the model names none, its channel count is). */
	private static void checkBands(final SpectralImage image, final OodModel model) {
		final double[] nm = model.wavelengthsNm();
		if (nm != null) image.checkWavelengths("OOD model " + model.name(), nm);
		else if (image.channels() != model.bands())
			throw new IllegalArgumentException("Image '" + image.name() + "' has " + image.channels() + " channels, OOD model " + model.name() +
				" expects " + model.bands());
	}

	private static long[] mapDims(final long w, final long h, final int frames) {
		return frames > 1 ? new long[] { w, h, frames } : new long[] { w, h };
	}

	/** The input's axes without the channel axis. */
	private static Axes mapAxes(final Axes in) {
		final List<Axis> list = new ArrayList<>();
		for (final Axis a : in.list()) if (a.type() != AxisType.CHANNEL) list.add(a);
		return Axes.of(list);
	}

	private static void copy(final RandomAccessibleInterval<FloatType> from, final ArrayImg<FloatType, FloatArray> to) {
		final Cursor<FloatType> a = Views.flatIterable(from).cursor(), b = to.cursor();
		while (a.hasNext()) b.next().set(a.next().get());
	}
}
