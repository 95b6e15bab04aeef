package org.innsight.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.innsight.ood.OodStreamBenchmark;
import org.innsight.posterior.PosteriorRequest;
import org.innsight.posterior.PosteriorStreamBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code innsight bench stream}: the streamed posterior (or, with {@code --capability ood}, the streamed OOD maps) of a
 * large synthetic OME-Zarr image, with its wall time and peak resident memory.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
	description = { "Write a SIZE x SIZE synthetic spectral image as OME-Zarr chunk by chunk, stream its posterior (--capability ood: its OOD maps) into OME-Zarr maps",
		"tile by tile, and print the wall time, the peak resident memory and the Java heap limit (set it with INNSIGHT_JAVA_OPTS=-Xmx768m)." })
final class BenchStreamCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--capability", defaultValue = "posterior", paramLabel = "posterior|ood",
		description = "What is streamed: the posterior maps or the OOD maps (default: ${DEFAULT-VALUE}).")
	String capability;

	@Option(names = "--model", paramLabel = "M", description = "Model name or folder (default: msi-tissue-16band, for ood msi-ood-16band).")
	String model;

	@Option(names = "--size", defaultValue = "4096", paramLabel = "N", description = "Image width and height (default: ${DEFAULT-VALUE}).")
	int size;

	@Option(names = "--samples", paramLabel = "N", description = "Posterior samples per pixel (default: the posterior's, 100).")
	Integer samples;

	@Option(names = "--tile-size", paramLabel = "PX", description = "Tile and chunk width and height (default: the posterior's, 64); " +
		"for ood the input's chunks (its tiles are 256).")
	Integer tileSize;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the image and the samples (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--work", paramLabel = "DIR", description = "Where the input and the maps are written and kept (default: a temporary folder, removed afterwards).")
	Path work;

	@Override
	public Integer call() throws Exception {
		if (!capability.equals("posterior") && !capability.equals("ood"))
			throw new IllegalArgumentException("--capability " + capability + ": give posterior or ood");
		final boolean temporary = work == null;
		final Path folder = temporary ? Files.createTempDirectory("innsight-stream") : work;
		if (!temporary) {
			org.innsight.io.FileProblems.requireFolderOrAbsent(folder, "--work");
			if (Files.exists(folder.resolve("input.ome.zarr")) || Files.exists(folder.resolve("maps")))
				throw new IllegalArgumentException("--work " + folder + " already holds input.ome.zarr or maps; give an empty or new folder");
		}
		try {
			if (capability.equals("ood")) {
				ood(folder, temporary);
				return 0;
			}
			final PosteriorStreamBenchmark.Result r;
			try (TerminalProgress bar = TerminalProgress.start("posterior")) {
				r = PosteriorStreamBenchmark.run(model != null ? model : "msi-tissue-16band", cli.device(), size, samples != null ? samples : PosteriorRequest.SAMPLES.defaultValue(),
					cli.threads(), tileSize != null ? tileSize : PosteriorRequest.TILE_SIZE.defaultValue(), seed, folder, bar);
			}
			final double mib = 1 << 20;
			final var out = cli.out();
			out.printf(Locale.ROOT, "model:     %s, device %s, %d thread(s), max heap %.0f MiB (INNSIGHT_JAVA_OPTS=%s)%n", r.model(), cli.device(),
				r.threads(), r.maxHeapBytes() / mib, System.getenv().getOrDefault("INNSIGHT_JAVA_OPTS", ""));
			out.printf(Locale.ROOT, "image:     %d x %d x %d float32 = %.0f MiB as OME-Zarr (zlib), chunks %d x %d x %d, written in %.1f s%n", r.size(),
				r.size(), r.bands(), r.imageBytes() / mib, r.tileSize(), r.tileSize(), r.bands(), r.writeSeconds());
			out.printf(Locale.ROOT, "posterior: %d samples per pixel, %s, streamed in %.1f s%n", r.samples(), r.counts(), r.seconds());
			out.printf(Locale.ROOT, "peak RSS:  %.0f MiB during the streamed posterior, %.0f MiB over the whole run (the image is %.2f x the peak)%n",
				r.peakRssBytes() / mib, r.peakRssAllBytes() / mib, (double) r.imageBytes() / r.peakRssBytes());
			if (!temporary) out.println("kept:      " + r.input() + " and " + r.maps());
		}
		finally {
			if (temporary) try (Stream<Path> all = Files.walk(folder)) {
				all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
		return 0;
	}

	private void ood(final Path folder, final boolean temporary) throws Exception {
		final OodStreamBenchmark.Result r;
		try (TerminalProgress bar = TerminalProgress.start("ood")) {
			r = OodStreamBenchmark.run(model != null ? model : "msi-ood-16band", cli.device(), size,
				tileSize != null ? tileSize : PosteriorRequest.TILE_SIZE.defaultValue(), seed, cli.threads(), folder, bar);
		}
		final double mib = 1 << 20;
		final var out = cli.out();
		out.printf(Locale.ROOT, "model:     %s, device %s, max heap %.0f MiB (INNSIGHT_JAVA_OPTS=%s)%n", r.model(), cli.device(), r.maxHeapBytes() / mib,
			System.getenv().getOrDefault("INNSIGHT_JAVA_OPTS", ""));
		out.printf(Locale.ROOT, "image:     %d x %d x %d float32 = %.0f MiB as OME-Zarr (zlib), chunks %d x %d x %d, written in %.1f s%n", r.size(),
			r.size(), r.bands(), r.imageBytes() / mib, r.chunk(), r.chunk(), r.bands(), r.writeSeconds());
		out.printf(Locale.ROOT, "ood:       %d of %d pixels flagged; maps %s streamed in %.1f s (tiles %d)%n", r.flagged(), r.pixels(),
			String.join(", ", r.maps()), r.seconds(), org.innsight.ood.OodMaps.TILE_SIZE);
		out.printf(Locale.ROOT, "peak RSS:  %.0f MiB during the streamed OOD maps, %.0f MiB over the whole run (the image is %.2f x the peak)%n",
			r.peakRssBytes() / mib, r.peakRssAllBytes() / mib, (double) r.imageBytes() / r.peakRssBytes());
		if (!temporary) out.println("kept:      " + r.input() + " and " + r.folder());
	}
}
