package org.innsight.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.cell.Cell;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.img.cell.LazyCellImg;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A lazy ImgLib2 float image over a {@link CellGrid} whose cells are read when a pixel of them is first needed; the
 * last {@code cachedCells} cells read are kept (least recently used dropped), so memory stays bounded by that many
 * cells. Serves the lazy inputs: OME-Zarr ({@code io.OmeZarr.lazy}), chunked HDF5 ({@code io.Hdf5Lazy}) and ImageJ
 * virtual stacks ({@link VirtualStackImage}).
 */
public final class CachedCells {

	/** Reads one cell: its values in ImgLib2 order (x fastest), {@code size} long in each dimension. */
	public interface Reader {
		float[] read(long index, long[] min, int[] size) throws IOException;
	}

	private CachedCells() {}

	/** A reader's {@link IOException} reaches the image's user as an {@link UncheckedIOException} with its message. */
	public static LazyCellImg<FloatType, FloatArray> image(final CellGrid grid, final int cachedCells, final Reader reader) {
		final int n = grid.numDimensions();
		final Map<Long, Cell<FloatArray>> cache = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(final Map.Entry<Long, Cell<FloatArray>> eldest) {
				return size() > Math.max(1, cachedCells);
			}
		};
		// one lock per cell: workers missing the same cell at once read it once, different cells are read in parallel
		final Map<Long, Object> reading = new ConcurrentHashMap<>();
		final LazyCellImg.Get<Cell<FloatArray>> loader = index -> {
			Cell<FloatArray> cell = cached(cache, index);
			if (cell != null) return cell;
			synchronized (reading.computeIfAbsent(index, k -> new Object())) {
				cell = cached(cache, index);
				if (cell != null) return cell;
				final long[] min = new long[n];
				final int[] size = new int[n];
				grid.getCellDimensions(index, min, size);
				try {
					cell = new Cell<>(size, min, new FloatArray(reader.read(index, min, size)));
				}
				catch (final IOException e) {
					throw new UncheckedIOException(e.getMessage(), e);
				}
				synchronized (cache) {
					cache.put(index, cell);
				}
				return cell;
			}
		};
		return new LazyCellImg<>(grid, new FloatType(), loader);
	}

	private static Cell<FloatArray> cached(final Map<Long, Cell<FloatArray>> cache, final long index) {
		synchronized (cache) {
			return cache.get(index);
		}
	}
}
