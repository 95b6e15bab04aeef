package org.innsight.mws;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.innsight.io.AtomicFiles;

/**
 * One solved block: its Mutex Watershed labels (1..segments, x fastest) on the block's outer box, and where that
 * box and the inner box lie in the volume. Written to and read from a block file (gzip-compressed: magic
 * {@value #MAGIC}, version, volume dims, block index and count, halo, inner and outer boxes, segments, labels),
 * so blocks can be solved by separate processes (batch shards) and stitched later.
 */
public final class BlockLabels {

	static final String MAGIC = "INNSIGHT-MWS-BLOCK";
	static final int VERSION = 1;

	final int[] dims;
	final int index, blocks, halo;
	final int[] inner, outer;
	final int segments;
	final int[] labels;

	BlockLabels(final int[] dims, final int index, final int blocks, final int halo, final int[] inner, final int[] outer, final int segments,
		final int[] labels)
	{
		this.dims = dims;
		this.index = index;
		this.blocks = blocks;
		this.halo = halo;
		this.inner = inner;
		this.outer = outer;
		this.segments = segments;
		this.labels = labels;
	}

	public int index() {
		return index;
	}

	/** The block file name of block i: {@code block-000042.mwsblock}. */
	public static String fileName(final int index) {
		return String.format(java.util.Locale.ROOT, "block-%06d.mwsblock", index);
	}

	/** Writes this block to {@code file} (atomically; never over {@code inputs}). */
	public void write(final Path file, final Collection<Path> inputs) throws IOException {
		AtomicFiles.write(file, inputs, temporary -> {
			try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(temporary), 1 << 16)))) {
				out.writeUTF(MAGIC);
				out.writeInt(VERSION);
				for (final int v : dims) out.writeInt(v);
				out.writeInt(index);
				out.writeInt(blocks);
				out.writeInt(halo);
				for (final int v : inner) out.writeInt(v);
				for (final int v : outer) out.writeInt(v);
				out.writeInt(segments);
				for (final int v : labels) out.writeInt(v);
			}
		});
	}

	/** Reads a block file, with a message naming the file for anything that is not one. */
	public static BlockLabels read(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new IOException(file + ": no such block file");
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file)), 1 << 16))) {
			final String magic = in.readUTF();
			if (!MAGIC.equals(magic)) throw new IOException(file + " is not an InnSight MWS block file");
			final int version = in.readInt();
			if (version != VERSION) throw new IOException(file + ": block file version " + version + ", this InnSight reads " + VERSION);
			final int[] dims = ints(in, 3);
			final int index = in.readInt(), blocks = in.readInt(), halo = in.readInt();
			final int[] inner = ints(in, 6), outer = ints(in, 6);
			final int segments = in.readInt();
			final long n = (long) outer[3] * outer[4] * outer[5];
			if (n < 1 || n > Integer.MAX_VALUE - 8 || index < 0 || index >= blocks)
				throw new IOException(file + ": damaged block file (block " + index + " of " + blocks + ", box " + Arrays.toString(outer) + ")");
			return new BlockLabels(dims, index, blocks, halo, inner, outer, segments, ints(in, (int) n));
		}
		catch (final EOFException e) {
			throw new IOException(file + ": block file is truncated", e);
		}
		catch (final java.util.zip.ZipException e) {
			throw new IOException(file + " is not an InnSight MWS block file (" + e.getMessage() + ")", e);
		}
	}

	private static int[] ints(final DataInputStream in, final int n) throws IOException {
		final int[] a = new int[n];
		for (int i = 0; i < n; i++) a[i] = in.readInt();
		return a;
	}
}
