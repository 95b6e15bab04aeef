package org.innsight.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.math.Statistics;
import org.innsight.mws.Affinities;
import org.innsight.mws.AffinityFiles;
import org.innsight.mws.AffinitySource;
import org.innsight.mws.Hdf5AffinitySource;
import org.innsight.mws.MwsOptions;
import org.innsight.mws.AffinityMeaning;
import org.innsight.mws.MwsBenchmark;
import org.innsight.mws.Offsets;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight bench mws}: Mutex Watershed wall and CPU time, edges per second and peak memory. */
@Command(name = "mws", mixinStandardHelpOptions = true,
	description = { "Time the Mutex Watershed (edges, sorting, greedy pass, labels) on the four inputs of issue 17, or on an affinity file.",
		"random2d, smooth2d: 1024x1024, offsets (dy,dx) [-1,0] [0,-1] [-3,0] [0,-3] [-9,0] [0,-9] [-9,-9] [-9,9], 2 attractive;",
		"random3d, smooth3d: 64x256x256, 3 attractive unit offsets, repulsive at 3 and 9 per axis, strides (1,2,2) (z,y,x).",
		"random = uniform float32; smooth = Voronoi cells of 2000 random seeds (1 inside, 0 across) + noise sd 0.05, clipped to [0,1].",
		"Each is compared with a third of affogato's time on the same input as issue 17 measured it (2 cores).",
		"Peak RSS is the whole process's (Linux VmHWM, reset before each case); the first case of a process (without --probe-memory) is compared " +
		"with affogato's peak after its first run, as affogato ran once per process." })
final class BenchMwsCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--case", defaultValue = "all", paramLabel = "NAME",
		description = "all, random2d, smooth2d, random3d or smooth3d (default: ${DEFAULT-VALUE}); ignored with --affinities.")
	String name;

	@Option(names = "--affinities", paramLabel = "FILE.h5", description = "Time this affinity file instead: HDF5, (C, [Z,] Y, X) float32 or uint8.")
	Path file;

	@Option(names = "--dataset", defaultValue = AffinityFiles.DEFAULT_DATASET, paramLabel = "NAME",
		description = "HDF5 dataset of --affinities (default: ${DEFAULT-VALUE}).")
	String dataset;

	@Option(names = "--offsets", paramLabel = "LIST",
		description = "Offsets of --affinities in numpy order, e.g. [[-1,0],[0,-1],[-9,0]] (default: the dataset's 'offsets' attribute).")
	String offsets;

	@Option(names = "--attractive", defaultValue = "0", paramLabel = "K",
		description = "Attractive channels of --affinities (default: the dataset's 'attractive' attribute, else one per axis).")
	int attractive;

	@Option(names = "--strides", paramLabel = "S,S[,S]", description = "Strides of the repulsive edges of --affinities, numpy order (default: 1).")
	String strides;

	@Option(names = "--meaning", defaultValue = "same-object", paramLabel = "same-object|boundary",
		description = "What a high value of --affinities says (default: ${DEFAULT-VALUE}).")
	String meaning;

	@Option(names = "--write-inputs", paramLabel = "DIR",
		description = "Only write the chosen built-in cases as DIR/<case>.h5 (offsets and attractive as attributes), to run another program on them.")
	Path writeInputs;

	@Option(names = "--blockwise", description = { "Time the blockwise Mutex Watershed once instead: on --case (default smooth3d, in memory), " +
		"on --affinities read block by block, or on a synthetic --volume computed block by block." })
	boolean blockwise;

	@Option(names = "--block", defaultValue = "64,128,128", paramLabel = "Z,Y,X",
		description = "With --blockwise: block size, numpy order (Y,X in 2D) (default: ${DEFAULT-VALUE}).")
	String block;

	@Option(names = "--halo", defaultValue = "9", paramLabel = "N",
		description = "With --blockwise: pixels added on each side of a block; at least the largest offset (default: ${DEFAULT-VALUE}).")
	int halo;

	@Option(names = "--compare-whole", description = "With --blockwise: also segment the whole volume at once and print the adapted Rand error.")
	boolean compareWhole;

	@Option(names = "--volume", paramLabel = "Z,Y,X",
		description = "With --blockwise: a synthetic smooth3d-like volume of this size whose affinities are computed per block (never whole).")
	String volume;

	@Option(names = "--repeat", defaultValue = "5", paramLabel = "N", description = "Timed runs per case (default: ${DEFAULT-VALUE}).")
	int repeat;

	@Option(names = "--warmup", defaultValue = "1", paramLabel = "N", description = "Untimed runs first, for the JIT (default: ${DEFAULT-VALUE}).")
	int warmup;

	@Option(names = "--pass", defaultValue = "adaptive", paramLabel = "WAY",
		description = { "How the greedy pass reads ahead: adaptive (the default: tries both ways as it goes), plain, prefetch; " +
			"or compare: all three alternating in one process, --repeat rounds, pass seconds per way (same labels checked)." })
	String pass;

	@Option(names = "--probe-memory",
		description = { "Before and after each case, time random reads from main memory (a 64 MiB pointer chase, one read at a time " +
			"and 16 at a time) and from a 6 MiB chase, which this VM's share of the shared L3 cache holds in its fast spells (about 20-40 ns " +
			"per read) and not in its slow ones (over 100 ns); time the 6 MiB chase again just before and after each timed run, and with 3 " +
			"runs or more print how the greedy pass's time follows their mean. Adds 70 MiB to the peak memory figures." })
	boolean probeMemory;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the synthetic affinities (default: ${DEFAULT-VALUE}).")
	long seed;

	@Override
	public Integer call() throws Exception {
		if (repeat < 1 || warmup < 0) throw new IllegalArgumentException("--repeat must be >= 1 and --warmup >= 0");
		final int threads = cli.threads();
		final List<String> cases = new ArrayList<>();
		if (file == null) cases.addAll(name.equals("all") ? List.of(MwsBenchmark.CASES) : List.of(name));
		if (writeInputs != null) {
			if (file != null) throw new IllegalArgumentException("--write-inputs writes the built-in cases; leave out --affinities");
			Files.createDirectories(writeInputs);
			for (final String c : cases) {
				final Path out = writeInputs.resolve(c + ".h5");
				if (Files.exists(out)) throw new IllegalArgumentException(out + " exists; choose an empty folder");
				MwsBenchmark.make(c, seed, threads).write(out);
				cli.out().println("wrote " + out);
			}
			return 0;
		}
		if (blockwise) return blockwise(threads);
		if (compareWhole || volume != null) throw new IllegalArgumentException("--compare-whole and --volume need --blockwise");
		cli.out().println("innsight bench mws: " + threads + " thread(s), " + Runtime.getRuntime().availableProcessors() +
			" cores visible, max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, seed " + seed);
		final boolean compare = pass.equals("compare");
		if (!compare) MwsBenchmark.usePassWay(pass);
		if (!pass.equals("adaptive")) cli.out().println("pass way: " + pass);
		try {
			if (file != null) {
				if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such file");
				run(MwsBenchmark.fromFile(file, dataset, offsets == null ? null : Offsets.parse(offsets), attractive,
					strides == null ? null : Offsets.ints(strides, "--strides"), AffinityMeaning.parse(meaning), threads), compare);
			}
			for (final String c : cases) run(MwsBenchmark.make(c, seed, threads), compare);
		}
		finally {
			MwsBenchmark.usePassWay("adaptive");
		}
		if (compare) return 0;
		cli.out().println("(peak heap: the heap pools' peaks during the timed runs, including the input affinities. " +
			"On a shared machine wall time includes waiting for a core.)");
		return 0;
	}

	private int blockwise(final int threads) throws Exception {
		final int[] blockZyx = Offsets.ints(block, "--block");
		final AffinitySource source;
		final MwsOptions options;
		final String what;
		Hdf5AffinitySource h5 = null;
		if (file != null) {
			if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such file");
			h5 = new Hdf5AffinitySource(file, dataset, offsets == null ? null : Offsets.parse(offsets));
			source = h5;
			final int nd = source.dims().length;
			options = new MwsOptions().threads(threads).meaning(AffinityMeaning.parse(meaning))
				.attractive(attractive > 0 ? attractive : h5.attractive() != null ? h5.attractive() : nd);
			if (strides != null) {
				final int[] s = Offsets.ints(strides, "--strides");
				if (s.length != nd) throw new IllegalArgumentException("--strides needs " + nd + " values for " + file + ", got " + s.length);
				options.strides(Affinities.reversed(s));
			}
			what = file + " dataset '" + dataset + "', read block by block";
		}
		else if (volume != null) {
			final int[] zyx = Offsets.ints(volume, "--volume");
			source = MwsBenchmark.syntheticVolume(zyx, seed);
			options = MwsBenchmark.options3d(threads);
			what = "synthetic smooth3d-like volume " + volume + " (z,y,x), 9 offsets, strides (1,2,2), affinities computed per block";
		}
		else {
			final MwsBenchmark.Case c = MwsBenchmark.make(name.equals("all") ? "smooth3d" : name, seed, threads);
			source = c.source();
			options = c.options();
			what = c.name + ": " + c.description + " (in memory)";
		}
		try {
			final int nd = source.dims().length;
			if (blockZyx.length != nd) throw new IllegalArgumentException("--block needs " + nd + " values (numpy order), got " + blockZyx.length);
			int largest = 0;
			for (final int[] o : source.offsets()) for (final int v : o) largest = Math.max(largest, Math.abs(v));
			cli.out().println("innsight bench mws --blockwise: " + threads + " thread(s), max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) +
				" MiB, seed " + seed);
			cli.out().println(what + "; blocks " + block + " (z,y,x), halo " + halo + (halo < largest ? " (less than the largest offset " + largest + ")" : ""));
			final MwsBenchmark.BlockwiseResult r = MwsBenchmark.runBlockwise(source, options, Affinities.reversed(blockZyx), halo, compareWhole,
				cli.out()::println);
			cli.out().printf(Locale.ROOT, "blockwise: %d blocks, %,d segments; %.2f s wall, %.2f s CPU; peak RSS %s, peak heap %.0f MiB%n", r.blocks,
				r.segments, r.seconds, r.cpuSeconds, rss(r.peakRssBytes), mib(r.peakHeapBytes));
			if (r.agreement != null)
				cli.out().printf(Locale.ROOT, "whole volume: %,d segments, %.2f s wall (including reading its affinities); blockwise vs whole: %s; " +
					"target <= 0.01: %s%n", r.wholeSegments, r.wholeSeconds, r.agreement, r.agreement.error <= 0.01 ? "met" : "missed");
			return 0;
		}
		finally {
			if (h5 != null) h5.close();
		}
	}

	private void run(final MwsBenchmark.Case bench, final boolean compare) {
		if (compare) comparePassWays(bench);
		else report(bench);
	}

	private void comparePassWays(final MwsBenchmark.Case bench) {
		cli.out().println(bench.name + ": " + bench.description + "; pass ways alternating, " + repeat + " rounds");
		final double[][] seconds = MwsBenchmark.comparePassWays(bench, repeat, cli.out()::println);
		final List<String> ways = MwsBenchmark.passWays();
		for (int w = 0; w < ways.size(); w++)
			cli.out().printf(Locale.ROOT, "  %s: pass %-8s median %.3f s, best %.3f s%n", bench.name, ways.get(w),
				Statistics.median(seconds[w]), java.util.Arrays.stream(seconds[w]).min().orElse(Double.NaN));
	}

	private org.innsight.progress.MemoryLatency chase, cacheChase;

	/** Reads in flight in the probe's second figure (about what the Mutex Watershed's pass keeps in flight reading ahead). */
	private static final int PROBE_CHAINS = 16;
	/**
	 * The 6 MiB chase's ns per read that tells a spell with a share of the L3 cache (below) from one without: between the 20-40
	 * ns and the 100-140 ns measured in the two kinds of spell (docs/mws.md).
	 */
	static final double CACHE_SPLIT_NS = 60;

	/** ns per random read now: 64 MiB one at a time, {@link #PROBE_CHAINS} at a time, 6 MiB one at a time (NaNs without --probe-memory). */
	private double[] memoryLatency() {
		if (!probeMemory) return new double[] { Double.NaN, Double.NaN, Double.NaN };
		if (chase == null) {
			chase = new org.innsight.progress.MemoryLatency(64, 1);
			cacheChase = new org.innsight.progress.MemoryLatency(6, 2);
		}
		return new double[] { chase.nanosPerRead(2_000_000), chase.nanosPerRead(8_000_000, PROBE_CHAINS), cacheChase.nanosPerRead(1_000_000) };
	}

	private static double mib(final long bytes) {
		return bytes / (double) (1 << 20);
	}

	/** A peak resident memory as printed: whole MiB, or unknown (-1). */
	private static String rss(final long bytes) {
		return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MiB", mib(bytes));
	}

	/**
	 * How the pass's time follows the 6 MiB chase timed around each run (the mean of just before and just after):
	 * their correlation, and per kind of spell the runs' median pass and wall seconds (against the target, for a
	 * built-in case).
	 */
	private void cacheSpells(final MwsBenchmark.Case bench, final MwsBenchmark.Result r) {
		final double[] pass = r.phaseSeconds[MwsBenchmark.PASS_PHASE];
		cli.out().printf(Locale.ROOT, "  %s: pass seconds against the 6 MiB chase around each run: correlation %.2f over %d runs; chase under %.0f ns " +
			"(a share of the L3 cache): %s; %.0f ns or more: %s%n", bench.name, Statistics.correlation(pass, r.probed), pass.length, CACHE_SPLIT_NS,
			spell(bench, r, true), CACHE_SPLIT_NS, spell(bench, r, false));
	}

	/** The runs whose chase read under {@link #CACHE_SPLIT_NS} (or not): how many, their median pass and wall seconds. */
	private static String spell(final MwsBenchmark.Case bench, final MwsBenchmark.Result r, final boolean cached) {
		final int[] runs = java.util.stream.IntStream.range(0, r.seconds.length).filter(i -> r.probed[i] < CACHE_SPLIT_NS == cached).toArray();
		if (runs.length == 0) return "0 runs";
		final double pass = Statistics.median(java.util.Arrays.stream(runs).mapToDouble(i -> r.phaseSeconds[MwsBenchmark.PASS_PHASE][i]).toArray());
		final double wall = Statistics.median(java.util.Arrays.stream(runs).mapToDouble(i -> r.seconds[i]).toArray());
		return String.format(Locale.ROOT, "%d runs, median pass %.3f s, wall %.3f s", runs.length, pass, wall) + (Double.isNaN(bench.affogatoSeconds) ? ""
			: String.format(Locale.ROOT, " (target %.2f s: %s)", bench.targetSeconds(), wall <= bench.targetSeconds() ? "met" : "missed"));
	}

	/** Cases timed so far in this process (a later case's memory figures include what earlier ones left behind). */
	private int casesTimed;

	private void report(final MwsBenchmark.Case bench) {
		cli.out().println(bench.name + ": " + bench.description);
		final boolean fresh = casesTimed++ == 0 && !probeMemory;
		final double[] before = memoryLatency();
		final MwsBenchmark.Result r = MwsBenchmark.run(bench, warmup, repeat, cli.out()::println,
			probeMemory ? () -> cacheChase.nanosPerRead(1_000_000) : null);
		if (probeMemory) {
			final double[] after = memoryLatency();
			cli.out().printf(Locale.ROOT, "  %s: machine: %.1f ns per random read from memory before the runs, %.1f ns after; with %d reads in flight"
				+ " %.1f ns per read before, %.1f ns after; 6 MiB chase %.1f ns per read before, %.1f ns after%n", bench.name, before[0], after[0],
				PROBE_CHAINS, before[1], after[1], before[2], after[2]);
			if (repeat >= 3) cacheSpells(bench, r);
		}
		cli.out().printf(Locale.ROOT, "  %s: %,d edges, %,d segments; median %.3f s wall (best %.3f s), %.1f million edges/s; median CPU %.3f s; " +
			"peak heap %.0f MiB, peak RSS %s%n", bench.name, r.edges, r.segments, r.median(), r.best(), r.edges / r.median() / 1e6, r.medianCpu(),
			mib(r.peakHeapBytes), rss(r.peakRssBytes));
		cli.out().println("  " + bench.name + ": labels SHA-256 " + r.labelsSha256 + " (32-bit big-endian, x fastest; the same partition gives the same hash)");
		final StringBuilder phases = new StringBuilder();
		for (int p = 0; p < MwsBenchmark.PHASES.length; p++)
			phases.append(p == 0 ? "" : ", ").append(MwsBenchmark.PHASES[p]).append(String.format(Locale.ROOT, " %.3f s", r.medianPhase(p)));
		cli.out().println("  " + bench.name + ": median per phase: " + phases + String.format(Locale.ROOT, "; pass read ahead on %.0f %% of the edges (median)",
			100 * Statistics.median(r.readAhead)));
		if (!Double.isNaN(bench.affogatoSeconds)) {
			// The verdict is the median's; how many single runs were over the target says how stable that is.
			int over = 0;
			double worst = 0;
			for (final double s : r.seconds) {
				if (s > bench.targetSeconds()) over++;
				worst = Math.max(worst, s);
			}
			cli.out().printf(Locale.ROOT, "  %s: %.2f x affogato's %.2f s; target <= %.2f x = %.2f s: %s; single runs %.3f-%.3f s, %d of %d over the target%n",
				bench.name, r.median() / bench.affogatoSeconds, bench.affogatoSeconds, MwsBenchmark.TARGET_FRACTION, bench.targetSeconds(),
				r.median() <= bench.targetSeconds() ? "met" : "missed", r.best(), worst, over, r.seconds.length);
		}
		if (bench.affogatoRssBytes > 0 && r.firstRunRssBytes > 0)
			cli.out().printf(Locale.ROOT, "  %s: peak RSS after the first run %.0f MiB; affogato's %.0f MiB (one run per process); target <= affogato's: %s%n",
				bench.name, mib(r.firstRunRssBytes), mib(bench.affogatoRssBytes), !fresh
					? "not compared (" + (probeMemory ? "--probe-memory holds 70 MiB" : "earlier cases ran in this process") + "; run --case " + bench.name + " alone)"
					: r.firstRunRssBytes <= bench.affogatoRssBytes ? "met" : "missed");
	}
}
