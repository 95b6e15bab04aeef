package org.innsight.ood;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.innsight.image.Axes;
import org.innsight.image.Axis;
import org.innsight.image.AxisType;
import org.innsight.image.CalibratedImage;
import org.innsight.image.ImagePlusBridge;
import org.innsight.image.PixelBlockFunction;
import org.innsight.image.SpectralImage;
import org.innsight.image.Tiling;
import org.innsight.io.OmeZarrTiles;
import org.innsight.io.ZarrArray;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;
import org.innsight.request.UnitsCheck;

import com.google.gson.JsonObject;

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
 * Out-of-distribution maps of a spectral image: per pixel the OOD score, a binary mask of the final flag (255 = WAIC
 * score above the model's stored threshold, or, when the card has an {@link IntensityScore}, intensity z outside its
 * bounds, or, when it has a {@link HighlightScore}, the highlight ratio above its threshold; pixels whose spectrum has
 * NaN/inf are flagged too), the intensity z and highlight maps when the card has those scores and, if asked, the
 * spread (standard deviation over members) of the log-likelihood. Pixels are scored tile by tile, so memory
 * stays bounded whatever the image size. {@link #run} is what every front end calls; {@link #runStreamed} writes
 * the same maps tile by tile to OME-Zarr instead of holding them, for images larger than memory.
 */
public final class OodMaps {

	/** Names of the output images: title suffixes in Fiji, file name suffixes in the CLI and pipelines. */
	public static final String SCORE = "ood_score", MASK = "ood_mask", SPREAD = "ood_spread", INTENSITY_Z = "ood_intensity_z",
		HIGHLIGHT = "ood_highlight";

	/** Names of the statistics of {@link #run}. */
	public static final String FRACTION = "ood_fraction", FLAGGED = "flagged", PIXELS = "pixels", UNSCORABLE = "unscorable", THRESHOLD = "threshold",
		INTENSITY_FLAGGED = "intensity_flagged", WAIC_FLAGGED = "waic_flagged", HIGHLIGHT_FLAGGED = "highlight_flagged";

	/**
	 * The maps (dimensions x, y[, frame], calibrated like the input) and counts.
	 *
	 * @param spread null unless asked for
	 * @param flagged pixels flagged out of distribution
	 * @param unscorable pixels with a non-finite value in their spectrum (flagged, score NaN)
	 * @param intensityZ null when the model's card has no {@link IntensityScore}
	 * @param waicFlagged pixels whose WAIC score alone flags them
	 * @param intensityFlagged pixels whose intensity alone flags them (0 without an intensity score)
	 * @param highlight null when the model's card has no {@link HighlightScore}
	 * @param highlightFlagged pixels whose highlight score alone flags them (0 without one)
	 */
	record Result(CalibratedImage<FloatType> score, CalibratedImage<UnsignedByteType> mask, CalibratedImage<FloatType> spread,
		CalibratedImage<FloatType> intensityZ, CalibratedImage<FloatType> highlight, long pixels, long flagged, long unscorable, double threshold,
		long waicFlagged, long intensityFlagged, long highlightFlagged)
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
		request.checked();
		checkBands(image, model);
		final UnitsCheck.Verdict units = UnitsCheck.of(model.inputRange()).addImage(image, null)
			.verdict(image.name(), model.name(), image.bitDepth(), request.acceptUnits());
		final Result r = compute(image, model, request.spread(), progress);
		final Outputs out = new Outputs().image(SCORE, ImagePlusBridge.toImagePlus(r.score())).image(MASK, ImagePlusBridge.toImagePlus(r.mask()));
		if (r.spread() != null) out.image(SPREAD, ImagePlusBridge.toImagePlus(r.spread()));
		if (r.intensityZ() != null) out.image(INTENSITY_Z, ImagePlusBridge.toImagePlus(r.intensityZ()));
		if (r.highlight() != null) out.image(HIGHLIGHT, ImagePlusBridge.toImagePlus(r.highlight()));
		out.statistic(FRACTION, r.flaggedFraction()).statistic(FLAGGED, r.flagged()).statistic(PIXELS, r.pixels())
			.statistic(UNSCORABLE, r.unscorable()).statistic(THRESHOLD, r.threshold()).statistic(WAIC_FLAGGED, r.waicFlagged());
		if (r.intensityZ() != null) out.statistic(INTENSITY_FLAGGED, r.intensityFlagged());
		if (r.highlight() != null) out.statistic(HIGHLIGHT_FLAGGED, r.highlightFlagged());
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
		final List<String> names = imageNames(model, spread);
		final int frames = image.frames(), outs = names.size();
		final long[] dims = frames > 1 ? new long[] { w, h, outs, frames } : new long[] { w, h, outs };
		final ArrayImg<FloatType, FloatArray> out = ArrayImgs.floats(dims);
		final Counts counts = new Counts();
		new Tiling(TILE_SIZE, TILE_SIZE, 1).run(image.image(), out, tileWork(model, spread, counts), progress);

		final Axes axes = mapAxes(image.axes());
		final String t = image.name();
		final ArrayImg<UnsignedByteType, ByteArray> mask = ArrayImgs.unsignedBytes(mapDims(w, h, frames));
		final Cursor<FloatType> f = Views.flatIterable(Views.hyperSlice(out, 2, names.indexOf(MASK))).cursor();
		final Cursor<UnsignedByteType> m = mask.cursor();
		while (f.hasNext()) m.next().set((int) f.next().get());
		return new Result(floatMap(out, names, SCORE, axes, t), new CalibratedImage<>(mask, axes, t + "_" + MASK), floatMap(out, names, SPREAD, axes, t),
			floatMap(out, names, INTENSITY_Z, axes, t), floatMap(out, names, HIGHLIGHT, axes, t), w * h * frames, counts.flagged.get(),
			counts.unscorable.get(), model.threshold(), counts.waicFlagged.get(), counts.intensityFlagged.get(), counts.highlightFlagged.get());
	}

	/** Float map {@code name} of the tiles' output (x, y[, frame]), or null when this run makes no such map. */
	private static CalibratedImage<FloatType> floatMap(final ArrayImg<FloatType, FloatArray> out, final List<String> names, final String name,
		final Axes axes, final String title)
	{
		final int at = names.indexOf(name);
		if (at < 0) return null;
		final ArrayImg<FloatType, FloatArray> map = ArrayImgs.floats(mapDims(out.dimension(0), out.dimension(1),
			out.numDimensions() == 4 ? (int) out.dimension(3) : 1));
		copy(Views.hyperSlice(out, 2, at), map);
		return new CalibratedImage<>(map, axes, title + "_" + name);
	}

	/**
	 * Streams: the maps of {@link #run}, each written tile by tile, as each tile finishes, to an OME-Zarr image
	 * {@link #streamedMap folder/BASE_NAME.ome.zarr} (axes y, x or t, y, x; chunks of {@value #TILE_SIZE} pixels; zlib;
	 * {@value #MASK} uint8 0/255, the others float32; {@code .zattrs} {@code innsight} names the map, the model and its
	 * threshold), so memory is bounded by one tile and the input's cached chunks whatever the image size. Read
	 * {@code image} lazily ({@link org.innsight.io.OmeZarr#openSpectral}) for the input to stay off the heap too. The
	 * same numbers as {@link #run} for the same image and model. The {@link UnitsCheck} (a pass over whole rows of the
	 * image) is not made. Outputs: the statistics of {@link #run} but the units check's; no images.
	 *
	 * @throws IllegalArgumentException if the request is invalid or the image's wavelengths are not the model's
	 */
	public static Outputs runStreamed(final SpectralImage image, final OodModel model, final OodRequest request, final Path folder, final String base,
		final ProgressListener progress) throws IOException
	{
		request.checked();
		checkBands(image, model);
		final long w = image.width(), h = image.height();
		final int frames = image.frames();
		final long[] dims = mapDims(w, h, frames);
		final Axes axes = mapAxes(image.axes());
		final List<ZarrArray> arrays = new ArrayList<>();
		for (final String name : imageNames(model, request.spread())) {
			final JsonObject about = new JsonObject();
			about.addProperty("map", name);
			about.addProperty("image", image.name());
			about.addProperty("model", model.name());
			about.addProperty("threshold", model.threshold());
			arrays.add(OmeZarrTiles.createMap(streamedMap(folder, base, name), image.name() + "_" + name, dims, axes, TILE_SIZE,
				name.equals(MASK) ? ZarrArray.DataType.UINT8 : ZarrArray.DataType.FLOAT32, about));
		}
		final Counts counts = new Counts();
		new Tiling(TILE_SIZE, TILE_SIZE, 1).run(image.image(), arrays.size(), tileWork(model, request.spread(), counts), OmeZarrTiles.maps(arrays, TILE_SIZE),
			progress);
		final long pixels = w * h * frames;
		final Outputs out = new Outputs().statistic(FRACTION, pixels == 0 ? 0 : counts.flagged.get() / (double) pixels)
			.statistic(FLAGGED, counts.flagged.get()).statistic(PIXELS, pixels).statistic(UNSCORABLE, counts.unscorable.get())
			.statistic(THRESHOLD, model.threshold()).statistic(WAIC_FLAGGED, counts.waicFlagged.get());
		if (model.intensity() != null) out.statistic(INTENSITY_FLAGGED, counts.intensityFlagged.get());
		if (model.highlight() != null) out.statistic(HIGHLIGHT_FLAGGED, counts.highlightFlagged.get());
		return out;
	}

	/** Where {@link #runStreamed} writes map {@code name} of an image whose files start with {@code base}. */
	public static Path streamedMap(final Path folder, final String base, final String name) {
		return folder.resolve(base + "_" + name + OmeZarrTiles.SUFFIX);
	}

	/** Tile width and height of both paths (the same tiles: the same batches through the model). */
	public static final int TILE_SIZE = Tiling.DEFAULT_TILE_SIZE;

	/** Pixels counted over all tiles. */
	private static final class Counts {
		final AtomicLong flagged = new AtomicLong(), unscorable = new AtomicLong(), waicFlagged = new AtomicLong(), intensityFlagged = new AtomicLong(),
			highlightFlagged = new AtomicLong();
	}

	/**
	 * The work of one tile in both paths: per pixel the maps of {@link #imageNames} in that order (score, mask
	 * 255/0, spread, intensity z, highlight) as results, and the counts.
	 */
	private static PixelBlockFunction tileWork(final OodModel model, final boolean spread, final Counts counts) {
		final List<String> names = imageNames(model, spread);
		final int bands = model.bands(), outs = names.size(), zAt = names.indexOf(INTENSITY_Z), hAt = names.indexOf(HIGHLIGHT);
		return block -> {
			final int n = block.count();
			final float[] px = block.pixels(), res = block.results();
			final float[] spectra = n == px.length / bands ? px : java.util.Arrays.copyOf(px, n * bands);
			final OodModel.Verdicts v = model.judge(spectra, n);
			final Waic.Scores s = v.waic();
			long bad = 0;
			for (int i = 0; i < n; i++) {
				boolean finite = true;
				for (int j = 0; j < bands; j++) finite &= Float.isFinite(px[i * bands + j]);
				if (!finite) bad++;
				res[i * outs] = finite ? s.score()[i] : Float.NaN;
				res[i * outs + 1] = v.flag()[i] ? 255 : 0;
				if (spread) res[i * outs + 2] = s.spread()[i];
				if (zAt >= 0) res[i * outs + zAt] = v.intensityZ()[i];
				if (hAt >= 0) res[i * outs + hAt] = v.highlight()[i];
			}
			counts.unscorable.addAndGet(bad);
			counts.waicFlagged.addAndGet(v.waicFlagged());
			counts.intensityFlagged.addAndGet(v.intensityFlagged());
			counts.highlightFlagged.addAndGet(v.highlightFlagged());
			counts.flagged.addAndGet(v.flagged());
		};
	}

	/** The names of the images {@link #run} makes with {@code model}, in order. */
	public static List<String> imageNames(final OodModel model, final boolean spread) {
		final List<String> names = new ArrayList<>(List.of(SCORE, MASK));
		if (spread) names.add(SPREAD);
		if (model.intensity() != null) names.add(INTENSITY_Z);
		if (model.highlight() != null) names.add(HIGHLIGHT);
		return names;
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
