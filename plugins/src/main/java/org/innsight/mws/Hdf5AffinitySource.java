package org.innsight.mws;

import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.object.datatype.FloatingPoint;

/**
 * Affinities read from an HDF5 dataset shaped (C, [Z,] Y, X), float32 or float64, one box at a time (a chunked
 * dataset chunk by chunk, decompressing only the chunks a box touches; a contiguous one through jhdf's sliced
 * read), so the whole file never sits in memory.
 * Keeps the file open until {@link #close}.
 */
public final class Hdf5AffinitySource implements AffinitySource, Closeable {

	private final Path file;
	private final String name;
	private final HdfFile hdf;
	private final Dataset dataset;
	private final int[] dims;
	private final int[][] offsets;
	private final Integer attractive;

	/** @param offsetsNumpyOrder ([dz,] dy, dx) per channel, or null for the dataset's {@code offsets} attribute */
	public Hdf5AffinitySource(final Path file, final String name, final int[][] offsetsNumpyOrder) throws IOException {
		this.file = file;
		this.name = name;
		hdf = AffinityFiles.open(file);
		try {
			dataset = AffinityFiles.dataset(hdf, file, name);
			final int[] shape = dataset.getDimensions();
			if (shape.length < 3 || shape.length > 4)
				throw new IOException(file + ": dataset '" + name + "' is shaped " + Arrays.toString(shape) + "; affinities must be (C, [Z,] Y, X)");
			final Object sample = dataset.getData(new long[shape.length], ones(shape.length));
			Object v = sample;
			while (v.getClass().isArray() && v.getClass().getComponentType().isArray()) v = Array.get(v, 0);
			if (!(v instanceof float[] || v instanceof double[]))
				throw new IOException(file + ": dataset '" + name + "' holds " + v.getClass().getComponentType() +
					" values; blockwise reading needs float32 or float64 affinities");
			int[][] o = offsetsNumpyOrder;
			if (o == null) {
				final Attribute a = dataset.getAttribute(AffinityFiles.OFFSETS_ATTRIBUTE);
				if (a == null)
					throw new IOException(file + ": dataset '" + name + "' has no '" + AffinityFiles.OFFSETS_ATTRIBUTE + "' attribute; give the offsets");
				o = AffinityFiles.intMatrix(a.getData(), file + ": attribute '" + AffinityFiles.OFFSETS_ATTRIBUTE + "' of '" + name + "'");
			}
			if (o.length != shape[0])
				throw new IOException(file + ": dataset '" + name + "' has " + shape[0] + " channels but there are " + o.length + " offsets");
			for (final int[] row : o)
				if (row.length != shape.length - 1)
					throw new IOException(file + ": offset " + Arrays.toString(row) + " must have " + (shape.length - 1) + " components");
			offsets = Affinities.reverseEach(o);
			dims = Affinities.reversed(Arrays.copyOfRange(shape, 1, shape.length));
			final Attribute k = dataset.getAttribute(AffinityFiles.ATTRACTIVE_ATTRIBUTE);
			attractive = k == null ? null : ((Number) AffinityFiles.scalar(k.getData())).intValue();
		}
		catch (final IOException | RuntimeException e) {
			hdf.close();
			throw e;
		}
	}

	private static int[] ones(final int n) {
		final int[] a = new int[n];
		Arrays.fill(a, 1);
		return a;
	}

	/** The dataset's {@code attractive} attribute, or null. */
	public Integer attractive() {
		return attractive;
	}

	@Override
	public int[] dims() {
		return dims.clone();
	}

	@Override
	public int[][] offsets() {
		return Affinities.copyEach(offsets);
	}

	@Override
	public Affinities read(final int[] min, final int[] size) throws IOException {
		AffinitySource.checkBox(AffinitySource.pad3(dims), AffinitySource.padPosition(min), AffinitySource.pad3(size));
		final int nd = dims.length;
		final long[] from = new long[nd + 1];
		final int[] shape = new int[nd + 1];
		shape[0] = offsets.length;
		for (int d = 0; d < nd; d++) {
			from[nd - d] = min[d];
			shape[nd - d] = size[d];
		}
		int n = 1;
		for (final int s : shape) n *= s;
		final float[] v = new float[n];
		if (dataset instanceof ChunkedDataset && dataset.getDataType() instanceof FloatingPoint) {
			try {
				readChunks((ChunkedDataset) dataset, (FloatingPoint) dataset.getDataType(), from, shape, v);
			}
			catch (final RuntimeException e) {
				throw new IOException(file + ": cannot read the chunks of dataset '" + name + "' at " + Arrays.toString(from) + ": " + e.getMessage(), e);
			}
			return Affinities.ofXyz(v, size.clone(), offsets);
		}
		final Object data;
		try {
			data = dataset.getData(from, shape);
		}
		catch (final RuntimeException e) {
			throw new IOException(file + ": cannot read dataset '" + name + "' at " + Arrays.toString(from) + " size " + Arrays.toString(shape) + ": " +
				e.getMessage(), e);
		}
		flatten(data, v, 0);
		return Affinities.ofXyz(v, size.clone(), offsets);
	}

	/**
	 * Reads the box [from, from + shape) of a chunked dataset chunk by chunk into {@code out} (C order over
	 * {@code shape}), decompressing only the chunks the box touches. (jhdf 0.9.4's sliced {@code getData} gave
	 * wrong values on a chunked dataset, see BlockwiseMwsTest.chunkedHdf5BoxesMatchTheWholeDataset.)
	 */
	private static void readChunks(final ChunkedDataset d, final FloatingPoint type, final long[] from, final int[] shape, final float[] out) {
		final int nd = shape.length;
		final int[] chunk = d.getChunkDimensions();
		final int bytes = type.getSize();
		final int[] first = new int[nd], last = new int[nd];
		for (int k = 0; k < nd; k++) {
			first[k] = (int) (from[k] / chunk[k]);
			last[k] = (int) ((from[k] + shape[k] - 1) / chunk[k]);
		}
		final int[] at = first.clone();
		while (true) {
			final int[] origin = new int[nd];
			for (int k = 0; k < nd; k++) origin[k] = at[k] * chunk[k];
			final ByteBuffer buffer = ByteBuffer.wrap(d.getDecompressedChunk(origin)).order(type.getByteOrder());
			// the intersection of this chunk and the box
			final int[] lo = new int[nd], hi = new int[nd];
			for (int k = 0; k < nd; k++) {
				lo[k] = (int) Math.max(origin[k], from[k]);
				hi[k] = (int) Math.min(origin[k] + chunk[k], from[k] + shape[k]);
			}
			final int[] p = lo.clone();
			while (true) {
				int src = 0, dst = 0;
				for (int k = 0; k < nd; k++) {
					src = src * chunk[k] + p[k] - origin[k];
					dst = dst * shape[k] + (int) (p[k] - from[k]);
				}
				final int run = hi[nd - 1] - lo[nd - 1];
				for (int i = 0; i < run; i++)
					out[dst + i] = bytes == 4 ? buffer.getFloat((src + i) * 4) : (float) buffer.getDouble((src + i) * 8);
				int k = nd - 2;
				while (k >= 0 && ++p[k] == hi[k]) {
					p[k] = lo[k];
					k--;
				}
				if (k < 0) break;
			}
			int k = nd - 1;
			while (k >= 0 && ++at[k] > last[k]) {
				at[k] = first[k];
				k--;
			}
			if (k < 0) break;
		}
	}

	/** Copies a nested float or double array into {@code out} in C order; returns the next position. */
	private static int flatten(final Object a, final float[] out, int at) {
		if (a instanceof float[]) {
			final float[] f = (float[]) a;
			System.arraycopy(f, 0, out, at, f.length);
			return at + f.length;
		}
		if (a instanceof double[]) {
			for (final double d : (double[]) a) out[at++] = (float) d;
			return at;
		}
		for (final Object row : (Object[]) a) at = flatten(row, out, at);
		return at;
	}

	@Override
	public void close() {
		hdf.close();
	}
}
