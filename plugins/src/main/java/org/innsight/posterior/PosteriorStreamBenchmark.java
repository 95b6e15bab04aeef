package org.innsight.posterior;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.innsight.engine.Device;
import org.innsight.io.OmeZarr;
import org.innsight.io.ZarrArray;
import org.innsight.optics.Camera;
import org.innsight.optics.LatinHypercube;
import org.innsight.optics.Models;
import org.innsight.optics.Simulator;
import org.innsight.optics.SpectralModel;
import org.innsight.progress.ProcessMemory;
import org.innsight.progress.ProgressListener;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;

/**
 * The streamed posterior on a large synthetic image: writes a SIZE x SIZE x bands float32 OME-Zarr input one
 * strip of chunks at a time (never whole in memory), then estimates its posterior with
 * {@link PosteriorEstimator#estimateStreamed} from a lazy view into OME-Zarr maps, and measures the wall time and
 * the peak resident memory of the process during the estimation.
 */
public final class PosteriorStreamBenchmark {

	private PosteriorStreamBenchmark() {}

	/**
	 * @param imageBytes the input's float32 size
	 * @param peakRssBytes peak resident memory of the process during the streamed estimation (-1 where unknown)
	 * @param peakRssAllBytes peak resident memory of the whole run, input writing included
	 */
	public record Result(String model, int size, int bands, int samples, int threads, int tileSize, long imageBytes, double writeSeconds,
		double seconds, long peakRssBytes, long peakRssAllBytes, long maxHeapBytes, MaskCounts counts, Path input, Path maps) {}

	public static Result run(final String modelName, final Device device, final int size, final int samples, final int threads, final int tileSize,
		final long seed, final Path folder, final ProgressListener progress) throws IOException
	{
		if (size < 1 || samples < 1 || threads < 1 || tileSize < 8)
			throw new IllegalArgumentException("size, samples and threads must be >= 1 and the tile size >= 8");
		try (PosteriorModel model = PosteriorModel.load(modelName, device)) {
			final long t0 = System.nanoTime();
			final Path input = folder.resolve("input.ome.zarr");
			final int bands = writeSyntheticInput(PosteriorBenchmark.cameraFor(model), size, tileSize, seed, threads, input);
			final double write = (System.nanoTime() - t0) / 1e9;
			final long peakAll = ProcessMemory.peakRss();
			System.gc();
			ProcessMemory.resetPeak();
			final PosteriorOptions o = new PosteriorOptions();
			o.samples = samples;
			o.seed = seed;
			o.threads = threads;
			o.tileSize = tileSize;
			final Path maps = folder.resolve("maps");
			final PosteriorMaps r = PosteriorEstimator.estimateStreamed(OmeZarr.openSpectral(input, 2 * threads + 2), null, null, model, o,
				maps, progress);
			final long peak = ProcessMemory.peakRss();
			return new Result(model.name(), size, bands, samples, threads, tileSize, (long) size * size * bands * Float.BYTES, write, r.seconds(), peak,
				Math.max(peak, peakAll), Runtime.getRuntime().maxMemory(), r.counts(), input, maps);
		}
	}

	/**
	 * Writes a synthetic spectral image (spectra simulated by {@code camera} and its forward model from Latin
	 * hypercube parameters) as OME-Zarr, chunks {@code tile} x {@code tile} x all bands, one strip of {@code tile}
	 * rows at a time. Returns the number of bands.
	 */
	public static int writeSyntheticInput(final Camera camera, final int size, final int tile, final long seed, final int threads,
		final Path input) throws IOException
	{
		final SpectralModel forward = Models.byName(camera.definition().has("model") ? camera.definition().get("model").getAsString() : "msi", 3, 1);
		final int b = camera.bands();
		final JsonArray nm = new JsonArray();
		for (final double v : camera.centres()) nm.add(v);
		final ZarrArray a = OmeZarr.create(input, "synthetic", new long[] { size, size, b }, "xyc", new int[] { tile, tile, b }, null,
			ZarrArray.DataType.FLOAT32, 1, Map.<String, JsonElement>of(OmeZarr.WAVELENGTHS, nm));
		final float[] chunk = new float[a.chunkElements()];
		for (int y0 = 0; y0 < size; y0 += tile) {
			final int rows = Math.min(tile, size - y0), count = rows * size;
			final long stripSeed = seed * 0x9E3779B97F4A7C15L + y0;
			final double[] params = LatinHypercube.sample(count, forward.parameters(), stripSeed);
			final float[] spectra = Simulator.observe(forward, camera, params, count, stripSeed, threads, null);
			for (int x0 = 0; x0 < size; x0 += tile) {
				java.util.Arrays.fill(chunk, Float.NaN);
				for (int c = 0; c < b; c++)
					for (int y = 0; y < rows; y++)
						for (int x = 0; x < tile && x0 + x < size; x++)
							chunk[(c * tile + y) * tile + x] = spectra[(y * size + x0 + x) * b + c];
				a.writeChunk(new long[] { 0, y0 / tile, x0 / tile }, chunk);
			}
		}
		return b;
	}
}
