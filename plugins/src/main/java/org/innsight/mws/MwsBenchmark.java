package org.innsight.mws;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The Mutex Watershed speed benchmark behind {@code innsight bench mws}: the three cases, each timed
 * from affinities in memory to finished labels (edge building, sorting, the greedy pass, labelling).
 */
public final class MwsBenchmark {

	/** One benchmark case: its inputs and its target time. */
	public static final class Case {
		public final String name;
		public final String description;
		public final double targetSeconds;
		final Affinities affinities;
		final MwsOptions options;

		Case(final String name, final String description, final double targetSeconds, final Affinities affinities, final MwsOptions options) {
			this.name = name;
			this.description = description;
			this.targetSeconds = targetSeconds;
			this.affinities = affinities;
			this.options = options;
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

		Result(final Case c, final long edges, final int segments, final double[] seconds, final double[] cpuSeconds, final long peakHeapBytes) {
			benchCase = c;
			this.edges = edges;
			this.segments = segments;
			this.seconds = seconds;
			this.cpuSeconds = cpuSeconds;
			this.peakHeapBytes = peakHeapBytes;
		}

		public double best() {
			return Arrays.stream(seconds).min().orElse(Double.NaN);
		}

		public double median() {
			return median(seconds);
		}

		public double medianCpu() {
			return median(cpuSeconds);
		}

		private static double median(final double[] values) {
			final double[] s = values.clone();
			Arrays.sort(s);
			return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
		}
	}

	public static final String[] CASES = { "random2d", "voronoi2d", "random3d" };

	/** Offsets of the 2D cases as (dy, dx), numpy order, as the issue states them. */
	static final int[][] OFFSETS_2D_YX = { { -1, 0 }, { 0, -1 }, { -9, 0 }, { 0, -9 }, { -9, -9 }, { 9, -9 }, { -27, 0 }, { 0, -27 } };
	/** 3D: three attractive neighbours, then repulsive at 3 and 9 along each axis, (dz, dy, dx). */
	static final int[][] OFFSETS_3D_ZYX = { { -1, 0, 0 }, { 0, -1, 0 }, { 0, 0, -1 }, { -3, 0, 0 }, { 0, -3, 0 }, { 0, 0, -3 },
		{ -9, 0, 0 }, { 0, -9, 0 }, { 0, 0, -9 } };

	private MwsBenchmark() {}

	/** Builds case {@code name} (one of {@link #CASES}) from {@code seed}. */
	public static Case make(final String name, final long seed, final int threads) {
		final SplittableRandom rng = new SplittableRandom(seed);
		switch (name) {
			case "random2d": {
				final float[] v = new float[8 * 1024 * 1024];
				for (int i = 0; i < v.length; i++) v[i] = rng.nextFloat();
				return new Case(name, "2D 1024x1024, 8 offsets (2 attractive), strides 1, uniform random affinities", 2.5,
					Affinities.ofNumpyOrder(v, new int[] { 8, 1024, 1024 }, OFFSETS_2D_YX), new MwsOptions().attractive(2).threads(threads));
			}
			case "voronoi2d": {
				final SyntheticCells cells = SyntheticCells.voronoi(1024, 1024, 32, 32, 1.5, seed);
				final Affinities a = AffinitiesFromImage.fromBoundaryMap(cells.boundary, new int[] { 1024, 1024 },
					Affinities.reverseEach(OFFSETS_2D_YX), threads);
				return new Case(name, "2D 1024x1024, 8 offsets (2 attractive), strides 1, smooth affinities of " + cells.cells() +
					" Voronoi cells", 1.2, a, new MwsOptions().attractive(2).threads(threads));
			}
			case "random3d": {
				final float[] v = new float[9 * 64 * 256 * 256];
				for (int i = 0; i < v.length; i++) v[i] = rng.nextFloat();
				return new Case(name, "3D 64x256x256 (z,y,x), 3 attractive + repulsive at 3 and 9 per axis, strides (1,2,2), " +
					"uniform random affinities", 4.5, Affinities.ofNumpyOrder(v, new int[] { 9, 64, 256, 256 }, OFFSETS_3D_ZYX),
					new MwsOptions().attractive(3).strides(2, 2, 1).threads(threads));
			}
			default:
				throw new IllegalArgumentException("unknown benchmark case '" + name + "'; use one of " + String.join(", ", CASES));
		}
	}

	/** Runs a case {@code repeats} times (after {@code warmups} untimed runs); {@code log} hears each run. */
	public static Result run(final Case c, final int warmups, final int repeats, final Consumer<String> log) {
		int[] labels = null;
		for (int i = 0; i < warmups; i++) {
			final long t0 = System.nanoTime();
			labels = MutexWatershed.segment(c.affinities, c.options);
			log.accept(String.format(java.util.Locale.ROOT, "  warm-up %d: %.3f s", i + 1, (System.nanoTime() - t0) / 1e9));
		}
		final List<MemoryPoolMXBean> heap = new ArrayList<>();
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP && pool.isValid()) heap.add(pool);
		System.gc();
		heap.forEach(MemoryPoolMXBean::resetPeakUsage);
		final double[] seconds = new double[repeats], cpu = new double[repeats];
		for (int i = 0; i < repeats; i++) {
			final long t0 = System.nanoTime(), c0 = cpuNanos();
			labels = MutexWatershed.segment(c.affinities, c.options);
			seconds[i] = (System.nanoTime() - t0) / 1e9;
			cpu[i] = c0 < 0 ? Double.NaN : (cpuNanos() - c0) / 1e9;
			log.accept(String.format(java.util.Locale.ROOT, "  run %d: %.3f s wall, %.3f s CPU; look-ahead marked %,d edges as no-ops",
				i + 1, seconds[i], cpu[i], MutexWatershed.lastMarked));
		}
		long peak = 0;
		for (final MemoryPoolMXBean pool : heap) peak += pool.getPeakUsage().getUsed();
		int segments = 0;
		if (labels != null) for (final int l : labels) segments = Math.max(segments, l);
		return new Result(c, countEdges(c), segments, seconds, cpu, peak);
	}

	/** CPU time of this process (all threads) in ns; -1 where the JVM cannot tell. */
	private static long cpuNanos() {
		final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		return os instanceof com.sun.management.OperatingSystemMXBean ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
	}

	/** Valid edges of a case (after strides), computed the same way the segmentation does. */
	static long countEdges(final Case c) {
		return new GridEdges(c.affinities, c.options).count();
	}
}
