package org.innsight.posterior;

import java.io.IOException;

import org.innsight.image.SpectralImage;
import org.innsight.optics.Camera;
import org.innsight.optics.CameraJson;
import org.innsight.optics.LatinHypercube;
import org.innsight.optics.Models;
import org.innsight.optics.Simulator;
import org.innsight.optics.SpectralModel;
import org.innsight.progress.ProcessCpu;
import org.innsight.progress.ProgressListener;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The posterior benchmark: a synthetic SIZE x SIZE image whose pixels are simulated tissue spectra (Latin
 * hypercube over the forward model's ranges, the built-in camera whose wavelengths match the model), then the
 * full per-pixel estimation (sampling, summaries, modes) timed end to end.
 */
public final class PosteriorBenchmark {

	private PosteriorBenchmark() {}

	/** The figures of one run. */
	public record Result(String model, String camera, int size, int bands, int samples, int threads, double simulateSeconds, double seconds,
		double cpuSeconds, MaskCounts counts)
	{
		/**
		 * The time the run would take on {@code cores} otherwise idle cores: the process's CPU time over them (on a
		 * shared machine the wall-clock time also counts other programs' turns).
		 */
		public double secondsOnIdleCores(final int cores) {
			return cpuSeconds / cores;
		}

		public double pixelsPerSecond() {
			return counts.estimated() / seconds;
		}

		public double samplesPerSecond() {
			return counts.estimated() * (double) samples / seconds;
		}
	}

	/** The built-in camera whose band centres equal the model's wavelengths. */
	public static Camera cameraFor(final PosteriorSampler model) throws IOException {
		return cameraFor("model " + model.name(), model.wavelengthsNm());
	}

	/** The built-in camera whose band centres are {@code nm} (within 0.5 nm); {@code what} (e.g. "model X") names them in errors. */
	public static Camera cameraFor(final String what, final double[] nm) throws IOException {
		if (nm == null) throw new IllegalArgumentException(what + " has no wavelengths; cannot simulate an image for it");
		for (final String name : CameraJson.BUILT_IN) {
			final Camera c = CameraJson.load(name);
			final double[] centres = c.centres();
			boolean same = centres.length == nm.length;
			for (int i = 0; same && i < nm.length; i++) same = Math.abs(centres[i] - nm[i]) <= 0.5;
			if (same) return c;
		}
		throw new IllegalArgumentException("no built-in camera has the wavelengths of " + what);
	}

	/** Image rows simulated at a time by {@link #syntheticImage}: keeps its scratch memory small (issue 19). */
	static final int ROWS_PER_CHUNK = 64;

	/**
	 * A SIZE x SIZE image (x, y, band) whose pixels are simulated tissue spectra: per chunk of
	 * {@value #ROWS_PER_CHUNK} image rows a Latin hypercube over the forward model's parameter ranges (seeded by the
	 * seed and the chunk), seen through the built-in camera whose wavelengths match the model. Made chunk by chunk
	 * so that the scratch arrays stay a few MiB and the memory benchmark measures the posterior, not the simulation.
	 */
	public static SpectralImage syntheticImage(final PosteriorSampler model, final int size, final long seed, final int threads) throws IOException {
		final Camera camera = cameraFor(model);
		final SpectralModel forward = Models.byName(camera.definition().has("model") ? camera.definition().get("model").getAsString() : "msi", 3, 1);
		final int n = size * size, b = camera.bands();
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(size, size, b);
		final float[] data = img.update(null).getCurrentStorageArray();
		for (int y0 = 0; y0 < size; y0 += ROWS_PER_CHUNK) {
			final int first = y0 * size, count = Math.min(ROWS_PER_CHUNK, size - y0) * size;
			final long chunkSeed = seed * 0x9E3779B97F4A7C15L + y0;
			final double[] params = LatinHypercube.sample(count, forward.parameters(), chunkSeed);
			final float[] spectra = Simulator.observe(forward, camera, params, count, chunkSeed, threads, null);
			// pixel-major spectra -> an x, y, channel image
			for (int p = 0; p < count; p++) for (int c = 0; c < b; c++) data[c * n + first + p] = spectra[p * b + c];
		}
		return new SpectralImage("bench", img, null, camera.centres());
	}

	public static Result run(final PosteriorSampler model, final int size, final int samples, final int threads, final long seed,
		final ProgressListener progress) throws IOException
	{
		final long t0 = System.nanoTime();
		final SpectralImage image = syntheticImage(model, size, seed, threads);
		final double simulate = (System.nanoTime() - t0) / 1e9;
		final PosteriorOptions o = new PosteriorOptions();
		o.samples = samples;
		o.seed = seed;
		o.threads = threads;
		final long cpu0 = ProcessCpu.nanos();
		final PosteriorMaps maps = PosteriorEstimator.estimate(image, null, null, model, o, progress);
		final double cpu = (ProcessCpu.nanos() - cpu0) / 1e9;
		return new Result(model.name(), cameraFor(model).name(), size, image.channels(), samples, threads, simulate, maps.seconds(), cpu, maps.counts());
	}
}
