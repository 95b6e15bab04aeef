package org.innsight.mws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

import org.innsight.progress.ProgressListener;

/**
 * Blockwise Mutex Watershed for volumes whose affinities do not fit in memory, after elf's blockwise MWS: the
 * volume is cut into blocks ({@link BlockGrid}); each block is solved with {@link MutexWatershed} on the
 * affinities of its outer box (the block grown by a halo, read from an {@link AffinitySource}), and the blocks
 * are stitched by overlap.
 * <p>
 * Repulsive strides are counted from the volume's origin ({@link MwsOptions#strideOrigin}), so every block
 * keeps exactly the repulsive edges the whole volume keeps. Edges whose target leaves the outer box are not
 * seen by that block, which is why the halo should be at least the largest offset.
 * <p>
 * <b>Stitching</b> ({@link Stitcher}): blocks are added in block order. Each block's inner labels are written
 * into the volume as new global ids. Before that, the block's labels on its halo are compared with the
 * labels already written there by earlier blocks (inner pixels of face, edge and corner neighbours): for each
 * pair (block segment a, earlier segment g) that overlaps on n pixels, a and g are merged when n is more than
 * {@value #MERGE_FRACTION} of a's pixels in that overlap and more than {@value #MERGE_FRACTION} of g's (each
 * is the other's majority partner; a one-sided majority over-merged: adapted Rand error 0.014 instead of
 * 0.0003 on smooth3d with blocks 64,128,128 and halo 9). Merges go through a union-find over global ids, which are then numbered
 * 1, 2, ... in order of first appearance in linear pixel order (x fastest), as {@link MutexWatershed} does.
 * The result does not depend on how blocks were computed (in process or in shards via {@link BlockLabels}
 * files); it depends on the block size and halo.
 * <p>
 * Not supported blockwise: masks, seeds, a size filter and random strides (their results would depend on the
 * block cut); they are refused.
 */
public final class BlockwiseMws {

	/** Fraction of one side's overlap pixels that the other side must hold for a merge. */
	public static final double MERGE_FRACTION = 0.5;

	private BlockwiseMws() {}

	/** Refuses options that cannot run blockwise. */
	static void check(final MwsOptions options) {
		if (options.mask() != null) throw new IllegalArgumentException("blockwise Mutex Watershed does not take a mask");
		if (options.seeds() != null) throw new IllegalArgumentException("blockwise Mutex Watershed does not take seeds");
		if (options.minSize() > 1) throw new IllegalArgumentException("blockwise Mutex Watershed has no size filter (--min-size)");
		if (options.randomStrides()) throw new IllegalArgumentException("blockwise Mutex Watershed needs grid strides, not random strides");
	}

	/** Solves block {@code index} of {@code grid} on its outer box. */
	public static BlockLabels solve(final AffinitySource source, final BlockGrid grid, final int index, final MwsOptions options) throws IOException {
		check(options);
		final int[] outer = grid.outer(index);
		final int nd = source.dims().length;
		final int[] min = Arrays.copyOf(outer, nd), size = Arrays.copyOfRange(outer, 3, 3 + nd);
		final Affinities a = source.read(min, size);
		final int[] labels = MutexWatershed.segment(a, options.copy().strideOrigin(min).progress(ProgressListener.NONE));
		return new BlockLabels(grid.dims.clone(), index, grid.blocks(), grid.halo, grid.inner(index), outer, MutexWatershed.maxSeed(labels), labels);
	}

	/**
	 * The whole volume's labels (x fastest), solving and stitching block after block.
	 *
	 * @param blockXyz block size (x, y[, z])
	 * @param halo pixels added on each side of a block
	 */
	public static int[] segment(final AffinitySource source, final int[] blockXyz, final int halo, final MwsOptions options) throws IOException {
		check(options);
		final BlockGrid grid = new BlockGrid(source.dims(), blockXyz, halo);
		final Stitcher s = new Stitcher(grid.dims);
		final ProgressListener progress = options.progress();
		for (int i = 0; i < grid.blocks(); i++) {
			progress.progress(i, grid.blocks() + 1, "block " + (i + 1) + " of " + grid.blocks());
			s.add(solve(source, grid, i, options));
		}
		progress.progress(grid.blocks(), grid.blocks() + 1, "relabelling");
		final int[] labels = s.finish();
		progress.progress(grid.blocks() + 1, grid.blocks() + 1, "done");
		return labels;
	}

	/**
	 * Solves the blocks {@code mine} accepts and writes each as {@code dir/}{@link BlockLabels#fileName} (for
	 * batch shards: every shard writes its own blocks, {@link #stitchFiles} joins them). Returns the files written.
	 */
	public static List<Path> writeBlocks(final AffinitySource source, final BlockGrid grid, final MwsOptions options, final IntPredicate mine,
		final Path dir, final Collection<Path> inputs, final Consumer<String> log) throws IOException
	{
		check(options);
		Files.createDirectories(dir);
		final List<Path> written = new ArrayList<>();
		for (int i = 0; i < grid.blocks(); i++) {
			if (!mine.test(i)) continue;
			final long t0 = System.nanoTime();
			final Path file = dir.resolve(BlockLabels.fileName(i));
			solve(source, grid, i, options).write(file, inputs);
			written.add(file);
			log.accept(String.format(java.util.Locale.ROOT, "block %d of %d: %.2f s, wrote %s", i + 1, grid.blocks(), (System.nanoTime() - t0) / 1e9, file));
		}
		return written;
	}

	/** Stitched labels (x fastest) and the volume's size (x, y, z). */
	public record Stitched(int[] labels, int[] dims) {}

	/** Stitches the block files in {@code dir} (all blocks of one grid must be there); names any missing or foreign file. */
	public static Stitched stitchFiles(final Path dir) throws IOException {
		if (!Files.isDirectory(dir)) throw new IOException(dir + ": no such folder of block files");
		final Path first = dir.resolve(BlockLabels.fileName(0));
		if (!Files.isRegularFile(first)) throw new IOException(dir + " holds no " + first.getFileName() + "; write blocks with innsight mws --blocks-only");
		final BlockLabels b0 = BlockLabels.read(first);
		final Stitcher s = new Stitcher(b0.dims);
		for (int i = 0; i < b0.blocks; i++) {
			final Path file = dir.resolve(BlockLabels.fileName(i));
			if (!Files.isRegularFile(file))
				throw new IOException(file + " is missing: the volume has " + b0.blocks + " blocks; run the shard that writes block " + (i + 1));
			final BlockLabels b = i == 0 ? b0 : BlockLabels.read(file);
			if (b.index != i || b.blocks != b0.blocks || b.halo != b0.halo || !Arrays.equals(b.dims, b0.dims))
				throw new IOException(file + " belongs to another block grid (block " + b.index + " of " + b.blocks + ", halo " + b.halo + ", volume " +
					Arrays.toString(b.dims) + ") than " + first + " (" + b0.blocks + " blocks, halo " + b0.halo + ", volume " + Arrays.toString(b0.dims) + ")");
			s.add(b);
		}
		return new Stitched(s.finish(), b0.dims.clone());
	}

	/** Stitches solved blocks into one label volume; add every block once, in block order, then {@link #finish}. */
	public static final class Stitcher {

		private final int[] dims;
		private final int[] out;
		private int[] parent = new int[1 << 12];
		private int next = 1;
		private int added;

		/** @param dims3 the volume (x, y, z) */
		public Stitcher(final int[] dims3) {
			dims = AffinitySource.pad3(dims3);
			final long n = (long) dims[0] * dims[1] * dims[2];
			if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("volume of " + n + " pixels is too large for one label array");
			out = new int[(int) n];
		}

		public void add(final BlockLabels b) {
			if (!Arrays.equals(b.dims, dims))
				throw new IllegalArgumentException("block " + b.index + " belongs to a volume of " + Arrays.toString(b.dims) + " (x, y, z), not " +
					Arrays.toString(dims));
			if (b.index != added)
				throw new IllegalArgumentException("blocks must be stitched in order: expected block " + added + ", got block " + b.index);
			added++;
			final int base = next;
			grow(base + b.segments + 1);
			for (int k = 0; k <= b.segments; k++) parent[base + k] = base + k;
			next = base + b.segments + 1;
			mergeOverlaps(b, base);
			final int[] o = b.outer, in = b.inner;
			for (int z = 0; z < in[5]; z++)
				for (int y = 0; y < in[4]; y++) {
					final int src = ((in[2] + z - o[2]) * o[4] + in[1] + y - o[1]) * o[3] + in[0] - o[0];
					final int dst = ((in[2] + z) * dims[1] + in[1] + y) * dims[0] + in[0];
					for (int x = 0; x < in[3]; x++) out[dst + x] = base + b.labels[src + x];
				}
		}

		/** Counts (block label, earlier global label) pairs on the halo and merges those that agree. */
		private void mergeOverlaps(final BlockLabels b, final int base) {
			final int[] o = b.outer, in = b.inner;
			long[] pairs = new long[1 << 16];
			int n = 0;
			for (int z = 0, p = 0; z < o[5]; z++)
				for (int y = 0; y < o[4]; y++)
					for (int x = 0; x < o[3]; x++, p++) {
						final int X = o[0] + x, Y = o[1] + y, Z = o[2] + z;
						if (X >= in[0] && X < in[0] + in[3] && Y >= in[1] && Y < in[1] + in[4] && Z >= in[2] && Z < in[2] + in[5]) continue;
						final int g = out[(Z * dims[1] + Y) * dims[0] + X];
						if (g == 0) continue; // not written yet: a later block
						if (n == pairs.length) pairs = Arrays.copyOf(pairs, n * 2);
						pairs[n++] = (long) b.labels[p] << 32 | find(g);
					}
			if (n == 0) return;
			Arrays.sort(pairs, 0, n);
			// totals per block label (runs share the high half) and per earlier segment
			final int[] totalA = new int[b.segments + 1];
			final java.util.HashMap<Integer, Integer> totalG = new java.util.HashMap<>();
			for (int i = 0; i < n; i++) {
				totalA[(int) (pairs[i] >>> 32)]++;
				totalG.merge((int) pairs[i], 1, Integer::sum);
			}
			for (int i = 0; i < n;) {
				int j = i;
				while (j < n && pairs[j] == pairs[i]) j++;
				final int a = (int) (pairs[i] >>> 32), g = (int) pairs[i], count = j - i;
				if (count > MERGE_FRACTION * totalA[a] && count > MERGE_FRACTION * totalG.get(g)) union(base + a, g);
				i = j;
			}
		}

		/** The stitched labels, numbered 1, 2, ... in order of first appearance (x fastest). */
		public int[] finish() {
			if (added == 0) throw new IllegalStateException("no blocks were stitched");
			final int[] number = new int[next];
			int label = 0;
			for (int p = 0; p < out.length; p++) {
				final int g = out[p];
				if (g == 0) throw new IllegalStateException("pixel " + p + " is in no stitched block: " + added + " blocks were added");
				final int r = find(g);
				if (number[r] == 0) number[r] = ++label;
				out[p] = number[r];
			}
			return out;
		}

		private void grow(final int size) {
			if (size > parent.length) parent = Arrays.copyOf(parent, Math.max(size, parent.length * 2));
		}

		private int find(int x) {
			while (parent[x] != x) {
				parent[x] = parent[parent[x]];
				x = parent[x];
			}
			return x;
		}

		private void union(final int a, final int b) {
			final int ra = find(a), rb = find(b);
			if (ra != rb) {
				if (ra < rb) parent[rb] = ra;
				else parent[ra] = rb;
			}
		}
	}
}
