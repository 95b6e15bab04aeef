package org.innsight.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.image.SpectralImage;
import org.innsight.io.ImageFiles;
import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.ood.OodMaps;
import org.innsight.ood.OodModel;
import org.innsight.ood.Spectra;
import org.innsight.ood.Waic;

import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code innsight ood}: OOD score map and mask of a spectral image (or scores of a table's spectra). */
@Command(name = "ood", mixinStandardHelpOptions = true,
	description = { "Out-of-distribution maps of a spectral image with an OOD model: <name>_ood_score.tif (-WAIC per band, higher = more",
		"out of distribution), <name>_ood_mask.tif (255 = above the model's threshold, or a non-finite spectrum) and, with --spread,",
		"<name>_ood_spread.tif (standard deviation of log p over the members). Pixels are raw camera values; they are normalised",
		"like the model's training table. With --table instead of an image: one row per spectrum (row, ood_score, ood_flag, ood_spread)." })
final class OodCommand implements Callable<Integer> {

	@ParentCommand
	InnSightCli root;

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

	@Option(names = "--bands", paramLabel = "COLUMNS", description = "With --table: spectral columns (default: header's observation columns, else band_*).")
	String bands;

	@Override
	public Integer call() throws Exception {
		if ((image == null) == (table == null)) throw new IllegalArgumentException("give either an IMAGE or --table FILE");
		try (OodModel m = OodModel.load(model, root.device())) {
			if (table != null) scoreTable(m);
			else scoreImage(m);
		}
		return 0;
	}

	private void scoreImage(final OodModel m) throws Exception {
		final SpectralImage spectral = ImageFiles.openSpectral(image);
		final OodMaps.Result r;
		try (TerminalProgress bar = TerminalProgress.start("ood")) {
			r = OodMaps.compute(spectral, m, spread, bar);
		}
		Files.createDirectories(out);
		final String base = image.getFileName().toString().replaceAll("(?i)(\\.ome)?\\.(tiff?|h5|hdf5|nii|nii\\.gz)$", "");
		final List<Path> inputs = List.of(image);
		final List<String> wrote = new ArrayList<>();
		ImageFiles.save(r.score(), out.resolve(base + "_" + OodMaps.SCORE + ".tif"), inputs);
		wrote.add(base + "_" + OodMaps.SCORE + ".tif");
		ImageFiles.save(r.mask(), out.resolve(base + "_" + OodMaps.MASK + ".tif"), inputs);
		wrote.add(base + "_" + OodMaps.MASK + ".tif");
		if (r.spread() != null) {
			ImageFiles.save(r.spread(), out.resolve(base + "_" + OodMaps.SPREAD + ".tif"), inputs);
			wrote.add(base + "_" + OodMaps.SPREAD + ".tif");
		}
		System.out.printf(Locale.ROOT, "%s: %d of %d pixels (%.2f%%) out of distribution at threshold %.4f (%d with non-finite values)%n",
			image.getFileName(), r.flagged(), r.pixels(), 100 * r.flaggedFraction(), r.threshold(), r.unscorable());
		System.out.println("wrote " + String.join(", ", wrote) + " to " + out);
	}

	private void scoreTable(final OodModel m) throws Exception {
		if (!TableFiles.isCsv(out) && !TableFiles.isHdf5(out)) throw new IllegalArgumentException("--out " + out + ": with --table use a .csv or .h5 file");
		final Table t = TableFiles.read(table);
		final Spectra s = Spectra.of(t, bands);
		if (s.bands() != m.bands())
			throw new IllegalArgumentException(table + ": " + s.bands() + " spectral columns, model " + m.name() + " expects " + m.bands());
		final Waic.Scores scores = m.evaluate(s.values(), s.rows());
		final int n = s.rows();
		final float[] row = new float[n], flag = new float[n];
		int flagged = 0;
		for (int i = 0; i < n; i++) {
			row[i] = i;
			flag[i] = m.isOutOfDistribution(scores.score()[i]) ? 1 : 0;
			flagged += (int) flag[i];
		}
		final JsonObject header = new JsonObject();
		header.addProperty("ood_model", m.name());
		header.addProperty("threshold", m.threshold());
		header.addProperty("input", table.toString());
		header.addProperty("score", "-WAIC per band (nats); ood_flag 1 = above the threshold; ood_spread = sd of log p over members (nats)");
		final Table result = new Table(List.of("row", "ood_score", "ood_flag", "ood_spread"), new float[][] { row, scores.score(), flag, scores.spread() },
			header, "ood scores");
		if (out.toAbsolutePath().normalize().equals(table.toAbsolutePath().normalize()))
			throw new IllegalArgumentException("--out " + out + " is the input table; choose another file");
		TableFiles.write(result, out);
		System.out.printf(Locale.ROOT, "%s: %d of %d spectra (%.2f%%) out of distribution at threshold %.4f; wrote %s%n", table.getFileName(), flagged, n,
			100.0 * flagged / n, m.threshold(), out);
	}
}
