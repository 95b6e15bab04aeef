package org.innsight.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.ood.OodSets;
import org.innsight.optics.Camera;
import org.innsight.optics.SpectralModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight simulate-ood}: seeded out-of-distribution spectra to validate OOD models with. */
@Command(name = "simulate-ood", mixinStandardHelpOptions = true,
	description = { "Simulate a table of out-of-distribution spectra through a camera (same columns band_* and header as innsight simulate).",
		"Kinds: instrument (metal and plastic, no tissue), specular (tissue + white offset 0.1-0.5), absorber (tissue under a synthetic",
		"absorber band, 600-720 nm), saturated (overexposed, clipped), underexposed (2-20%% exposure). See org.innsight.ood.OodSets.",
		"The same seed gives the same table." })
final class SimulateOodCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Option(names = "--kind", required = true, paramLabel = "KIND", description = "instrument, specular, absorber, saturated, underexposed or exposure.")
	String kind;

	@Option(names = "--model", defaultValue = "msi", paramLabel = "msi|msi-mc", description = "Tissue model for the tissue-based kinds (default: ${DEFAULT-VALUE}).")
	String model;

	@Option(names = "--camera", paramLabel = "NAME|FILE.json", description = "Camera (default: msi-16band).")
	String camera;

	@Option(names = "--level", paramLabel = "X",
		description = "One fixed level instead of the kind's range: exposure factor for exposure (e.g. 0.5, 2), offset for specular (e.g. 0.1).")
	Double level;

	@Option(names = "--n", required = true, paramLabel = "N", description = "Number of spectra.")
	int n;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--range", paramLabel = "NAME=MIN:MAX", description = "Change a tissue parameter's range (repeatable).")
	List<String> ranges;

	@Option(names = "--out", required = true, paramLabel = "FILE", description = "Output table: .csv or .h5")
	Path out;

	@Override
	public Integer call() throws Exception {
		if (n < 1) throw new IllegalArgumentException("--n must be >= 1");
		if (!TableFiles.isCsv(out) && !TableFiles.isHdf5(out)) throw new IllegalArgumentException("--out " + out + ": use a .csv or .h5 file");
		output.check(out);
		final OodSets.Kind k = OodSets.Kind.parse(kind);
		if (model.startsWith("pai")) throw new IllegalArgumentException("--model: OOD sets are reflectance spectra (msi, msi-mc)");
		final SpectralModel m = OpticsCli.model(model, 3, 20_000, ranges);
		final Camera cam = OpticsCli.camera(camera, model);
		final Table table;
		try (TerminalProgress bar = TerminalProgress.start("simulate-ood " + k.label())) {
			table = OodSets.simulate(k, m, cam, n, seed, level == null ? Double.NaN : level, bar);
		}
		TableFiles.write(table, out);
		cli.out().println("wrote " + table.rows() + " " + k.label() + " spectra (" + k.description() + ") to " + out + "  [camera " + cam.name() +
			", seed " + seed + (level == null ? "" : ", level " + level) + "]");
		return 0;
	}
}
