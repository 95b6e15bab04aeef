package org.innsight.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.innsight.image.SpectralImage;
import org.innsight.io.ImageFiles;
import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;
import org.innsight.request.Setting;
import org.innsight.transfer.DomainConditions;
import org.innsight.transfer.DomainTransfer;
import org.innsight.transfer.SpectraSources;
import org.innsight.transfer.TransferModel;
import org.innsight.transfer.TransferRequest;

import ij.ImagePlus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight transfer}: a table or an image moved from one domain to the other with a transfer model. */
@Command(name = "transfer", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Transfer spectra between the domains of a transfer model: x' = f^-1(f(x; c_from); c_to).",
		"Tables: band columns replaced, every other column (e.g. simulation parameters) kept.",
		"Images: every pixel's spectrum transferred. Output spectra are L2-normalised." })
final class TransferCommand implements Callable<Integer>, SettingOptions.Owner {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Option(names = "--model", required = true, arity = "1..*", paramLabel = "DIR|NAME",
		description = "Transfer model folder, or a model name in models/. Several (tables only): an ensemble, every row transferred by each, " +
			"stacked with the model's index in the column transfer_model.")
	List<String> model;

	@Option(names = "--input", required = true, paramLabel = "FILE", description = "Table (.csv/.h5) or spectral image (.tif, .h5, .nii).")
	Path input;

	@Option(names = "--out", required = true, paramLabel = "FILE", description = "Output table or image (same kind as the input; never the input).")
	Path out;

	@Option(names = "--to", paramLabel = "target|source",
		description = "Destination domain; the input is from the other one (default: ${DEFAULT-VALUE}; also real|sim).")
	String to;

	@Option(names = "--accept-units", description = "Run even when the input does not look like the model's training units (negative values, " +
		"most pixels outside its training range): a warning instead of a refusal.")
	boolean acceptUnits;

	@Option(names = "--bands", paramLabel = "PATTERN", description = "Band columns of a table (default: the header's observation columns, else band_*).")
	String bands;

	@Option(names = "--stream", negatable = true, description = "Image: write the transferred image tile by tile as OME-Zarr (--out NAME.ome.zarr), " +
		"holding a few tiles; an OME-Zarr input (.zarr folder) is also read chunk by chunk. Default: on for a .zarr input or output, " +
		"or an image file larger than half the Java heap; --no-stream reads a .zarr input whole (the output is then a TIFF).")
	Boolean stream;

	@Override
	public List<Setting<?>> settings() {
		return TransferRequest.SETTINGS;
	}

	@Override
	public Integer call() throws Exception {
		if (!Files.isRegularFile(input) && !Files.isDirectory(input))
			throw new java.nio.file.NoSuchFileException(input.toString(), null, "no such input file");
		if (Files.exists(out) && Files.isSameFile(out, input)) throw new IllegalArgumentException("--out must not be the input " + input);
		final TransferRequest request = new TransferRequest(SettingOptions.read(cli.spec(), TransferRequest.SETTINGS)).check();
		output.check(out);
		final String direction = DomainConditions.DOMAIN_NAMES[request.from()] + " -> " + DomainConditions.DOMAIN_NAMES[request.to()];
		if (model.size() > 1) return ensemble(request, direction);
		try (TransferModel m = TransferModel.load(model.get(0), cli.device())) {
			if (SpectraSources.isTable(input)) {
				if (Boolean.TRUE.equals(stream))
					throw new IllegalArgumentException("--stream applies to images; the table " + input + " is transferred whole (leave out --stream)");
				if (!SpectraSources.isTable(out)) throw new IllegalArgumentException("--out " + out + ": a table input needs a .csv or .h5 output");
				final Outputs result = DomainTransfer.run(TableFiles.read(input), m, request, ProgressListener.NONE);
				final Table t = result.tables().get(DomainTransfer.TRANSFERRED);
				TableFiles.write(t, out);
				cli.report(result);
				cli.out().println("wrote " + t.rows() + " rows to " + out + " (" + direction + ", band columns L2-normalised, other columns kept)");
			}
			else if (streams()) transferStreamed(m, request, direction);
			else {
				if (isZarr(out)) throw new IllegalArgumentException("--out " + out + ": an OME-Zarr image is written only when streaming; " +
					"leave out --no-stream, or give a .tif output");
				final SpectralImage img = ImageFiles.openSpectral(input);
				final Outputs result;
				try (TerminalProgress bar = TerminalProgress.start("transfer")) {
					result = DomainTransfer.run(img, m, request, bar);
				}
				final ImagePlus imp = result.image(DomainTransfer.TRANSFERRED);
				imp.setTitle(out.getFileName().toString());
				ImageFiles.save(imp, out, List.of(input));
				cli.report(result);
				cli.out().println("wrote " + img.width() + "x" + img.height() + "x" + img.channels() + " image to " + out + " (" + direction +
					", L2-normalised spectra)");
			}
		}
		return 0;
	}

	/** A table transferred by every model of an ensemble, stacked. */
	private int ensemble(final TransferRequest request, final String direction) throws Exception {
		if (!SpectraSources.isTable(input))
			throw new IllegalArgumentException("--model: " + model.size() + " models make an ensemble, which transfers tables only; " + input +
				" is an image (one spectrum per pixel): give one model");
		if (!SpectraSources.isTable(out)) throw new IllegalArgumentException("--out " + out + ": a table input needs a .csv or .h5 output");
		if (Boolean.TRUE.equals(stream)) throw new IllegalArgumentException("--stream applies to images; the table " + input + " is transferred whole (leave out --stream)");
		final Table table = TableFiles.read(input);
		final List<TransferModel> loaded = new java.util.ArrayList<>();
		try {
			for (final String name : model) loaded.add(TransferModel.load(name, cli.device()));
			final Outputs result = DomainTransfer.run(table, loaded, request, ProgressListener.NONE);
			final Table t = result.tables().get(DomainTransfer.TRANSFERRED);
			TableFiles.write(t, out);
			cli.report(result);
			cli.out().println("wrote " + t.rows() + " rows (" + table.rows() + " x " + model.size() + " models, column " + DomainTransfer.ENSEMBLE_COLUMN + ") to " +
				out + " (" + direction + ", band columns L2-normalised, other columns kept)");
		}
		finally {
			for (final TransferModel m : loaded) m.close();
		}
		return 0;
	}

	/** Whether an image is streamed: --stream / --no-stream, else a .zarr input or output, or an input over half the heap. */
	private boolean streams() throws java.io.IOException {
		return stream == null && isZarr(out) || Streaming.streams(stream, input);
	}

	private static boolean isZarr(final Path p) {
		return p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zarr");
	}

	/** The streamed image: a .zarr input read chunk by chunk (others opened whole), the result written as OME-Zarr tile by tile. */
	private void transferStreamed(final TransferModel m, final TransferRequest request, final String direction) throws Exception {
		if (!isZarr(out)) throw new IllegalArgumentException("--out " + out + ": a streamed image is written as OME-Zarr; give a folder name " +
			"ending in .ome.zarr, or --no-stream for a .tif");
		Streaming.claim(output, List.of(out), input);
		final Outputs result;
		final SpectralImage img;
		try (Streaming.Input in = new Streaming.Input(input, null, DomainTransfer.TILE_SIZE, 1); TerminalProgress bar = TerminalProgress.start("transfer")) {
			img = in.image();
			result = DomainTransfer.runStreamed(img, m, request, out, bar);
		}
		cli.report(result);
		cli.out().println("streamed " + img.width() + "x" + img.height() + "x" + img.channels() + " image to " + out + " (OME-Zarr, " + direction +
			", L2-normalised spectra)");
	}
}
