package org.innsight.mws;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.innsight.math.Statistics;
import org.innsight.progress.ProcessCpu;
import org.innsight.progress.ProcessMemory;

/**
 * The Mutex Watershed speed benchmark behind {@code innsight bench mws}: the four inputs of issue 17 (or an
 * affinity file), each timed from affinities in memory to finished labels (edge building, sorting, the greedy
 * pass, labelling), against a third of affogato's time on the same input as issue 17 measured it.
 */
public final class MwsBenchmark {

	/** One benchmark case: its inputs and, for the built-in cases, affogato's time as measured in issue 17. */
	public static final class Case {
		public final String name;
		public final String description;
		/** affogato's time for this input (sort + kernel, 2 cores, issue 17), NaN for an outside file. */
		public final double affogatoSeconds;
		/** affogato's peak RSS for this input (one run per process, issue 17) in bytes, -1 for an outside file. */
		public final long affogatoRssBytes;
		final Affinities affinities;
		final MwsOptions options;

		Case(final String name, final String description, final double affogatoSeconds, final long affogatoRssBytes, final Affinities affinities,
			final MwsOptions options)
		{
			this.name = name;
			this.description = description;
			this.affogatoSeconds = affogatoSeconds;
			this.affogatoRssBytes = affogatoRssBytes;
			this.affinities = affinities;
			this.options = options;
		}

		/** The target: a third of affogato's time (NaN for an outside file). */
		public double targetSeconds() {
			return TARGET_FRACTION * affogatoSeconds;
		}

		/** This case's affinities as a source read box by box (copied out of memory). */
		public AffinitySource source() {
			return AffinitySource.of(affinities);
		}

		/** This case's Mutex Watershed options. */
		public MwsOptions options() {
			return options.copy();
		}

		/** Writes this case's affinities as HDF5 (numpy order, with offsets and attractive attributes). */
		public void write(final Path file) throws IOException {
			AffinityFiles.writeHdf5(file, AffinityFiles.DEFAULT_DATASET, affinities, options.attractiveFor(affinities.numDimensions()), List.of());
		}
	}

	/** The outcome of one case. */
	public static final class Result {
		public final Case benchCase;
		public final long edges;
		public final int segments;
		/** Wall-clock seconds per run, in run order. */
		public final double[] seconds;
		/** CPU seconds of the whole process (all threads) per run; NaN where the JVM cannot tell. */
		public final double[] cpuSeconds;
		/** Peak heap in bytes: sum over heap pools of their peak use during the timed runs. */
		public final long peakHeapBytes;
		/** Peak resident memory of the whole process during the runs (Linux VmHWM, reset first); -1 where unknown. */
		public final long peakRssBytes;
		/** The same peak after the first run (warm-up or timed): what one run costs; -1 where unknown. */
		public final long firstRunRssBytes;
		/** Wall-clock seconds per phase ({@link #PHASES}) per run: phaseSeconds[phase][run]. */
		public final double[][] phaseSeconds;
		/** Per run, the share of the edges the greedy pass applied reading ahead. */
		public final double[] readAhead;
		/** SHA-256 (hex) of the last run's labels ({@link MwsBenchmark#labelsSha256}). */
		public final String labelsSha256;
		/** Per run, the mean of the probe's figures just before and just after it (NaN without a probe). */
		public final double[] probed;

		Result(final Case c, final long edges, final int segments, final double[] seconds, final double[] cpuSeconds, final long peakHeapBytes,
			final long peakRssBytes, final long firstRunRssBytes, final double[][] phaseSeconds, final double[] readAhead, final String labelsSha256,
			final double[] probed)
		{
			this.labelsSha256 = labelsSha256;
			this.probed = probed;
			this.firstRunRssBytes = firstRunRssBytes;
			this.phaseSeconds = phaseSeconds;
			this.readAhead = readAhead;
			benchCase = c;
			this.edges = edges;
			this.segments = segments;
			this.seconds = seconds;
			this.cpuSeconds = cpuSeconds;
			this.peakHeapBytes = peakHeapBytes;
			this.peakRssBytes = peakRssBytes;
		}

		public double best() {
			return Arrays.stream(seconds).min().orElse(Double.NaN);
		}

		public double median() {
			return Statistics.median(seconds);
		}

		public double medianCpu() {
			return Statistics.median(cpuSeconds);
		}

		/** The median over the runs of phase {@code phase}'s seconds (an index into {@link #PHASES}). */
		public double medianPhase(final int phase) {
			return Statistics.median(phaseSeconds[phase]);
		}
	}

	public static final String[] CASES = { "random2d", "smooth2d", "random3d", "smooth3d" };

	/** The timed phases of one segmentation: building the edge keys, sorting them, the greedy pass, labelling. */
	public static final String[] PHASES = MutexWatershed.PHASES.clone();
	/** The greedy pass's index in {@link #PHASES}. */
	public static final int PASS_PHASE = MutexWatershed.PASS_PHASE;

	/** Issue 17 gives affogato's peak RSS in MB (10^6 bytes). */
	private static final long MB = 1_000_000;

	/** The target is this fraction of affogato's time (issue 17). */
	public static final double TARGET_FRACTION = 0.33;

	/** Offsets of the 2D cases as (dy, dx), numpy order, as issue 17 states them; 2 attractive. */
	static final int[][] OFFSETS_2D_YX = { { -1, 0 }, { 0, -1 }, { -3, 0 }, { 0, -3 }, { -9, 0 }, { 0, -9 }, { -9, -9 }, { -9, 9 } };
	/** 3D (dz, dy, dx): the unit offsets (attractive), then 3 and 9 along each axis. */
	static final int[][] OFFSETS_3D_ZYX = { { -1, 0, 0 }, { 0, -1, 0 }, { 0, 0, -1 }, { -3, 0, 0 }, { 0, -3, 0 }, { 0, 0, -3 },
		{ -9, 0, 0 }, { 0, -9, 0 }, { 0, 0, -9 } };
	static final int[] SHAPE_2D = { 8, 1024, 1024 }, SHAPE_3D = { 9, 64, 256, 256 };
	/** Voronoi seeds and noise of the smooth cases. */
	static final int CELLS = 2000;
	static final double NOISE = 0.05;

	private MwsBenchmark() {}

	/** Builds case {@code name} (one of {@link #CASES}) from {@code seed}. */
	public static Case make(final String name, final long seed, final int threads) {
		final String sizes2 = "2D 1024x1024, offsets (dy,dx) " + Offsets.format(OFFSETS_2D_YX) + ", 2 attractive, strides 1";
		final String sizes3 = "3D 64x256x256 (z,y,x), 3 attractive unit offsets + repulsive at 3 and 9 per axis, strides (1,2,2)";
		final String smooth = "Voronoi cells of " + CELLS + " random seeds: 1 within a cell, 0 across, noise sd " + NOISE + ", clipped to [0,1]";
		final MwsOptions two = new MwsOptions().attractive(2).threads(threads);
		final MwsOptions three = new MwsOptions().attractive(3).strides(2, 2, 1).threads(threads);
		switch (name) {
			case "random2d":
				return new Case(name, sizes2 + "; uniform random float32", 5.55, 295 * MB, Affinities.ofNumpyOrder(uniform(SHAPE_2D, seed), SHAPE_2D, OFFSETS_2D_YX), two);
			case "smooth2d":
				return new Case(name, sizes2 + "; " + smooth, 2.15, 253 * MB, VoronoiAffinities.make(SHAPE_2D, OFFSETS_2D_YX, CELLS, NOISE, seed), two);
			case "random3d":
				return new Case(name, sizes3 + "; uniform random float32", 13.3, 790 * MB, Affinities.ofNumpyOrder(uniform(SHAPE_3D, seed), SHAPE_3D, OFFSETS_3D_ZYX), three);
			case "smooth3d":
				return new Case(name, sizes3 + "; " + smooth, 6.2, 790 * MB, VoronoiAffinities.make(SHAPE_3D, OFFSETS_3D_ZYX, CELLS, NOISE, seed), three);
			default:
				throw new IllegalArgumentException("unknown benchmark case '" + name + "'; use one of " + String.join(", ", CASES));
		}
	}

	/**
	 * A case from an affinity file (HDF5, numpy order (C, [Z,] Y, X)).
	 *
	 * @param offsets ([dz,] dy, dx) per channel, or null for the file's {@code offsets} attribute
	 * @param attractive attractive channels, or 0 for the file's {@code attractive} attribute (else one per axis)
	 * @param strides ([sz,] sy, sx) for the repulsive edges, or null for 1
	 */
	public static Case fromFile(final Path file, final String dataset, final int[][] offsets, final int attractive, final int[] strides,
		final AffinityMeaning meaning, final int threads) throws IOException
	{
		final AffinityFiles.Loaded l = AffinityFiles.readHdf5(file, dataset, offsets);
		final Affinities a = l.affinities;
		final int nd = a.numDimensions();
		final MwsOptions o = new MwsOptions().threads(threads).meaning(meaning)
			.attractive(attractive > 0 ? attractive : l.attractive != null ? l.attractive : nd);
		if (strides != null) {
			if (strides.length != nd) throw new IllegalArgumentException("--strides needs " + nd + " values for " + file + ", got " + strides.length);
			o.strides(Affinities.reversed(strides));
		}
		return new Case(String.valueOf(file.getFileName()), file + " dataset '" + dataset + "', " + nd + "D " +
			Arrays.toString(Affinities.reversed(a.dims())) + " (numpy order), offsets " + Offsets.format(Affinities.reverseEach(a.offsets())) + ", " +
			o.attractiveFor(nd) + " attractive, strides " + Arrays.toString(strides == null ? new int[] { 1 } : strides) + ", meaning " + o.meaning(),
			Double.NaN, -1, a, o);
	}

	/**
	 * A synthetic 3D volume of any size, computed per block ({@link VoronoiAffinitySource}): smooth3d's offsets,
	 * noise and density of Voronoi cells (2000 per 64x256x256 voxels), for blockwise runs on volumes whose
	 * affinities do not fit in memory.
	 *
	 * @param shapeZyx (Z, Y, X)
	 */
	public static AffinitySource syntheticVolume(final int[] shapeZyx, final long seed) {
		if (shapeZyx.length != 3) throw new IllegalArgumentException("a synthetic volume needs Z,Y,X, got " + shapeZyx.length + " values");
		final double voxels = (double) shapeZyx[0] * shapeZyx[1] * shapeZyx[2];
		final int cells = (int) Math.max(1, Math.round(CELLS * voxels / ((double) SHAPE_3D[1] * SHAPE_3D[2] * SHAPE_3D[3])));
		return new VoronoiAffinitySource(Affinities.reversed(shapeZyx), Affinities.reverseEach(OFFSETS_3D_ZYX), cells, NOISE, seed);
	}

	/** smooth3d's options: 3 attractive, strides (1, 2, 2) in (z, y, x). */
	public static MwsOptions options3d(final int threads) {
		return new MwsOptions().attractive(3).strides(2, 2, 1).threads(threads);
	}

	private static float[] uniform(final int[] shape, final long seed) {
		final SplittableRandom rng = new SplittableRandom(seed);
		int n = 1;
		for (final int s : shape) n *= s;
		final float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = rng.nextFloat();
		return v;
	}

	/**
	 * Runs a case {@code repeats} times (after {@code warmups} untimed runs); {@code log} hears each run;
	 * {@code probe}, when not null, is asked just before and just after each timed run for a figure of the machine
	 * (ns per read of a pointer chase) that the run's line then shows and the result keeps (their mean).
	 */
	public static Result run(final Case c, final int warmups, final int repeats, final Consumer<String> log, final java.util.function.DoubleSupplier probe) {
		int[] labels = null;
		ProcessMemory.resetPeak();
		long firstRunRss = -1;
		for (int i = 0; i < warmups; i++) {
			final long t0 = System.nanoTime();
			labels = MutexWatershed.segment(c.affinities, c.options);
			log.accept(String.format(java.util.Locale.ROOT, "  warm-up %d: %.3f s", i + 1, (System.nanoTime() - t0) / 1e9));
			if (i == 0) firstRunRss = ProcessMemory.peakRss();
		}
		final List<MemoryPoolMXBean> heap = new ArrayList<>();
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP && pool.isValid()) heap.add(pool);
		System.gc();
		heap.forEach(MemoryPoolMXBean::resetPeakUsage);
		final double[] seconds = new double[repeats], cpu = new double[repeats];
		final double[][] phases = new double[PHASES.length][repeats];
		final double[] readAhead = new double[repeats], probed = new double[repeats];
		for (int i = 0; i < repeats; i++) {
			final long[] phaseNanos = new long[PHASES.length];
			final double before = probe == null ? Double.NaN : probe.getAsDouble();
			final long t0 = System.nanoTime(), c0 = ProcessCpu.nanos();
			labels = MutexWatershed.segment(c.affinities, c.options, phaseNanos);
			seconds[i] = (System.nanoTime() - t0) / 1e9;
			if (i == 0 && warmups == 0) firstRunRss = ProcessMemory.peakRss();
			readAhead[i] = GreedyPass.lastReadAhead;
			cpu[i] = c0 < 0 ? Double.NaN : (ProcessCpu.nanos() - c0) / 1e9;
			final double after = probe == null ? Double.NaN : probe.getAsDouble();
			probed[i] = (before + after) / 2;
			final StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "  run %d: %.3f s wall, %.3f s CPU (", i + 1, seconds[i], cpu[i]));
			for (int p = 0; p < PHASES.length; p++) {
				phases[p][i] = phaseNanos[p] / 1e9;
				line.append(p == 0 ? "" : ", ").append(PHASES[p]).append(String.format(java.util.Locale.ROOT, " %.3f", phases[p][i]));
			}
			if (probe != null) line.append(String.format(java.util.Locale.ROOT, "; probe just before and after: %.1f and %.1f ns per read", before, after));
			log.accept(line.append(')').toString());
		}
		long peak = 0;
		for (final MemoryPoolMXBean pool : heap) peak += pool.getPeakUsage().getUsed();
		int segments = 0;
		if (labels != null) for (final int l : labels) segments = Math.max(segments, l);
		return new Result(c, countEdges(c), segments, seconds, cpu, peak, ProcessMemory.peakRss(), firstRunRss, phases, readAhead, labelsSha256(labels),
			probed);
	}

	/**
	 * SHA-256 (hex) of labels as 32-bit big-endian integers, x fastest: equal for equal partitions (labels are
	 * numbered in order of first appearance), so builds can be compared on the same input.
	 */
	public static String labelsSha256(final int[] labels) {
		final java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(4 * labels.length);
		bytes.asIntBuffer().put(labels);
		return org.innsight.io.Checksums.sha256(bytes.array());
	}

	/** The ways the greedy pass can be told to take: adaptive (the default), plain, prefetch. */
	public static List<String> passWays() {
		return List.of(GreedyPass.WAYS);
	}

	/** Makes every following pass of this JVM take {@code way} (one of {@link #passWays()}). */
	public static void usePassWay(final String way) {
		final int i = passWays().indexOf(way);
		if (i < 0) throw new IllegalArgumentException("unknown pass way '" + way + "'; use one of " + String.join(", ", GreedyPass.WAYS));
		GreedyPass.way = i;
	}

	/**
	 * Runs the case with each pass way in turn, {@code rounds} times round (after one untimed round), in one
	 * process, so that the ways meet the same machine state; checks that all give the same labels. Returns the
	 * pass seconds per way and round: seconds[way][round]. Leaves the JVM on the adaptive way.
	 */
	public static double[][] comparePassWays(final Case c, final int rounds, final Consumer<String> log) {
		final double[][] pass = new double[GreedyPass.WAYS.length][rounds];
		int[] reference = null;
		try {
			for (int r = -1; r < rounds; r++) {
				final StringBuilder line = new StringBuilder(r < 0 ? "  warm-up:" : "  round " + (r + 1) + ":");
				for (int w = 0; w < GreedyPass.WAYS.length; w++) {
					GreedyPass.way = w;
					final long[] phaseNanos = new long[PHASES.length];
					final int[] labels = MutexWatershed.segment(c.affinities, c.options, phaseNanos);
					if (reference == null) reference = labels;
					else if (!Arrays.equals(reference, labels)) throw new IllegalStateException("the " + GreedyPass.WAYS[w] + " pass gave other labels");
					final double seconds = phaseNanos[MutexWatershed.PASS_PHASE] / 1e9;
					line.append(String.format(java.util.Locale.ROOT, " %s %.3f s", GreedyPass.WAYS[w], seconds));
					if (r >= 0) pass[w][r] = seconds;
				}
				log.accept(line.toString());
			}
		}
		finally {
			GreedyPass.way = 0;
		}
		return pass;
	}

	/** Valid edges of a case (after strides), computed the same way the segmentation does. */
	static long countEdges(final Case c) {
		return new GridEdges(c.affinities, c.options).count();
	}

	/** The outcome of a blockwise run, with the whole-volume comparison where asked. */
	public static final class BlockwiseResult {
		public final int blocks, segments;
		public final double seconds, cpuSeconds;
		public final long peakRssBytes, peakHeapBytes;
		/** Against the whole-volume result (the reference); null when not compared. */
		public final AdaptedRand.Result agreement;
		public final double wholeSeconds;
		public final int wholeSegments;

		BlockwiseResult(final int blocks, final int segments, final double seconds, final double cpuSeconds, final long peakRssBytes,
			final long peakHeapBytes, final AdaptedRand.Result agreement, final double wholeSeconds, final int wholeSegments)
		{
			this.blocks = blocks;
			this.segments = segments;
			this.seconds = seconds;
			this.cpuSeconds = cpuSeconds;
			this.peakRssBytes = peakRssBytes;
			this.peakHeapBytes = peakHeapBytes;
			this.agreement = agreement;
			this.wholeSeconds = wholeSeconds;
			this.wholeSegments = wholeSegments;
		}
	}

	/**
	 * Times {@link BlockwiseMws} once on {@code source} (affinities read or computed per block inside the timing)
	 * and, with {@code compareWhole}, then segments the whole volume in one piece and measures the adapted Rand
	 * error of the blockwise labels against it. Peak RSS and heap cover the blockwise run only (taken before the
	 * whole-volume run).
	 */
	public static BlockwiseResult runBlockwise(final AffinitySource source, final MwsOptions options, final int[] blockXyz, final int halo,
		final boolean compareWhole, final Consumer<String> log) throws IOException
	{
		final List<MemoryPoolMXBean> heap = new ArrayList<>();
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP && pool.isValid()) heap.add(pool);
		System.gc();
		heap.forEach(MemoryPoolMXBean::resetPeakUsage);
		ProcessMemory.resetPeak();
		final int blocks = new BlockGrid(source.dims(), blockXyz, halo).blocks();
		final long t0 = System.nanoTime(), c0 = ProcessCpu.nanos();
		final int[] labels = BlockwiseMws.segment(source, blockXyz, halo, options.copy().progress((done, total, message) -> {
			if (done < blocks && (done % Math.max(1, blocks / 8) == 0)) log.accept(String.format(java.util.Locale.ROOT, "  %s (%.1f s)", message,
				(System.nanoTime() - t0) / 1e9));
		}));
		final double seconds = (System.nanoTime() - t0) / 1e9, cpu = c0 < 0 ? Double.NaN : (ProcessCpu.nanos() - c0) / 1e9;
		final long rss = ProcessMemory.peakRss();
		long peak = 0;
		for (final MemoryPoolMXBean pool : heap) peak += pool.getPeakUsage().getUsed();
		final int segments = MutexWatershed.maxSeed(labels);
		if (!compareWhole) return new BlockwiseResult(blocks, segments, seconds, cpu, rss, peak, null, Double.NaN, 0);
		final long w0 = System.nanoTime();
		final int[] whole = MutexWatershed.segment(source.read(new int[source.dims().length], source.dims()), options);
		final double wholeSeconds = (System.nanoTime() - w0) / 1e9;
		return new BlockwiseResult(blocks, segments, seconds, cpu, rss, peak, AdaptedRand.of(labels, whole), wholeSeconds, MutexWatershed.maxSeed(whole));
	}
}
