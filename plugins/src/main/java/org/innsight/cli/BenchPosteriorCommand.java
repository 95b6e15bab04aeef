package org.innsight.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.posterior.PosteriorBenchmark;
import org.innsight.posterior.PosteriorModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight bench posterior}: per-pixel posterior estimation of a synthetic spectral image, end to end. */
@Command(name = "posterior", mixinStandardHelpOptions = true,
	description = "Time the posterior maps (sampling, median/mean/IQR/modes) of a SIZE x SIZE image of simulated spectra (target: 256 x 256, 64 samples, <= 60 s on 2 cores).")
final class BenchPosteriorCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--model", defaultValue = "msi-tissue-16band", paramLabel = "M", description = "Model name or folder (default: ${DEFAULT-VALUE}).")
	String model;

	@Option(names = "--size", defaultValue = "256", paramLabel = "N", description = "Image width and height (default: ${DEFAULT-VALUE}).")
	int size;

	@Option(names = "--samples", defaultValue = "64", paramLabel = "N", description = "Posterior samples per pixel (default: ${DEFAULT-VALUE}).")
	int samples;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the image and the samples (default: ${DEFAULT-VALUE}).")
	long seed;

	@Override
	public Integer call() throws Exception {
		final int threads = cli.threads();
		final PosteriorBenchmark.Result r;
		try (PosteriorModel m = PosteriorModel.load(model, cli.device()); TerminalProgress bar = TerminalProgress.start("posterior")) {
			r = PosteriorBenchmark.run(m, size, samples, threads, seed, bar);
		}
		cli.out().printf(Locale.ROOT, "model:        %s (camera %s)%n", r.model(), r.camera());
		cli.out().printf(Locale.ROOT, "image:        %d x %d x %d bands, %d samples per pixel, %d thread(s), device %s%n", r.size(), r.size(), r.bands(),
			r.samples(), r.threads(), cli.device());
		cli.out().printf(Locale.ROOT, "simulation:   %.2f s (not counted)%n", r.simulateSeconds());
		cli.out().printf(Locale.ROOT, "posterior:    %.2f s = %.0f pixels/s = %.3g samples/s (%s)%n", r.seconds(), r.pixelsPerSecond(), r.samplesPerSecond(),
			r.counts());
		final int cores = Math.min(threads, Runtime.getRuntime().availableProcessors());
		cli.out().printf(Locale.ROOT, "CPU time:     %.2f s (all threads) = %.2f s on %d otherwise idle core(s); load average %.1f%n", r.cpuSeconds(),
			r.secondsOnIdleCores(cores), cores, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		if (r.size() == 256 && r.samples() == 64 && r.bands() == 16)
			cli.out().printf(Locale.ROOT, "target:       <= 60 s for 256 x 256 x 16 with 64 samples: %s (wall clock), %s (CPU time / cores)%n",
				r.seconds() <= 60 ? "met" : "MISSED", r.secondsOnIdleCores(cores) <= 60 ? "met" : "MISSED");
		return 0;
	}
}
