package org.innsight.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.optics.Camera;
import org.innsight.optics.Simulator;
import org.innsight.optics.SpectralModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight simulate}: a table of simulated parameters and camera spectra. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
	description = { "Simulate a table of tissue parameters (Latin hypercube) and camera spectra.",
		"Columns: parameters by name (sO2, vHb_1, ...), then band_00, band_01, ... ; JSON header with model, camera, ranges, seed, count.",
		"The same seed gives the same bytes, whatever --threads." })
final class SimulateCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Option(names = "--model", required = true, paramLabel = "msi|msi-mc|pai",
		description = "msi: fast layered diffusion model; msi-mc: Monte-Carlo reference (slow); pai: photoacoustic initial pressure.")
	String model;

	@Option(names = "--camera", paramLabel = "NAME|FILE.json",
		description = "Built-in camera (msi-16band, hsi-100band, pai-16wl) or a camera JSON (default: msi-16band, or pai-16wl for pai).")
	String camera;

	/** The largest table one call simulates: 10 million rows of a 16-band model are about 1 GB in memory. */
	static final int MAX_ROWS = 10_000_000;

	@Option(names = "--n", required = true, paramLabel = "N", description = "Number of rows (spectra).")
	int n;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--out", required = true, paramLabel = "FILE", description = "Output table: .csv or .h5")
	Path out;

	@Option(names = "--layers", defaultValue = "3", paramLabel = "L", description = "Tissue layers of the msi models (default: ${DEFAULT-VALUE}).")
	int layers;

	@Option(names = "--photons", defaultValue = "20000", paramLabel = "P", description = "Photon packets per wavelength for msi-mc (default: ${DEFAULT-VALUE}).")
	long photons;

	@Option(names = "--range", paramLabel = "NAME=MIN:MAX", description = "Change a parameter's simulated range (repeatable), e.g. --range sO2=0.5:1")
	List<String> ranges;

	@Option(names = "--class", paramLabel = "NAME=MIN:MAX,...|all",
		description = { "A tissue class with its own ranges (repeatable: class 0, 1, ... in order; 'all' = the --range ranges unchanged).",
			"Rows are shared evenly; class k is simulated with seed S*1000+k; the class goes into --class-column.",
			"e.g. --class vHb_1=0.01:0.05,a_mie_1=1000:2000 --class vHb_1=0.1:0.3" })
	List<String> classes;

	@Option(names = "--class-fractions", split = ",", paramLabel = "F0,F1,...",
		description = "Share of the rows per --class (relative weights; default: equal).")
	double[] classFractions;

	@Option(names = "--class-column", defaultValue = "tissue_class", paramLabel = "NAME",
		description = "Column of the tissue class with --class (default: ${DEFAULT-VALUE}).")
	String classColumn;

	@Override
	public Integer call() throws Exception {
		if (n < 1 || n > MAX_ROWS)
			throw new IllegalArgumentException("--n must be between 1 and " + MAX_ROWS + " rows, not " + n + "; simulate a larger table in parts with different --seed values");
		if (!TableFiles.isCsv(out) && !TableFiles.isHdf5(out)) throw new IllegalArgumentException("--out " + out + ": use a .csv or .h5 file");
		output.check(out);
		final SpectralModel m = OpticsCli.model(model, layers, photons, ranges);
		final Camera cam = OpticsCli.camera(camera, model);
		final int threads = cli.threads();
		final Table table;
		try (TerminalProgress bar = TerminalProgress.start("simulate " + m.name())) {
			if (classes == null || classes.isEmpty()) table = Simulator.simulate(m, cam, n, seed, threads, bar);
			else {
				final List<SpectralModel> perClass = new ArrayList<>();
				for (final String c : classes) {
					final List<String> r = new ArrayList<>(ranges == null ? List.of() : ranges);
					if (!c.trim().equals("all")) for (final String part : c.split(",")) {
						if (part.isBlank()) throw new IllegalArgumentException("--class '" + c + "': an empty range; write NAME=MIN:MAX,NAME=MIN:MAX or all");
						r.add(part.trim());
					}
					perClass.add(OpticsCli.model(model, layers, photons, r));
				}
				if (classFractions != null && classFractions.length != classes.size())
					throw new IllegalArgumentException("--class-fractions has " + classFractions.length + " values for " + classes.size() + " --class options");
				table = Simulator.simulateClasses(perClass, classFractions, cam, n, seed, classColumn, threads, bar);
			}
		}
		TableFiles.write(table, out);
		cli.out().println("wrote " + table.rows() + " rows x " + table.columnCount() + " columns (" + m.parameters().size() +
			" parameters, " + cam.bands() + " bands band_*" + (classes == null || classes.isEmpty() ? "" : ", " + classes.size() + " tissue classes in " + classColumn) + ") to " + out + "  [model " + m.name() + ", camera " + cam.name() + ", seed " + seed + "]");
		return 0;
	}
}
