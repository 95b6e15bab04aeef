package org.innsight.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.innsight.image.CachedCells;
import org.innsight.image.SpectralImage;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;

import net.imglib2.img.cell.CellGrid;

/**
 * An HDF5 spectral image read lazily, tile by tile, through jhdf's sliced reads (chunked or contiguous datasets):
 * a dataset with {@code axes} "cyx" or "tcyx" (numpy order, as {@link Hdf5Images#write} writes it), seen as an
 * ImgLib2 image x, y, c[, t] in cells of {@code tile} x {@code tile} x all channels (x 1 frame). The file stays
 * open until {@link #close()}.
 */
public final class Hdf5Lazy implements AutoCloseable {

	private final HdfFile hdf;
	private final SpectralImage image;

	private Hdf5Lazy(final HdfFile hdf, final SpectralImage image) {
		this.hdf = hdf;
		this.image = image;
	}

	/** Opens {@code dataset} of {@code file}; a missing dataset or other axes is an error naming the file and the dataset. */
	public static Hdf5Lazy open(final Path file, final String dataset, final int tile, final int cachedChunks) throws IOException {
		final Map<String, Object> attributes = Hdf5Files.attributes(file, dataset);
		final Object axesAttribute = attributes.get("axes");
		final HdfFile hdf = Hdf5Files.open(file);
		try {
			final Node node = hdf.getByPath(Hdf5Files.absolute(dataset));
			if (!(node instanceof Dataset d)) throw new IOException(Hdf5Files.absolute(dataset) + " in " + file + " is not a dataset");
			final int[] shape = d.getDimensions();
			final String axes = axesAttribute == null ? (shape.length == 3 ? "cyx" : shape.length == 4 ? "tcyx" : "?") :
				axesAttribute.toString().trim().toLowerCase(Locale.ROOT);
			if (!axes.equals("cyx") && !axes.equals("tcyx"))
				throw new IOException("Dataset " + Hdf5Files.absolute(dataset) + " in " + file + " has axes \"" + axes + "\" (shape " +
					java.util.Arrays.toString(shape) + "); reading it tile by tile needs cyx or tcyx");
			final boolean frames = shape.length == 4;
			final int c = shape[frames ? 1 : 0], h = shape[frames ? 2 : 1], w = shape[frames ? 3 : 2];
			final long[] dims = frames ? new long[] { w, h, c, shape[0] } : new long[] { w, h, c };
			final int[] cell = frames ? new int[] { tile, tile, c, 1 } : new int[] { tile, tile, c };
			final CellGrid grid = new CellGrid(dims, cell);
			final String where = Hdf5Files.absolute(dataset) + " in " + file;
			final CachedCells.Reader reader = (index, min, size) -> {
				final long[] offset = new long[dims.length];
				final int[] count = new int[dims.length];
				for (int k = 0; k < dims.length; k++) {
					offset[dims.length - 1 - k] = min[k];
					count[dims.length - 1 - k] = size[k];
				}
				final Object slice;
				synchronized (hdf) {
					try {
						slice = d.getData(offset, count);
					}
					catch (final RuntimeException e) {
						throw new UncheckedIOException(new IOException("Cannot read the tile at " + java.util.Arrays.toString(min) + " of " + where +
							": " + e.getMessage(), e));
					}
				}
				final float[] values = new float[java.util.Arrays.stream(size).reduce(1, Math::multiplyExact)];
				flatten(slice, values, 0);
				return values;
			};
			final double[] nm = Hdf5Images.numbers(attributes.get("wavelengths_nm"));
			final String name = file.getFileName() + ":" + Hdf5Files.absolute(dataset);
			final SpectralImage image = new SpectralImage(name, CachedCells.image(grid, cachedChunks, reader), null,
				nm != null && nm.length == c ? nm : null);
			return new Hdf5Lazy(hdf, image);
		}
		catch (final IOException | RuntimeException e) {
			hdf.close();
			throw e;
		}
	}

	/** Copies a nested Java array (as jhdf returns a slice) into {@code out} in C order; returns the next index. */
	private static int flatten(final Object a, final float[] out, int i) {
		final int n = Array.getLength(a);
		if (a instanceof float[] f) System.arraycopy(f, 0, out, i, n);
		else if (a instanceof double[] v) for (int k = 0; k < n; k++) out[i + k] = (float) v[k];
		else if (a instanceof short[] v) for (int k = 0; k < n; k++) out[i + k] = v[k];
		else if (a instanceof int[] v) for (int k = 0; k < n; k++) out[i + k] = v[k];
		else if (a instanceof byte[] v) for (int k = 0; k < n; k++) out[i + k] = v[k];
		else if (a instanceof long[] v) for (int k = 0; k < n; k++) out[i + k] = v[k];
		else if (a instanceof Object[] o) {
			for (final Object sub : o) i = flatten(sub, out, i);
			return i;
		}
		else throw new IllegalArgumentException("HDF5 values of type " + a.getClass().getSimpleName() + " cannot be read as an image");
		return i + n;
	}

	/** The image, x, y, c[, t], read when needed. */
	public SpectralImage image() {
		return image;
	}

	@Override
	public void close() {
		hdf.close();
	}
}
