package org.innsight.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.cell.Cell;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.img.cell.LazyCellImg;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A lazy ImgLib2 float image over a {@link CellGrid} whose cells are read when a pixel of them is first needed; the
 * last {@code cachedCells} cells read are kept (least recently used dropped), so memory stays bounded by that many
 * cells. Serves the chunked inputs: {@link OmeZarr#lazy} and {@link Hdf5Lazy}.
 */
final class CachedCells {

	/** Reads one cell: its values in ImgLib2 order (x fastest), {@code size} long in each dimension. */
	interface Reader {
		float[] read(long index, long[] min, int[] size) throws IOException;
	}

	private CachedCells() {}

	/** A reader's {@link IOException} reaches the image's user as an {@link UncheckedIOException} with its message. */
	static LazyCellImg<FloatType, FloatArray> image(final CellGrid grid, final int cachedCells, final Reader reader) {
		final int n = grid.numDimensions();
		final Map<Long, Cell<FloatArray>> cache = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(final Map.Entry<Long, Cell<FloatArray>> eldest) {
				return size() > Math.max(1, cachedCells);
			}
		};
		final LazyCellImg.Get<Cell<FloatArray>> loader = index -> {
			synchronized (cache) {
				final Cell<FloatArray> hit = cache.get(index);
				if (hit != null) return hit;
			}
			final long[] min = new long[n];
			final int[] size = new int[n];
			grid.getCellDimensions(index, min, size);
			final float[] values;
			try {
				values = reader.read(index, min, size);
			}
			catch (final IOException e) {
				throw new UncheckedIOException(e.getMessage(), e);
			}
			final Cell<FloatArray> cell = new Cell<>(size, min, new FloatArray(values));
			synchronized (cache) {
				cache.put(index, cell);
			}
			return cell;
		};
		return new LazyCellImg<>(grid, new FloatType(), loader);
	}
}
