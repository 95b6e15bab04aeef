package org.innsight.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.innsight.image.DerivedImages;
import org.innsight.image.PixelBlockFunction;
import org.innsight.image.SpectralImage;
import org.innsight.image.Tiling;
import org.innsight.image.Wavelengths;
import org.innsight.io.OmeZarrTiles;
import org.innsight.io.Table;
import org.innsight.io.ZarrArray;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;
import org.innsight.request.UnitsCheck;

import com.google.gson.JsonObject;

import ij.ImagePlus;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Applies a {@link TransferModel} to what users have: tables (the band columns are transferred, every other
 * column, e.g. the simulation parameters, is kept, so a posterior model can be trained on realistic spectra) and
 * spectral images (every pixel's spectrum transferred, tile by tile). Outputs are L2-normalised spectra of the
 * destination domain.
 * <p>
 * The entry point of every front end (Fiji, {@code innsight transfer}, the pipeline step, the demo) is
 * {@link #run}: input, model, {@link TransferRequest}, progress in; outputs by name out. Before the work, the
 * input's spectra are checked against the training range of the domain they come from ({@link UnitsCheck}; the
 * statistics {@code units}, {@code units_outside}, {@code units_negative}): wrong units are refused unless the
 * request accepts them.
 */
public final class DomainTransfer {

	/** The output: the transferred image or table. */
	public static final String TRANSFERRED = "transferred";
	/** Statistics of an image: pixels (per frame, summed over frames), those transferred, those left NaN. */
	public static final String PIXELS = "pixels", PIXELS_TRANSFERRED = "transferred", NOT_TRANSFERRED = "not_transferred";
	/** Statistic of a table: its rows. */
	public static final String ROWS = "rows";

	private DomainTransfer() {}

	/**
	 * A spectral image moved to the request's destination: image {@value #TRANSFERRED} (a new 32-bit image of the
	 * same shape, channels labelled with the destination's wavelengths, else the input's; pixels that cannot be
	 * transferred, with a NaN band or all zero, are NaN) and the statistics {@value #PIXELS},
	 * {@value #PIXELS_TRANSFERRED}, {@value #NOT_TRANSFERRED}.
	 */
	public static Outputs run(final SpectralImage image, final TransferModel model, final TransferRequest request, final ProgressListener progress) {
		request.check();
		final UnitsCheck.Verdict units = checkUnits(model, image, request);
		final Outputs out = imageOutputs(transferImage(model, image, request.from(), request.to(), progress).toImagePlus());
		units.addTo(out);
		return out;
	}

	/**
	 * An open image moved to the request's destination; as {@link #run(SpectralImage, TransferModel, TransferRequest,
	 * ProgressListener)}, but {@value #TRANSFERRED} is a 32-bit copy of {@code image} that keeps its layout (a plain
	 * stack stays one), calibration, info and properties; {@code image} itself is not changed.
	 */
	public static Outputs run(final ImagePlus image, final TransferModel model, final TransferRequest request, final ProgressListener progress) {
		request.check();
		final UnitsCheck.Verdict units = checkUnits(model, SpectralImage.of(image), request);
		final ImagePlus result = DerivedImages.floatCopy(image);
		// a view of the copy's own pixels: transferring it in place fills the result
		final SpectralImage spectra = SpectralImage.of(result);
		transferImage(model, spectra, spectra.image(), request.from(), request.to(), progress);
		final double[] nm = model.wavelengthsNm(request.to());
		if (nm != null) SpectralImage.label(result, nm);
		final Outputs out = imageOutputs(result);
		units.addTo(out);
		return out;
	}

	/**
	 * A table moved to the request's destination ({@link #transferTable}): table {@value #TRANSFERRED} and the
	 * statistic {@value #ROWS}. The header names the model by its card. Tables go in one piece: {@code progress}
	 * is not told.
	 */
	public static Outputs run(final Table table, final TransferModel model, final TransferRequest request, final ProgressListener progress) {
		request.check();
		final UnitsCheck.Verdict units = checkUnits(model, table, request);
		final Table t = transferTable(model, table, request.bands(), request.from(), request.to(), model.card().name);
		final Outputs out = new Outputs().table(TRANSFERRED, t).statistic(ROWS, t.rows());
		if (units != null) units.addTo(out);
		return out;
	}

	/**
	 * A table moved by an ensemble of transfer models ({@link #transferEnsemble}): table {@value #TRANSFERRED} (K x the
	 * rows) and the statistic {@value #ROWS}; each model's units check on the input. One model: as
	 * {@link #run(Table, TransferModel, TransferRequest, ProgressListener)}.
	 */
	public static Outputs run(final Table table, final List<TransferModel> models, final TransferRequest request, final ProgressListener progress) {
		if (models.size() == 1) return run(table, models.get(0), request, progress);
		request.check();
		final List<UnitsCheck.Verdict> checks = new ArrayList<>();
		final List<String> names = new ArrayList<>();
		for (final TransferModel m : models) {
			checks.add(checkUnits(m, table, request));
			names.add(m.card().name);
		}
		final Table t = transferEnsemble(models, table, request.bands(), request.from(), request.to(), names);
		final Outputs out = new Outputs().table(TRANSFERRED, t).statistic(ROWS, t.rows());
		for (final UnitsCheck.Verdict v : checks) if (v != null) v.addTo(out);
		return out;
	}

	/** The units check of a table's band columns against the model's training range; null when the band count differs (transferTable names that). */
	private static UnitsCheck.Verdict checkUnits(final TransferModel model, final Table table, final TransferRequest request) {
		final List<String> bands = SpectraSources.bandColumns(table, request.bands());
		return bands.size() != model.bands() ? null
			: UnitsCheck.of(model.inputRange(request.from())).addRows(table.rowMajor(bands), table.rows())
				.verdict(table.source(), model.card().name, 32, request.acceptUnits());
	}

	/** Column of {@link #transferEnsemble}'s output: which model (0..K-1) transferred the row. */
	public static final String ENSEMBLE_COLUMN = "transfer_model";

	/**
	 * A table transferred by each of several transfer models (an ensemble, e.g. the same domains trained with other
	 * seeds), stacked: model k's copy of every row comes k-th, with its index in the column {@value #ENSEMBLE_COLUMN}.
	 * For training a downstream classifier on transferred simulations, so that no single model's way of matching the
	 * domains decides (docs/transfer.md). The header lists the models under {@code domain_transfer.ensemble}.
	 */
	public static Table transferEnsemble(final List<TransferModel> models, final Table table, final String bandPattern, final int from, final int to,
		final List<String> modelNames)
	{
		if (models.isEmpty() || models.size() != modelNames.size()) throw new IllegalArgumentException(models.size() + " models for " + modelNames.size() + " names");
		if (table.hasColumn(ENSEMBLE_COLUMN))
			throw new IllegalArgumentException(table.source() + " already has a column '" + ENSEMBLE_COLUMN + "'; an ensemble transfer adds it");
		final int k = models.size(), n = table.rows();
		final List<String> names = new ArrayList<>(table.columns());
		names.add(ENSEMBLE_COLUMN);
		final float[][] cols = new float[names.size()][k * n];
		JsonObject header = null;
		for (int m = 0; m < k; m++) {
			final Table t = transferTable(models.get(m), table, bandPattern, from, to, modelNames.get(m));
			for (int j = 0; j < t.columnCount(); j++) System.arraycopy(t.column(j), 0, cols[j], m * n, n);
			java.util.Arrays.fill(cols[names.size() - 1], m * n, (m + 1) * n, m);
			if (header == null) header = t.header().deepCopy();
		}
		final JsonObject transfer = header.getAsJsonObject("domain_transfer");
		transfer.remove("model");
		final com.google.gson.JsonArray list = new com.google.gson.JsonArray();
		modelNames.forEach(list::add);
		transfer.add("ensemble", list);
		transfer.addProperty("ensemble_column", ENSEMBLE_COLUMN);
		return new Table(names, cols, header, table.source() + " (transferred to " + DomainConditions.DOMAIN_NAMES[to] + " by " + k + " models)");
	}

	/** The units check of an image against its domain's training range; its channels and wavelengths are checked first. */
	private static UnitsCheck.Verdict checkUnits(final TransferModel model, final SpectralImage image, final TransferRequest request) {
		checkImage(model, image, request.from());
		return UnitsCheck.of(model.inputRange(request.from())).addImage(image, null)
			.verdict(image.name(), model.card().name, image.bitDepth(), request.acceptUnits());
	}

	private static Outputs imageOutputs(final ImagePlus transferred) {
		final long pixels = (long) transferred.getWidth() * transferred.getHeight() * transferred.getNFrames();
		final long whole = finiteSpectra(transferred);
		return new Outputs().image(TRANSFERRED, transferred).statistic(PIXELS, pixels).statistic(PIXELS_TRANSFERRED, whole)
			.statistic(NOT_TRANSFERRED, pixels - whole);
	}

	/** Pixels (per frame) whose every band is finite: each spectrum is transferred whole or becomes NaN. */
	private static long finiteSpectra(final ImagePlus imp) {
		final int n = imp.getWidth() * imp.getHeight();
		final int planes = imp.getNChannels() * imp.getNSlices();
		long count = 0;
		for (int t = 1; t <= imp.getNFrames(); t++) {
			final boolean[] bad = new boolean[n];
			for (int ch = 1; ch <= planes; ch++) {
				final float[] px = (float[]) imp.getStack().getPixels((t - 1) * planes + ch);
				for (int i = 0; i < n; i++) bad[i] |= !Float.isFinite(px[i]);
			}
			for (final boolean b : bad) if (!b) count++;
		}
		return count;
	}

	/** "source"/"target" (or "sim"/"real") -> domain index. */
	public static int domain(final String name) {
		switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
			case "source":
			case "sim":
			case "simulated":
				return DomainConditions.SOURCE;
			case "target":
			case "real":
				return DomainConditions.TARGET;
			default:
				throw new IllegalArgumentException("domain must be 'source' (sim) or 'target' (real), got '" + name + "'");
		}
	}

	/**
	 * A copy of {@code table} whose band columns hold the spectra transferred from {@code from} to {@code to};
	 * other columns unchanged. The header records the transfer, the destination's wavelengths and
	 * {@code normalisation: l2}.
	 */
	public static Table transferTable(final TransferModel model, final Table table, final String bandPattern, final int from, final int to,
		final String modelName)
	{
		final List<String> bands = SpectraSources.bandColumns(table, bandPattern);
		final Spectra s = new Spectra(table.rowMajor(bands), bands.size(), SpectraSources.wavelengths(table, bands.size()), table.source());
		checkWavelengths(model, s.wavelengthsNm(), from, table.source());
		final int[] classes = model.classColumn() == null ? null : SpectraSources.classes(table, model.classColumn());
		final float[] y = model.transfer(s, from, to, classes);
		final List<String> names = table.columns();
		final float[][] cols = new float[names.size()][];
		final int n = s.rows(), b = s.bands();
		for (int j = 0; j < names.size(); j++) {
			final int band = bands.indexOf(names.get(j));
			if (band < 0) {
				cols[j] = table.column(j);
				continue;
			}
			cols[j] = new float[n];
			for (int r = 0; r < n; r++) cols[j][r] = y[r * b + band];
		}
		final JsonObject h = table.header().deepCopy();
		final JsonObject t = new JsonObject();
		t.addProperty("model", modelName);
		t.addProperty("from", DomainConditions.DOMAIN_NAMES[from]);
		t.addProperty("to", DomainConditions.DOMAIN_NAMES[to]);
		t.addProperty("to_description", model.description(to));
		t.addProperty("input", table.source());
		t.addProperty("band_columns", String.join(",", bands));
		h.add("domain_transfer", t);
		h.addProperty("normalisation", "l2");
		final double[] nm = model.wavelengthsNm(to);
		if (nm != null) h.add("wavelengths_nm", org.innsight.engine.ModelCard.gson().toJsonTree(nm));
		return new Table(new ArrayList<>(names), cols, h, table.source() + " (transferred to " + DomainConditions.DOMAIN_NAMES[to] + ")");
	}

	/** The transferred image in a new float image (x, y, channel[, frame]); wavelengths of the destination if known. */
	public static SpectralImage transferImage(final TransferModel model, final SpectralImage image, final int from, final int to,
		final ProgressListener progress)
	{
		final long[] dims = image.image().dimensionsAsLongArray();
		final RandomAccessibleInterval<FloatType> out = ArrayImgs.floats(dims);
		transferImage(model, image, out, from, to, progress);
		final double[] nm = model.wavelengthsNm(to);
		return new SpectralImage(image.name(), out, image.axes(), nm != null ? nm : image.hasWavelengths() ? image.wavelengthsNm() : null);
	}

	/**
	 * Writes the transferred spectra of {@code image} into {@code out} (same size; may be the input's own pixels).
	 * Pixels that cannot be transferred (NaN, all zero) become NaN. Models conditioned on tissue classes cannot
	 * transfer images (pixels carry no class).
	 */
	public static void transferImage(final TransferModel model, final SpectralImage image, final RandomAccessibleInterval<FloatType> out,
		final int from, final int to, final ProgressListener progress)
	{
		checkImage(model, image, from);
		new Tiling(TILE_SIZE, TILE_SIZE, 1).run(image.image(), out, tileWork(model, image, from, to, null),
			progress == null ? ProgressListener.NONE : progress);
	}

	/** Tile width and height of both image paths (the same tiles: the same batches through the model). */
	public static final int TILE_SIZE = 128;

	/**
	 * Streams: {@code image} moved to the request's destination and written tile by tile, as each tile finishes, to
	 * the OME-Zarr image {@code folder} (axes c, y, x or t, c, y, x; chunks {@value #TILE_SIZE} x {@value #TILE_SIZE} x
	 * all channels; float32, zlib; {@code .zattrs} {@code wavelengths_nm} of the destination, else the input's, and
	 * {@code innsight} naming the model and the domains), readable with {@link org.innsight.io.OmeZarr#openSpectral}.
	 * Memory is bounded by one tile and the input's cached chunks whatever the image size: read {@code image} lazily
	 * for the input to stay off the heap too. The same numbers as {@link #run(SpectralImage, TransferModel,
	 * TransferRequest, ProgressListener)}. The {@link UnitsCheck} (a pass over whole rows) is not made. Outputs: the
	 * statistics {@value #PIXELS}, {@value #PIXELS_TRANSFERRED}, {@value #NOT_TRANSFERRED}; no image.
	 */
	public static Outputs runStreamed(final SpectralImage image, final TransferModel model, final TransferRequest request,
		final java.nio.file.Path folder, final ProgressListener progress) throws java.io.IOException
	{
		request.check();
		checkImage(model, image, request.from());
		final double[] nm = model.wavelengthsNm(request.to());
		final JsonObject about = new JsonObject();
		about.addProperty("model", model.card().name);
		about.addProperty("from", DomainConditions.DOMAIN_NAMES[request.from()]);
		about.addProperty("to", DomainConditions.DOMAIN_NAMES[request.to()]);
		about.addProperty("input", image.name());
		about.addProperty("normalisation", "l2");
		final ZarrArray array = OmeZarrTiles.createSpectral(folder, image.name(), image.image().dimensionsAsLongArray(), image.axes(),
			nm != null ? nm : image.hasWavelengths() ? image.wavelengthsNm() : null, TILE_SIZE, about);
		final AtomicLong transferred = new AtomicLong();
		new Tiling(TILE_SIZE, TILE_SIZE, 1).run(image.image(), image.channels(), tileWork(model, image, request.from(), request.to(), transferred),
			OmeZarrTiles.spectral(array, TILE_SIZE), progress == null ? ProgressListener.NONE : progress);
		final long pixels = image.width() * image.height() * image.frames();
		return new Outputs().statistic(PIXELS, pixels).statistic(PIXELS_TRANSFERRED, transferred.get())
			.statistic(NOT_TRANSFERRED, pixels - transferred.get());
	}

	/**
	 * The work of one tile in both image paths: its pixels' spectra transferred into its results; with
	 * {@code transferred}, the pixels whose every transferred band is finite are counted there.
	 */
	private static PixelBlockFunction tileWork(final TransferModel model, final SpectralImage image, final int from, final int to,
		final AtomicLong transferred)
	{
		final int b = model.bands();
		return block -> {
			final int n = block.count();
			final Spectra s = new Spectra(java.util.Arrays.copyOf(block.pixels(), n * b), b, null, image.name());
			final float[] y = model.transfer(s, from, to, null);
			System.arraycopy(y, 0, block.results(), 0, n * b);
			if (transferred == null) return;
			long whole = 0;
			for (int i = 0; i < n; i++) {
				boolean finite = true;
				for (int j = 0; j < b; j++) finite &= Float.isFinite(y[i * b + j]);
				if (finite) whole++;
			}
			transferred.addAndGet(whole);
		};
	}

	/** An image this model can transfer from {@code from}: no class conditions, its channels and wavelengths the model's. */
	private static void checkImage(final TransferModel model, final SpectralImage image, final int from) {
		if (model.classColumn() != null || model.conditions().classes() > 0)
			throw new IllegalArgumentException("this transfer model is conditioned on tissue classes ('" + model.classColumn() +
				"'); images carry no class per pixel: transfer a table with that column instead");
		if (image.channels() != model.bands())
			throw new IllegalArgumentException("image '" + image.name() + "' has " + image.channels() + " channels, but the transfer model expects " +
				model.bands() + " bands");
		checkWavelengths(model, image.hasWavelengths() ? image.wavelengthsNm() : null, from, image.name());
	}

	/** When both the data and the model know the wavelengths, they must agree (0.5 nm). */
	private static void checkWavelengths(final TransferModel model, final double[] actual, final int domain, final String what) {
		final double[] expected = model.wavelengthsNm(domain);
		if (actual == null || expected == null) return;
		Wavelengths.check(what, actual, "the " + DomainConditions.DOMAIN_NAMES[domain] + " domain of the transfer model", expected,
			Wavelengths.DEFAULT_TOLERANCE_NM);
	}
}
