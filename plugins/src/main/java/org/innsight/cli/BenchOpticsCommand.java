package org.innsight.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.optics.Camera;
import org.innsight.optics.CameraJson;
import org.innsight.optics.LayeredTissueModel;
import org.innsight.optics.ModelComparison;
import org.innsight.optics.PhotoacousticModel;
import org.innsight.optics.Simulator;
import org.innsight.optics.SpectralModel;
import org.innsight.progress.ProcessCpu;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight bench optics}: spectra per second of each forward model (with camera and noise). */
@Command(name = "optics", mixinStandardHelpOptions = true,
	description = "Measure simulation speed: spectra per second for the fast MSI/HSI model, the PAI model and the Monte-Carlo reference.")
final class BenchOpticsCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--n", defaultValue = "200000", paramLabel = "N", description = "Spectra per fast-model run (default: ${DEFAULT-VALUE}).")
	int n;

	@Option(names = "--mc-spectra", defaultValue = "2", paramLabel = "N", description = "Spectra for the Monte-Carlo run (default: ${DEFAULT-VALUE}).")
	int mcSpectra;

	@Option(names = "--photons", defaultValue = "10000", paramLabel = "P", description = "Photon packets per wavelength for Monte Carlo (default: ${DEFAULT-VALUE}).")
	long photons;

	@Option(names = "--compare", defaultValue = "0", paramLabel = "N",
		description = "Also measure the fast model's error against Monte Carlo on N Latin-hypercube tissues at 500, 560, 600, 700, 800 nm.")
	int compare;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the --compare samples (default: ${DEFAULT-VALUE}).")
	long seed;

	@Override
	public Integer call() throws Exception {
		final int threads = cli.threads();
		cli.out().println("innsight bench optics: " + threads + " thread(s), " + Runtime.getRuntime().availableProcessors() + " cores visible");
		run("msi (fast diffusion, 3 layers)", LayeredTissueModel.fast(3), CameraJson.load("msi-16band"), n, threads, 0);
		run("hsi (fast diffusion, 3 layers)", LayeredTissueModel.fast(3), CameraJson.load("hsi-100band"), Math.max(1, n / 5), threads, 0);
		run("pai (diffusion fluence)", PhotoacousticModel.standard(), CameraJson.load("pai-16wl"), n, threads, 0);
		run("msi-mc (Monte Carlo, " + photons + " photons/wavelength)", LayeredTissueModel.monteCarlo(3, photons), CameraJson.load("msi-16band"),
			mcSpectra, threads, photons);
		if (compare > 0) {
			cli.out().println("fast diffusion vs Monte Carlo (" + photons + " photons/wavelength), " + compare + " tissues x 5 wavelengths, seed " + seed + ":");
			for (final ModelComparison.Errors e : ModelComparison.compare(compare, new double[] { 500, 560, 600, 700, 800 }, photons, seed, threads))
				cli.out().println("  " + e);
		}
		return 0;
	}

	private static String number(final double v) {
		return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
	}

	private void run(final String label, final SpectralModel model, final Camera camera, final int count, final int threads,
		final long photons) {
		if (photons == 0) Simulator.simulate(model, camera, Math.min(count, 20_000), 99, threads, null); // warm-up (JIT)
		final long t0 = System.nanoTime(), c0 = ProcessCpu.nanos();
		Simulator.simulate(model, camera, count, 1, threads, null);
		final double s = (System.nanoTime() - t0) / 1e9, rate = count / s;
		// On a shared machine wall-clock speed understates the code: also report what the CPU time we got implies
		// for `threads` otherwise idle cores.
		final double cpu = (ProcessCpu.nanos() - c0) / 1e9, idleRate = cpu > 0 ? count / cpu * threads : Double.NaN;
		final int grid = camera.grid().length;
		String line = String.format(Locale.ROOT, "%-45s %-12s %3d bands, %3d grid wavelengths: %12s spectra/s (%.2f million/min)", label,
			camera.name(), camera.bands(), grid, number(rate), rate * 60 / 1e6);
		if (photons > 0) line += String.format(Locale.ROOT, ", %.3g photon packets/s", rate * grid * photons);
		line += String.format(Locale.ROOT, "  [CPU-time based, %d idle cores: %s spectra/s = %.2f million/min]", threads, number(idleRate), idleRate * 60 / 1e6);
		cli.out().println(line);
	}
}
