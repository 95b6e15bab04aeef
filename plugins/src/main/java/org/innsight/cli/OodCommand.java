package org.innsight.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.innsight.image.SpectralImage;
import org.innsight.io.ImageFiles;
import org.innsight.io.TableFiles;
import org.innsight.ood.OodMaps;
import org.innsight.ood.OodModel;
import org.innsight.ood.OodRequest;
import org.innsight.ood.OodTableScores;
import org.innsight.ood.TableSpectra;
import org.innsight.request.Outputs;
import org.innsight.request.Setting;

import ij.ImagePlus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code innsight ood}: OOD score map and mask of a spectral image (or scores of a table's spectra). */
@Command(name = "ood", mixinStandardHelpOptions = true,
	description = { "Out-of-distribution maps of a spectral image with an OOD model: <name>_ood_score.tif (-WAIC per band, higher = more",
		"out of distribution), <name>_ood_mask.tif (255 = above the model's threshold, or a non-finite spectrum) and, with --spread,",
		"<name>_ood_spread.tif (standard deviation of log p over the members). Pixels are raw camera values; they are normalised",
		"like the model's training table. With --table instead of an image: one row per spectrum (row, ood_score, ood_flag, ood_spread).",
		"Streamed (--stream; automatic for a .zarr input or a large image): the same maps as OME-Zarr, <name>_ood_score.ome.zarr, ..." })
final class OodCommand implements Callable<Integer>, SettingOptions.Owner {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE", description = "Spectral image (.tif, .h5, .nii); channels labelled with wavelengths.")
	Path image;

	@Option(names = "--table", paramLabel = "FILE", description = "Score the spectra of a table instead of an image.")
	Path table;

	@Option(names = "--model", required = true, paramLabel = "MODEL", description = "OOD model: folder, or name in models/ (e.g. msi-ood-16band).")
	String model;

	@Option(names = "--out", required = true, paramLabel = "DIR|FILE", description = "Output folder for an image; output table (.csv/.h5) for --table.")
	Path out;

	@Option(names = "--spread", description = "Also write the per-member log-likelihood spread.")
	boolean spread;

	@Option(names = "--accept-units", description = "Run even when the input does not look like the model's training units (negative values, " +
		"most pixels outside its training range): a warning instead of a refusal.")
	boolean acceptUnits;

	@Option(names = "--bands", paramLabel = "COLUMNS", description = "With --table: spectral columns (default: header's observation columns, else band_*).")
	String bands;

	@Option(names = "--stream", negatable = true, description = "Image: write every map tile by tile as OME-Zarr (<name>_ood_score.ome.zarr, ...) " +
		"instead of TIFF, holding a few tiles; an OME-Zarr input (.zarr folder) or a chunked HDF5 image is also read chunk by chunk. " +
		"Default: on for a .zarr input or an image file larger than half the Java heap; --no-stream reads a .zarr input whole.")
	Boolean stream;

	@Override
	public List<Setting<?>> settings() {
		return OodRequest.SETTINGS;
	}

	@Override
	public Integer call() throws Exception {
		if ((image == null) == (table == null)) throw new IllegalArgumentException("give either an IMAGE or --table FILE");
		final OodRequest request = new OodRequest(SettingOptions.read(cli.spec(), OodRequest.SETTINGS)).checked();
		if (table != null) output.check(out);
		if (table != null && Boolean.TRUE.equals(stream))
			throw new IllegalArgumentException("--stream applies to images; the table " + table + " is scored whole (leave out --stream)");
		final boolean streamed = table == null && Streaming.streams(stream, image);
		try (OodModel m = OodModel.load(model, cli.device())) {
			if (table != null) scoreTable(m);
			else if (streamed) scoreStreamed(m, request);
			else scoreImage(m, request);
		}
		return 0;
	}

	private void scoreImage(final OodModel m, final OodRequest request) throws Exception {
		final SpectralImage spectral = ImageFiles.openSpectral(image);
		final Outputs r;
		try (TerminalProgress bar = TerminalProgress.start("ood")) {
			r = OodMaps.run(spectral, m, request, bar);
		}
		final String base = base();
		output.check(r.images().keySet().stream().map(name -> out.resolve(base + "_" + name + ".tif")).toList());
		Files.createDirectories(out);
		final List<String> wrote = new ArrayList<>();
		for (final Map.Entry<String, ImagePlus> e : r.images().entrySet()) {
			final String file = base + "_" + e.getKey() + ".tif";
			ImageFiles.save(e.getValue(), out.resolve(file), List.of(image));
			wrote.add(file);
		}
		cli.report(r);
		printCounts(r);
		cli.out().println("wrote " + String.join(", ", wrote) + " to " + out);
	}

	/**
	 * The streamed maps: a .zarr or HDF5 input read chunk by chunk (others opened whole), every map written as
	 * OME-Zarr tile by tile. The units check (a pass over whole rows) is not made.
	 */
	private void scoreStreamed(final OodModel m, final OodRequest request) throws Exception {
		org.innsight.io.FileProblems.requireFolderOrAbsent(out, "--out");
		final String base = base();
		final List<Path> targets = OodMaps.imageNames(m, request.spread()).stream().map(name -> OodMaps.streamedMap(out, base, name)).toList();
		Streaming.claim(output, targets, image);
		final Outputs r;
		try (Streaming.Input in = new Streaming.Input(image, null, OodMaps.TILE_SIZE, 1); TerminalProgress bar = TerminalProgress.start("ood")) {
			r = OodMaps.runStreamed(in.image(), m, request, out, base, bar);
		}
		cli.report(r);
		printCounts(r);
		cli.out().println("streamed " + String.join(", ", targets.stream().map(t -> t.getFileName().toString()).toList()) + " to " + out);
	}

	private void printCounts(final Outputs r) {
		final Map<String, Object> s = r.statistics();
		cli.out().printf(Locale.ROOT, "%s: %d of %d pixels (%.2f%%) out of distribution at threshold %.4f (%d with non-finite values)%n",
			image.getFileName(), s.get(OodMaps.FLAGGED), s.get(OodMaps.PIXELS), 100 * (double) s.get(OodMaps.FRACTION), s.get(OodMaps.THRESHOLD),
			s.get(OodMaps.UNSCORABLE));
	}

	/** The start of every output file's name: the image's file name without its extension. */
	private String base() {
		return image.getFileName().toString().replaceAll("(?i)(\\.ome)?\\.(tiff?|h5|hdf5|nii|nii\\.gz|zarr)$", "");
	}

	private void scoreTable(final OodModel m) throws Exception {
		if (!TableFiles.isCsv(out) && !TableFiles.isHdf5(out)) throw new IllegalArgumentException("--out " + out + ": with --table use a .csv or .h5 file");
		if (out.toAbsolutePath().normalize().equals(table.toAbsolutePath().normalize()))
			throw new IllegalArgumentException("--out " + out + " is the input table; choose another file");
		final Outputs r = OodTableScores.run(TableSpectra.of(TableFiles.read(table), bands), m, table.toString());
		TableFiles.write(r.tables().get(OodTableScores.SCORES), out);
		final Map<String, Object> s = r.statistics();
		final int flagged = (int) s.get(OodTableScores.FLAGGED), n = (int) s.get(OodTableScores.SPECTRA);
		cli.out().printf(Locale.ROOT, "%s: %d of %d spectra (%.2f%%) out of distribution at threshold %.4f; wrote %s%n", table.getFileName(), flagged, n,
			100.0 * flagged / n, s.get(OodTableScores.THRESHOLD), out);
	}
}
