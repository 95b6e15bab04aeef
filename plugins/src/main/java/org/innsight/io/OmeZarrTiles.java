package org.innsight.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innsight.image.Axes;
import org.innsight.image.Tiling;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Streamed outputs: OME-Zarr images created before a tiled run and filled by a {@link Tiling.TileSink} as each tile
 * finishes, one chunk per tile (chunks are the tile size, and tiles start at multiples of it), so nothing but the
 * workers' tiles is held. Two layouts: maps (one image x, y[, t] per result channel: the posterior's statistics, the
 * OOD score and mask) and a spectral image (all result channels of a tile in one chunk x, y, c[, t]: a transferred
 * image). The posterior, OOD and transfer stream through these, so their files are alike.
 */
public final class OmeZarrTiles {

	/** The folder name ending of a streamed image: {@code sO2_median.ome.zarr}. */
	public static final String SUFFIX = ".ome.zarr";

	/** The {@code .zattrs} key under which what made the image (model, parameter, ...) is kept. */
	public static final String ABOUT = "innsight";

	private OmeZarrTiles() {}

	/**
	 * Creates a map image x, y (or x, y, t when {@code dims} has three dimensions) in {@code folder}, chunks
	 * {@code tile} x {@code tile} (x 1), zlib, scaled like {@code axes} (x, y[, t]); {@code about} (may be null)
	 * goes to {@code .zattrs} under {@value #ABOUT}.
	 */
	public static ZarrArray createMap(final Path folder, final String name, final long[] dims, final Axes axes, final int tile,
		final ZarrArray.DataType type, final JsonObject about) throws IOException
	{
		final boolean frames = dims.length == 3;
		return OmeZarr.create(folder, name, dims, frames ? "xyt" : "xy", frames ? new int[] { tile, tile, 1 } : new int[] { tile, tile },
			scales(axes, dims.length), type, 1, about == null ? null : Map.of(ABOUT, about));
	}

	/**
	 * Creates a float32 spectral image x, y, c (or x, y, c, t) in {@code folder}, chunks {@code tile} x {@code tile} x
	 * all channels (x 1 frame), zlib, scaled like {@code axes}; the wavelengths {@code nm} (may be null) under
	 * {@link OmeZarr#WAVELENGTHS} and {@code about} (may be null) under {@value #ABOUT}, so that
	 * {@link OmeZarr#openSpectral} reads it back with its wavelengths.
	 */
	public static ZarrArray createSpectral(final Path folder, final String name, final long[] dims, final Axes axes, final double[] nm,
		final int tile, final JsonObject about) throws IOException
	{
		final boolean frames = dims.length == 4;
		final int c = Math.toIntExact(dims[2]);
		final Map<String, JsonElement> extra = new LinkedHashMap<>();
		if (nm != null) {
			final JsonArray list = new JsonArray();
			for (final double v : nm) list.add(v);
			extra.put(OmeZarr.WAVELENGTHS, list);
		}
		if (about != null) extra.put(ABOUT, about);
		return OmeZarr.create(folder, name, dims, frames ? "xyct" : "xyc", frames ? new int[] { tile, tile, c, 1 } : new int[] { tile, tile, c },
			scales(axes, dims.length), ZarrArray.DataType.FLOAT32, 1, extra);
	}

	/**
	 * A sink writing result channel k of every tile to {@code maps.get(k)} (made by {@link #createMap} with the
	 * tiling's square tile size {@code tile}); result channels beyond the maps are not written.
	 */
	public static Tiling.TileSink maps(final List<ZarrArray> maps, final int tile) {
		final ThreadLocal<float[]> chunk = ThreadLocal.withInitial(() -> new float[tile * tile]);
		return block -> {
			final float[] values = chunk.get(), results = block.results();
			final int bw = (int) block.width(), bh = (int) block.height(), outs = block.outChannels();
			for (int k = 0; k < maps.size(); k++) {
				final ZarrArray a = maps.get(k);
				Arrays.fill(values, Float.NaN);
				for (int y = 0; y < bh; y++)
					for (int x = 0; x < bw; x++) values[y * tile + x] = results[(y * bw + x) * outs + k];
				a.writeChunk(a.shape().length == 3 ? new long[] { block.frame(), block.y0() / tile, block.x0() / tile } :
					new long[] { block.y0() / tile, block.x0() / tile }, values);
			}
		};
	}

	/**
	 * A sink writing all result channels of every tile as one chunk of {@code image} (made by {@link #createSpectral}
	 * with the tiling's square tile size {@code tile} and as many channels as results).
	 */
	public static Tiling.TileSink spectral(final ZarrArray image, final int tile) {
		final ThreadLocal<float[]> chunk = ThreadLocal.withInitial(() -> new float[image.chunkElements()]);
		final boolean frames = image.shape().length == 4;
		return block -> {
			final float[] values = chunk.get(), results = block.results();
			final int bw = (int) block.width(), bh = (int) block.height(), c = block.outChannels();
			Arrays.fill(values, Float.NaN);
			for (int ch = 0; ch < c; ch++)
				for (int y = 0; y < bh; y++)
					for (int x = 0; x < bw; x++) values[(ch * tile + y) * tile + x] = results[(y * bw + x) * c + ch];
			image.writeChunk(frames ? new long[] { block.frame(), 0, block.y0() / tile, block.x0() / tile } :
				new long[] { 0, block.y0() / tile, block.x0() / tile }, values);
		};
	}

	/** The scales of the first {@code n} axes, or null (all 1) without axes. */
	private static double[] scales(final Axes axes, final int n) {
		if (axes == null) return null;
		final double[] scale = new double[n];
		for (int d = 0; d < n; d++) scale[d] = axes.get(d).scale();
		return scale;
	}
}
