package org.innsight.ood;

import java.io.IOException;
import java.nio.file.Path;

import org.innsight.engine.Device;
import org.innsight.io.OmeZarr;
import org.innsight.posterior.PosteriorBenchmark;
import org.innsight.posterior.PosteriorStreamBenchmark;
import org.innsight.progress.ProcessMemory;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;

/**
 * The streamed OOD maps of a large synthetic image: writes a SIZE x SIZE x bands float32 OME-Zarr input one strip
 * of chunks at a time (the posterior benchmark's simulated tissue spectra, {@link PosteriorStreamBenchmark#writeSyntheticInput},
 * through the built-in camera with the model's wavelengths), then scores it with {@link OodMaps#runStreamed} from a
 * lazy view into OME-Zarr maps, and measures the wall time and the peak resident memory of the process while scoring.
 */
public final class OodStreamBenchmark {

	private OodStreamBenchmark() {}

	/**
	 * @param imageBytes the input's float32 size
	 * @param peakRssBytes peak resident memory of the process while scoring (-1 where unknown)
	 * @param peakRssAllBytes peak resident memory of the whole run, input writing included
	 * @param maps the names of the maps written
	 */
	public record Result(String model, int size, int bands, int chunk, long imageBytes, double writeSeconds, double seconds, long pixels,
		long flagged, long peakRssBytes, long peakRssAllBytes, long maxHeapBytes, java.util.List<String> maps, Path input, Path folder) {}

	/**
	 * @param chunk the input's chunk width and height (the maps' chunks are {@link OodMaps#TILE_SIZE})
	 * @param threads threads simulating the input (scoring runs on one, as {@link OodMaps} does)
	 */
	public static Result run(final String modelName, final Device device, final int size, final int chunk, final long seed, final int threads,
		final Path folder, final ProgressListener progress) throws IOException
	{
		if (size < 1 || threads < 1 || chunk < 8) throw new IllegalArgumentException("size and threads must be >= 1 and the chunk size >= 8");
		try (OodModel model = OodModel.load(modelName, device)) {
			final long t0 = System.nanoTime();
			final Path input = folder.resolve("input.ome.zarr");
			final int bands = PosteriorStreamBenchmark.writeSyntheticInput(PosteriorBenchmark.cameraFor("OOD model " + model.name(), model.wavelengthsNm()),
				size, chunk, seed, threads, input);
			final double write = (System.nanoTime() - t0) / 1e9;
			final long peakAll = ProcessMemory.peakRss();
			System.gc();
			ProcessMemory.resetPeak();
			final Path maps = folder.resolve("maps");
			final long t1 = System.nanoTime();
			final OmeZarr.Image image = OmeZarr.open(input);
			final Outputs r = OodMaps.runStreamed(OmeZarr.openSpectral(input, OmeZarr.chunksPerTile(image.array(), OodMaps.TILE_SIZE) + 4), model,
				OodRequest.defaults(), maps, "input", progress);
			final double seconds = (System.nanoTime() - t1) / 1e9;
			final long peak = ProcessMemory.peakRss();
			return new Result(model.name(), size, bands, chunk, (long) size * size * bands * Float.BYTES, write, seconds,
				((Number) r.statistics().get(OodMaps.PIXELS)).longValue(), ((Number) r.statistics().get(OodMaps.FLAGGED)).longValue(), peak,
				Math.max(peak, peakAll), Runtime.getRuntime().maxMemory(), OodMaps.imageNames(model, false), input, maps);
		}
	}
}
