package org.innsight.mws;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;

import org.innsight.io.AtomicFiles;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.WritableDataset;
import io.jhdf.object.datatype.FixedPoint;

/**
 * Affinities in HDF5 files, laid out as affogato and elf take them: one dataset shaped (C, [Z,] Y, X) and offsets
 * in the same numpy axis order ([dz,] dy, dx). The offsets come from the caller or from the dataset's
 * {@code offsets} attribute (C x ndim integers); an optional {@code attractive} attribute gives the number of
 * attractive channels. Only what MWS needs; general HDF5 I/O lives in the io package.
 */
public final class AffinityFiles {

	public static final String DEFAULT_DATASET = "affinities";
	public static final String OFFSETS_ATTRIBUTE = "offsets";
	public static final String ATTRACTIVE_ATTRIBUTE = "attractive";

	/** Affinities read from a file, with the attractive-channel count the file states (or null). */
	public static final class Loaded {
		public final Affinities affinities;
		public final Integer attractive;

		Loaded(final Affinities affinities, final Integer attractive) {
			this.affinities = affinities;
			this.attractive = attractive;
		}
	}

	private AffinityFiles() {}

	/**
	 * Reads dataset {@code name} shaped (C, [Z,] Y, X). Floating-point values are taken as they are; 8-bit
	 * unsigned integers are divided by 255.
	 *
	 * @param offsetsNumpyOrder ([dz,] dy, dx) per channel, or null to use the dataset's {@code offsets} attribute
	 */
	public static Loaded readHdf5(final Path file, final String name, final int[][] offsetsNumpyOrder) throws IOException {
		try (HdfFile hdf = open(file)) {
			final Dataset d = dataset(hdf, file, name);
			final int[] shape = d.getDimensions();
			if (shape.length < 3 || shape.length > 4)
				throw new IOException(file + ": dataset '" + name + "' is shaped " + Arrays.toString(shape) + "; affinities must be (C, [Z,] Y, X)");
			int[][] offsets = offsetsNumpyOrder;
			if (offsets == null) {
				final Attribute a = d.getAttribute(OFFSETS_ATTRIBUTE);
				if (a == null)
					throw new IOException(file + ": dataset '" + name + "' has no '" + OFFSETS_ATTRIBUTE +
						"' attribute; give the offsets in (" + (shape.length == 4 ? "dz, dy, dx" : "dy, dx") + ") order");
				offsets = intMatrix(a.getData(), file + ": attribute '" + OFFSETS_ATTRIBUTE + "' of '" + name + "'");
			}
			if (offsets.length != shape[0])
				throw new IOException(file + ": dataset '" + name + "' has " + shape[0] + " channels but there are " + offsets.length + " offsets");
			final float[] values = floats(d, file, name);
			final Attribute k = d.getAttribute(ATTRACTIVE_ATTRIBUTE);
			final Integer attractive = k == null ? null : ((Number) scalar(k.getData())).intValue();
			try {
				return new Loaded(Affinities.ofNumpyOrder(values, shape, offsets), attractive);
			}
			catch (final IllegalArgumentException e) {
				throw new IOException(file + ": dataset '" + name + "': " + e.getMessage(), e);
			}
		}
	}

	/**
	 * Writes affinities as dataset {@code name} (C, [Z,] Y, X) float32 with numpy-order {@code offsets} and
	 * {@code attractive} attributes; the file appears atomically and may not be one of {@code inputs}.
	 */
	public static void writeHdf5(final Path file, final String name, final Affinities affinities, final int attractive,
		final Collection<Path> inputs) throws IOException
	{
		final int[] dims = affinities.dims();
		final int c = affinities.channels();
		final float[] v = affinities.values();
		final Object data;
		if (dims.length == 2) {
			final float[][][] a = new float[c][dims[1]][dims[0]];
			for (int k = 0, i = 0; k < c; k++) for (int y = 0; y < dims[1]; y++, i += dims[0]) System.arraycopy(v, i, a[k][y], 0, dims[0]);
			data = a;
		}
		else {
			final float[][][][] a = new float[c][dims[2]][dims[1]][dims[0]];
			for (int k = 0, i = 0; k < c; k++) for (int z = 0; z < dims[2]; z++) for (int y = 0; y < dims[1]; y++, i += dims[0])
				System.arraycopy(v, i, a[k][z][y], 0, dims[0]);
			data = a;
		}
		final int[][] zyx = Affinities.reverseEach(affinities.offsets());
		final long[][] offsets = new long[c][];
		for (int k = 0; k < c; k++) offsets[k] = Arrays.stream(zyx[k]).asLongStream().toArray();
		writeAtomically(file, inputs, hdf -> {
			final WritableDataset d = hdf.putDataset(name, data);
			d.putAttribute(OFFSETS_ATTRIBUTE, offsets);
			d.putAttribute(ATTRACTIVE_ATTRIBUTE, (long) attractive);
		});
	}

	private interface Filler {
		void fill(WritableHdfFile hdf) throws IOException;
	}

	private static void writeAtomically(final Path file, final Collection<Path> inputs, final Filler filler) throws IOException {
		AtomicFiles.write(file, inputs, temporary -> {
			try (WritableHdfFile hdf = HdfFile.write(temporary)) {
				filler.fill(hdf);
			}
		});
	}

	static HdfFile open(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
		try {
			return new HdfFile(file);
		}
		catch (final RuntimeException e) {
			throw new IOException(file + " is not a readable HDF5 file: " + e.getMessage(), e);
		}
	}

	static Dataset dataset(final HdfFile hdf, final Path file, final String name) throws IOException {
		final Node node;
		try {
			node = hdf.getByPath(name);
		}
		catch (final RuntimeException e) {
			throw new IOException(file + " has no dataset '" + name + "'", e);
		}
		if (!(node instanceof Dataset)) throw new IOException(file + ": '" + name + "' is not a dataset");
		return (Dataset) node;
	}

	private static float[] floats(final Dataset d, final Path file, final String name) throws IOException {
		final Object flat = d.getDataFlat();
		if (flat instanceof float[]) return (float[]) flat;
		if (flat instanceof double[]) {
			final double[] a = (double[]) flat;
			final float[] f = new float[a.length];
			for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
			return f;
		}
		final String type = d.getDataType().getClass().getSimpleName() + " (" + d.getDataType().getSize() + " bytes)";
		if (d.getDataType() instanceof FixedPoint && !((FixedPoint) d.getDataType()).isSigned() && d.getDataType().getSize() == 1) {
			// jhdf widens unsigned 8-bit values to a larger signed type; read them generically.
			final float[] f = new float[Array.getLength(flat)];
			for (int i = 0; i < f.length; i++) f[i] = ((Number) Array.get(flat, i)).intValue() / 255f;
			return f;
		}
		throw new IOException(file + ": dataset '" + name + "' holds " + type + "; affinities must be float32, float64 or uint8");
	}

	static Object scalar(final Object data) {
		Object v = data;
		while (v != null && v.getClass().isArray()) v = Array.get(v, 0);
		return v;
	}

	static int[][] intMatrix(final Object data, final String what) throws IOException {
		if (data == null || !data.getClass().isArray() || Array.getLength(data) == 0 || !Array.get(data, 0).getClass().isArray())
			throw new IOException(what + " must be a C x ndim integer array");
		final int rows = Array.getLength(data);
		final int[][] m = new int[rows][];
		for (int r = 0; r < rows; r++) {
			final Object row = Array.get(data, r);
			m[r] = new int[Array.getLength(row)];
			for (int c = 0; c < m[r].length; c++) {
				final Number v = (Number) Array.get(row, c);
				if (v.doubleValue() != v.intValue()) throw new IOException(what + " holds a non-integer offset " + v);
				m[r][c] = v.intValue();
			}
		}
		return m;
	}
}
