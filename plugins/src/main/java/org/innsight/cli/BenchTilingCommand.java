package org.innsight.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.image.TilingBenchmark;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight bench tiling}: per-pixel work over tiles of a large float32 image; time and peak heap. */
@Command(name = "tiling", mixinStandardHelpOptions = true,
	description = "Average the channels of a synthetic SIZE x SIZE x CHANNELS float32 image tile by tile; print time and peak heap.")
final class BenchTilingCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--size", defaultValue = "4096", description = "Image width and height (default: ${DEFAULT-VALUE}).")
	int size;

	@Option(names = "--channels", defaultValue = "16", description = "Channels (default: ${DEFAULT-VALUE}).")
	int channels;

	@Option(names = "--tile", defaultValue = "256", description = "Tile width and height (default: ${DEFAULT-VALUE}).")
	int tile;

	@Override
	public Integer call() {
		final int threads = cli.threads();
		final ProgressBar[] bar = new ProgressBar[1]; // created at the first tile, so its clock starts with the tiling
		final TilingBenchmark.Result r;
		try {
			r = TilingBenchmark.run(size, channels, tile, threads, (done, total, message) -> {
				if (bar[0] == null) bar[0] = new ProgressBarBuilder().setTaskName("tiles").setInitialMax(total).build();
				bar[0].stepTo(done);
			});
		}
		finally {
			if (bar[0] != null) bar[0].close();
		}
		final double mib = 1 << 20;
		cli.out().printf(Locale.ROOT, "image:        %d x %d x %d float32 = %.0f MiB%n", size, size, channels, r.imageBytes() / mib);
		cli.out().printf(Locale.ROOT, "tiles:        %d x %d, %d thread(s)%n", tile, tile, threads);
		cli.out().printf(Locale.ROOT, "time:         %.2f s (%.1f Mpixel/s)%n", r.seconds(), r.megapixelsPerSecond());
		cli.out().printf(Locale.ROOT, "peak heap:    %.0f MiB above the start = %.2f x the image (input, output, tile blocks)%n",
			r.heapGrowthBytes() / mib, r.heapGrowthPerImageSize());
		cli.out().printf(Locale.ROOT, "results:      %s%n", r.exact() ? "exact" : "WRONG");
		return r.exact() ? 0 : 1;
	}
}
