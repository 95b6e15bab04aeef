package org.innsight.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.mws.MwsBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight bench mws}: Mutex Watershed time, edges per second and peak heap on the three cases. */
@Command(name = "mws", mixinStandardHelpOptions = true,
	description = { "Time the Mutex Watershed (edges, sorting, greedy pass, labels) on synthetic affinities:",
		"random2d: 1024x1024, offsets (dy,dx) [-1,0] [0,-1] [-9,0] [0,-9] [-9,-9] [9,-9] [-27,0] [0,-27], 2 attractive, uniform random (target 2.5 s);",
		"voronoi2d: the same offsets, smooth affinities of 1024 Voronoi cells (target 1.2 s);",
		"random3d: 64x256x256, 3 attractive, repulsive at 3 and 9 per axis, strides (1,2,2), uniform random (target 4.5 s)." })
final class BenchMwsCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--case", defaultValue = "all", paramLabel = "NAME",
		description = "all, random2d, voronoi2d or random3d (default: ${DEFAULT-VALUE}).")
	String name;

	@Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "Timed runs per case (default: ${DEFAULT-VALUE}).")
	int repeat;

	@Option(names = "--warmup", defaultValue = "1", paramLabel = "N", description = "Untimed runs first, for the JIT (default: ${DEFAULT-VALUE}).")
	int warmup;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the synthetic affinities (default: ${DEFAULT-VALUE}).")
	long seed;

	@Override
	public Integer call() {
		if (repeat < 1 || warmup < 0) throw new IllegalArgumentException("--repeat must be >= 1 and --warmup >= 0");
		final int threads = cli.threads();
		final String[] cases = name.equals("all") ? MwsBenchmark.CASES : new String[] { name };
		cli.out().println("innsight bench mws: " + threads + " thread(s), " + Runtime.getRuntime().availableProcessors() +
			" cores visible, max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, seed " + seed);
		for (final String c : cases) {
			final MwsBenchmark.Case bench = MwsBenchmark.make(c, seed, threads);
			cli.out().println(c + ": " + bench.description);
			final MwsBenchmark.Result r = MwsBenchmark.run(bench, warmup, repeat, cli.out()::println);
			cli.out().printf(Locale.ROOT, "  %s: %,d edges, %,d segments; median %.3f s (best %.3f s), %.1f million edges/s; " +
				"median CPU %.3f s; peak heap %.0f MiB; target %.1f s: %s%n", c, r.edges, r.segments, r.median(), r.best(),
				r.edges / r.median() / 1e6, r.medianCpu(), r.peakHeapBytes / (double) (1 << 20), bench.targetSeconds,
				r.median() <= bench.targetSeconds ? "met" : "missed");
		}
		cli.out().println("(peak heap: sum of the heap pools' peaks during the timed runs, including the input affinities; " +
			"an upper bound. On a shared machine wall time includes waiting for a core.)");
		return 0;
	}
}
