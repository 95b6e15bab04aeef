package org.innsight.cli;

import org.innsight.io.FileProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.innsight.image.SpectralImage;
import org.innsight.io.AtomicFiles;
import org.innsight.io.ImageFiles;
import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.io.TiffFiles;
import org.innsight.posterior.PixelInspector;
import org.innsight.posterior.PosteriorImages;
import org.innsight.posterior.PosteriorModel;
import org.innsight.posterior.PosteriorOptions;
import org.innsight.plots.PosteriorPlots;
import org.innsight.posterior.PosteriorRequest;
import org.innsight.posterior.TissuePosterior;
import org.innsight.request.Setting;
import org.innsight.request.UnitsCheck;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ij.ImagePlus;
import ij.io.FileSaver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code innsight posterior}: per-pixel (or per-row) posteriors of tissue parameters with a trained model. The
 * options of {@link PosteriorRequest} take their defaults from it; {@code --threads} (the global option) caps its
 * parallel tiles.
 */
@Command(name = "posterior", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Posterior of tissue parameters for every pixel of a spectral image, or every row of a table.",
		"Image: writes PARAM_STAT.tif maps (median, mean, IQR, modes, ...) and posterior.json to --out DIR.",
		"Table: --table OBS.csv|.h5 writes, per row (row_id kept), the summaries and the samples to --out FILE.csv|.h5." })
final class PosteriorCommand implements Callable<Integer>, SettingOptions.Owner {

	private static final String SUMMARY = "posterior.json";

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Parameters(arity = "0..1", paramLabel = "IMAGE", description = "Spectral image (" + ImageFiles.SUPPORTED + "), channels labelled with wavelengths.")
	Path image;

	@Option(names = "--table", paramLabel = "OBS", description = "A table of observations (.csv or .h5) instead of an image.")
	Path table;

	@Option(names = "--model", required = true, paramLabel = "M", description = "Model name (in models/) or model folder.")
	String model;

	@Option(names = "--samples", paramLabel = "N", description = "Posterior samples per pixel or row (default: ${DEFAULT-VALUE}).")
	int samples;

	@Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--tile-size", paramLabel = "PX", description = "Image: tile width and height; one tile's samples are held per thread (default: ${DEFAULT-VALUE}).") int tileSize;

	@Option(names = "--out", required = true, paramLabel = "DIR|FILE", description = "Output folder (image) or table file .csv/.h5 (table).")
	Path out;

	@Option(names = "--stats", paramLabel = "LIST",
		description = "Statistics: median, mean, IQR, modes, sd, q05, q25, q75, q95 (default: ${DEFAULT-VALUE}).")
	String stats;

	@Option(names = "--mask", paramLabel = "MASK", description = "Image: a mask image (nonzero = estimate), one plane or one per frame.")
	Path mask;

	@Option(names = "--exclude", paramLabel = "FLAGS", description = "Image: pixels to skip, nonzero = skip (e.g. out-of-distribution flags); counted as excluded.")
	Path exclude;

	@Option(names = "--keep-samples", negatable = true, description = "Image: also write PARAM_samples.tif. Table: write the samples (default: on for tables, off for images).")
	boolean keepSamples;

	@Option(names = "--saturation", paramLabel = "V|auto", description = "A band at or above V marks a pixel saturated (default: auto = 255 / 65535 for 8/16-bit images, none for float and tables).")
	String saturation;

	@Option(names = "--observations", paramLabel = "COLS", description = "Table: observation columns (default: the model's input names, e.g. band_*).")
	String observations;

	@Option(names = "--inspect", paramLabel = "X,Y[,W,H]", description = "Image: also plot the posterior of this pixel/region (repeatable): inspect_X_Y_PARAM.png and .csv")
	List<String> inspect = new ArrayList<>();

	@Option(names = "--accept-units", description = "Run even when the input does not look like the model's training units (negative values, " +
		"most pixels outside its training range): a warning instead of a refusal.")
	boolean acceptUnits;

	@Option(names = "--png", description = "Image: also write a PNG preview of every map (with its LUT).")
	boolean png;

	@Option(names = "--stream", negatable = true, description = "Image: write every map tile by tile as OME-Zarr (PARAM_STAT.ome.zarr) " +
		"instead of TIFF, holding a few tiles; an OME-Zarr input (.zarr folder) is also read chunk by chunk. " +
		"Default: on for a .zarr input or an image file larger than half the Java heap; --no-stream reads a .zarr input whole.")
	Boolean stream;

	@Option(names = "--dataset", paramLabel = "PATH", description = "Image: the dataset of an HDF5 image (default: the only image dataset " +
		"or /data); streamed, a dataset with axes cyx or tcyx is read tile by tile.")
	String dataset;

	@Override
	public List<Setting<?>> settings() {
		return PosteriorRequest.SETTINGS;
	}

	/** The request as typed; the global {@code --threads} caps the parallel tiles, and a table keeps its samples unless told not to. */
	private PosteriorRequest request() {
		PosteriorRequest r = new PosteriorRequest(SettingOptions.read(cli.spec(), PosteriorRequest.SETTINGS));
		r = r.with(PosteriorRequest.THREADS, Math.min(PosteriorRequest.THREADS.defaultValue(), cli.threads()));
		if (table != null && !cli.spec().commandLine().getParseResult().hasMatchedOption(cli.spec().findOption("--keep-samples")))
			r = r.with(PosteriorRequest.KEEP_SAMPLES, true);
		return r.checked();
	}

	@Override
	public Integer call() throws Exception {
		if ((image == null) == (table == null)) throw new IllegalArgumentException("give either an IMAGE or --table OBS");
		final PosteriorRequest request = request();
		for (final String where : inspect) inspectRegion(where); // a bad --inspect is refused before the work
		// refused before the (long) estimation where the names are known; the image's maps are checked again by name below
		output.check(table != null ? out : out.resolve(SUMMARY));
		try (PosteriorModel m = PosteriorModel.load(model, cli.device())) {
			return table != null ? runTable(m, request) : Streaming.streams(stream, image) ? runStreamed(m, request) : runImage(m, request);
		}
	}

	private int runTable(final PosteriorModel m, final PosteriorRequest request) throws IOException {
		if (!TableFiles.isCsv(out) && !TableFiles.isHdf5(out)) throw new IllegalArgumentException("--out " + out + ": a table needs a .csv or .h5 output file");
		final Table in = TableFiles.read(table);
		final List<String> columns = observations != null ? in.match(observations) : m.observationNames();
		final TissuePosterior.Result r;
		try (TerminalProgress bar = TerminalProgress.start("posterior")) {
			r = TissuePosterior.run(in, columns, m, request, bar);
		}
		final Table result = r.outputs().tables().get(TissuePosterior.TABLE);
		AtomicFiles.requireNotInput(out, List.of(table));
		TableFiles.write(result, out);
		cli.report(r.outputs());
		cli.out().println("wrote " + result.rows() + " rows x " + result.columnCount() + " columns to " + out + " (" + r.counts() + ")");
		return 0;
	}

	private int runImage(final PosteriorModel m, final PosteriorRequest request) throws IOException {
		FileProblems.requireFolderOrAbsent(out, "--out");
		final ImagePlus imp = dataset != null ? ImageFiles.open(image, dataset) : ImageFiles.open(image);
		final ImagePlus maskImage = mask == null ? null : ImageFiles.open(mask);
		final ImagePlus flags = exclude == null ? null : ImageFiles.open(exclude);
		final List<Path> inputs = new ArrayList<>(List.of(image));
		if (mask != null) inputs.add(mask);
		if (exclude != null) inputs.add(exclude);
		final TissuePosterior.Result r;
		try (TerminalProgress bar = TerminalProgress.start("posterior")) {
			r = TissuePosterior.run(imp, maskImage, flags, false, m, request, bar);
		}
		output.check(targets(m, imp, r));
		final JsonObject summary = new JsonObject();
		summary.addProperty("image", image.toString());
		summary.addProperty("model", m.name());
		summary.addProperty("samples_per_pixel", request.samples());
		summary.addProperty("seed", request.seed());
		summary.addProperty("seconds", r.seconds());
		final JsonObject pixels = new JsonObject();
		r.counts().statistics("total").forEach(pixels::addProperty);
		summary.add("pixels", pixels);
		final JsonObject units = new JsonObject(); // the units check: its verdict and shares (see UnitsCheck)
		for (final String key : List.of(UnitsCheck.UNITS, UnitsCheck.OUTSIDE, UnitsCheck.NEGATIVE)) {
			final Object v = r.outputs().statistics().get(key);
			if (v instanceof Number n) units.addProperty(key, n);
			else if (v != null) units.addProperty(key, v.toString());
		}
		if (!r.outputs().warnings().isEmpty()) units.addProperty("warning", String.join("; ", r.outputs().warnings()));
		summary.add("units", units);
		final JsonArray files = new JsonArray();
		for (final Map.Entry<String, ImagePlus> e : r.outputs().images().entrySet()) {
			final ImagePlus map = e.getValue();
			final String name = e.getKey() + ".tif";
			TiffFiles.write(map, out.resolve(name), inputs);
			files.add(name);
			if (png && map.getStackSize() == 1) {
				final String preview = e.getKey() + ".png";
				AtomicFiles.write(out.resolve(preview), inputs, tmp -> new FileSaver(map.flatten()).saveAsPng(tmp.toString()));
				files.add(preview);
			}
		}
		for (final String where : inspect) inspect(m, imp, where, request, inputs, files);
		summary.add("files", files);
		AtomicFiles.writeBytes(out.resolve(SUMMARY), inputs,
			new GsonBuilder().setPrettyPrinting().create().toJson(summary).getBytes(StandardCharsets.UTF_8));
		cli.report(r.outputs());
		cli.out().printf(Locale.ROOT, "%s: %s in %.1f s; wrote %d files to %s%n", image.getFileName(), r.counts(), r.seconds(), files.size() + 1, out);
		return 0;
	}

	/**
	 * The streamed image posterior: a .zarr input read lazily (others opened whole), every map written as OME-Zarr
	 * tile by tile. Masks, kept samples, --inspect and --png need whole images and are refused here.
	 */
	private int runStreamed(final PosteriorModel m, final PosteriorRequest request) throws IOException {
		FileProblems.requireFolderOrAbsent(out, "--out");
		final List<String> refused = new ArrayList<>();
		if (mask != null) refused.add("--mask");
		if (exclude != null) refused.add("--exclude");
		if (request.keepSamples()) refused.add("--keep-samples");
		if (!inspect.isEmpty()) refused.add("--inspect");
		if (png) refused.add("--png");
		Streaming.refuse(image, refused);
		try (Streaming.Input in = new Streaming.Input(image, dataset, request.tileSize(), request.threads())) {
			return runStreamed(m, request, in.image());
		}
	}

	private int runStreamed(final PosteriorModel m, final PosteriorRequest request, final SpectralImage in) throws IOException {
		final List<Path> targets = new ArrayList<>();
		for (final String p : m.parameters())
			for (final org.innsight.posterior.Statistic st : request.statistics())
				targets.add(out.resolve(p + "_" + st.label() + org.innsight.posterior.PosteriorEstimator.STREAMED_SUFFIX));
		targets.add(out.resolve(SUMMARY));
		Streaming.claim(output, targets, image);
		final double typeMaximum = in.bitDepth() == 8 ? 255 : in.bitDepth() == 16 ? 65535 : Double.POSITIVE_INFINITY;
		final org.innsight.posterior.PosteriorMaps r;
		try (TerminalProgress bar = TerminalProgress.start("posterior")) {
			r = org.innsight.posterior.PosteriorEstimator.estimateStreamed(in, null, null, m, request.options(typeMaximum), out, bar);
		}
		final JsonObject summary = new JsonObject();
		summary.addProperty("image", image.toString());
		summary.addProperty("model", m.name());
		summary.addProperty("samples_per_pixel", request.samples());
		summary.addProperty("seed", request.seed());
		summary.addProperty("tile_size", request.tileSize());
		summary.addProperty("streamed", true);
		summary.addProperty("seconds", r.seconds());
		final JsonObject pixels = new JsonObject();
		r.counts().statistics("total").forEach(pixels::addProperty);
		summary.add("pixels", pixels);
		final JsonArray files = new JsonArray();
		for (final org.innsight.posterior.PosteriorMaps.ParameterMap map : r.maps())
			files.add(map.label() + org.innsight.posterior.PosteriorEstimator.STREAMED_SUFFIX);
		summary.add("files", files);
		AtomicFiles.writeBytes(out.resolve(SUMMARY), List.of(image),
			new GsonBuilder().setPrettyPrinting().create().toJson(summary).getBytes(StandardCharsets.UTF_8));
		cli.out().printf(Locale.ROOT, "%s: %s in %.1f s; streamed %d OME-Zarr maps to %s%n", image.getFileName(), r.counts(), r.seconds(),
			files.size(), out);
		return 0;
	}

	/** Every file {@link #runImage} writes, so that none is replaced unless --force. */
	private List<Path> targets(final PosteriorModel m, final ImagePlus imp, final TissuePosterior.Result r) {
		final List<Path> files = new ArrayList<>();
		for (final Map.Entry<String, ImagePlus> e : r.outputs().images().entrySet()) {
			files.add(out.resolve(e.getKey() + ".tif"));
			if (png && e.getValue().getStackSize() == 1) files.add(out.resolve(e.getKey() + ".png"));
		}
		for (final String where : inspect) {
			final String stem = "inspect_" + inspectStem(where);
			files.add(out.resolve(stem + ".csv"));
			for (final String p : m.parameters()) files.add(out.resolve(stem + "_" + p + ".png"));
		}
		files.add(out.resolve(SUMMARY));
		return files;
	}

	private static String inspectStem(final String where) {
		final long[] v = inspectRegion(where);
		return v[0] + "_" + v[1];
	}

	/** X, Y, W, H of an --inspect value (W = H = 1 for X,Y), or a message saying what is wrong with it. */
	static long[] inspectRegion(final String where) {
		final String[] p = where.split(",", -1);
		if (p.length != 2 && p.length != 4) throw new IllegalArgumentException("--inspect '" + where + "' must be X,Y or X,Y,W,H");
		final long[] v = { 0, 0, 1, 1 };
		for (int i = 0; i < p.length; i++) {
			try {
				v[i] = Long.parseLong(p[i].trim());
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException("--inspect '" + where + "': '" + p[i].trim() + "' is not a whole number; give pixel coordinates X,Y or X,Y,W,H");
			}
			if (v[i] < 0 || i >= 2 && v[i] < 1)
				throw new IllegalArgumentException("--inspect '" + where + "': X and Y must be >= 0 and W, H >= 1");
		}
		return v;
	}

	private void inspect(final PosteriorModel m, final ImagePlus imp, final String where, final PosteriorRequest request, final List<Path> inputs,
		final JsonArray files) throws IOException
	{
		final long[] v = inspectRegion(where);
		final PosteriorOptions o = new PosteriorOptions();
		o.samples = Math.max(request.samples(), 1000);
		o.seed = request.seed();
		o.saturation = request.saturationFor(PosteriorImages.saturationOf(imp));
		final PixelInspector.Inspection r = PixelInspector.inspect(SpectralImage.of(imp), v[0], v[1], v[2], v[3], 0, m, o);
		final String stem = "inspect_" + v[0] + "_" + v[1];
		final StringBuilder csv = new StringBuilder(String.join(",", m.parameters())).append('\n');
		final int count = r.parameters().isEmpty() ? 0 : r.parameters().get(0).samples().length;
		for (int i = 0; i < count; i++) {
			for (int j = 0; j < r.parameters().size(); j++) csv.append(j == 0 ? "" : ",").append(r.parameters().get(j).samples()[i]);
			csv.append('\n');
		}
		AtomicFiles.writeBytes(out.resolve(stem + ".csv"), inputs, csv.toString().getBytes(StandardCharsets.UTF_8));
		files.add(stem + ".csv");
		for (final PixelInspector.ParameterPosterior pp : r.parameters()) {
			PosteriorPlots.savePng(PosteriorPlots.inspection(r, pp), out.resolve(stem + "_" + pp.name() + ".png"), inputs);
			files.add(stem + "_" + pp.name() + ".png");
			cli.out().printf(Locale.ROOT, "%s %s: median %.4g, mean %.4g, IQR %.4g, %d mode(s)%n", r.where(), pp.name(), pp.median(), pp.mean(), pp.iqr(), pp.modes());
		}
	}
}
