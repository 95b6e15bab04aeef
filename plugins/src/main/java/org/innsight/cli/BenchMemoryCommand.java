package org.innsight.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.posterior.PosteriorMemoryBenchmark;
import org.innsight.posterior.PosteriorRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight bench memory}: peak resident memory and its trend over the tiles of a long posterior run. */
@Command(name = "memory", mixinStandardHelpOptions = true,
	description = { "Estimate the posterior of a SIZE x SIZE synthetic spectral image ROUNDS times, reading the resident memory after every tile;",
		"print the peak against the image size and the lowest resident memory (and its part outside the Java heap) per window of tiles." })
final class BenchMemoryCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--model", defaultValue = "msi-tissue-16band", paramLabel = "M", description = "Model name or folder (default: ${DEFAULT-VALUE}).")
	String model;

	@Option(names = "--size", defaultValue = "1024", paramLabel = "N", description = "Image width and height (default: ${DEFAULT-VALUE}).")
	int size;

	@Option(names = "--samples", paramLabel = "N", description = "Posterior samples per pixel (default: the posterior's, 100).")
	Integer samples;

	@Option(names = "--tile-size", paramLabel = "PX", description = "Tile width and height (default: the posterior's, 64).")
	Integer tileSize;

	@Option(names = "--rounds", defaultValue = "1", paramLabel = "N", description = "Runs over the image (default: ${DEFAULT-VALUE}).")
	int rounds;

	@Option(names = "--warmup", defaultValue = "20", paramLabel = "TILES", description = "Tiles left out of the trend (default: ${DEFAULT-VALUE}).")
	int warmup;

	@Option(names = "--window", defaultValue = "25", paramLabel = "TILES", description = "Tiles per trend window (default: ${DEFAULT-VALUE}).")
	int window;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the image and the samples (default: ${DEFAULT-VALUE}).")
	long seed;

	@Override
	public Integer call() throws Exception {
		final int threads = cli.threads();
		final PosteriorMemoryBenchmark.Result r;
		try (TerminalProgress bar = TerminalProgress.start("tiles")) {
			r = PosteriorMemoryBenchmark.run(model, cli.device(), size, samples != null ? samples : PosteriorRequest.SAMPLES.defaultValue(), threads,
				tileSize != null ? tileSize : PosteriorRequest.TILE_SIZE.defaultValue(), rounds, warmup, window, seed, bar);
		}
		final double mib = 1 << 20;
		final var out = cli.out();
		out.printf(Locale.ROOT, "model:        %s, device %s, %d thread(s), max heap %.0f MiB%n", r.model(), cli.device(), r.threads(),
			Runtime.getRuntime().maxMemory() / mib);
		out.printf(Locale.ROOT, "image:        %d x %d x %d float32 = %.0f MiB, %d samples per pixel, tiles %d x %d, %d round(s) = %d tiles in %.1f s%n",
			r.size(), r.size(), r.bands(), r.imageBytes() / mib, r.samples(), r.tileSize(), r.tileSize(), r.rounds(), r.tiles(), r.seconds());
		out.printf(Locale.ROOT, "resident:     %.0f MiB at start, %.0f MiB with engine and model, %.0f MiB with the image%n", r.rssStartBytes() / mib,
			r.rssModelBytes() / mib, r.rssImageBytes() / mib);
		out.printf(Locale.ROOT, "java heap:    %.0f MiB live with the image (after a full collection), at most %.0f MiB committed during the tiles%n",
			r.heapLiveBytes() / mib, r.heapCommittedBytes() / mib);
		out.printf(Locale.ROOT, "peak:         %.0f MiB = model loaded + %.2f x the image (target: at most 4 x): %s%n", r.peakRssBytes() / mib,
			r.peakOverModelPerImage(), r.peakOverModelPerImage() <= 4 ? "met" : "MISSED");
		out.printf(Locale.ROOT, "trend:        lowest resident memory per window of %d tiles after %d warm-up tiles (native = resident - the Java heap's resident pages)%n",
			r.windows().get(0).lastTile() - r.windows().get(0).firstTile() + 1, r.warmupTiles());
		for (final PosteriorMemoryBenchmark.Window w : r.windows())
			out.printf(Locale.ROOT, "  tiles %5d-%5d: %6.0f MiB, native %6.0f MiB%n", w.firstTile() + 1, w.lastTile() + 1, w.minRssBytes() / mib,
				w.minNativeBytes() / mib);
		final boolean flat = Math.abs(r.rssTrendPercent()) <= 5 && Math.abs(r.nativeTrendPercent()) <= 5;
		out.printf(Locale.ROOT, "flat:         first to last window %+.1f %% resident, %+.1f %% native (target: within +-5 %%): %s%n", r.rssTrendPercent(),
			r.nativeTrendPercent(), flat ? "met" : "MISSED");
		return 0;
	}
}
