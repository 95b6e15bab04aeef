package org.innsight.optics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.innsight.Version;
import org.innsight.io.Table;
import org.innsight.progress.ProgressListener;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Simulation tables: Latin-hypercube parameters -> model spectra on the camera's fine grid -> camera bands.
 * Work is split into fixed blocks of rows, each with its own random stream derived from (seed, block), so the
 * result is the same for any thread count. Observation columns are named band_00, band_01, ... (zero-padded
 * band index, in wavelength order); their centre wavelengths are in the header's "wavelengths_nm".
 */
public final class Simulator {

	/** Rows per work block (and per random stream). Part of the reproducibility contract: do not change lightly. */
	public static final int BLOCK = 256;
	public static final String FORMAT = "innsight-table";

	private Simulator() {}

	/** Simulates {@code n} rows with a Latin-hypercube design over the model's parameter ranges. */
	public static Table simulate(final SpectralModel model, final Camera camera, final int n, final long seed, final int threads,
		final ProgressListener progress) {
		final List<Parameter> ps = model.parameters();
		final double[] params = LatinHypercube.sample(n, ps, seed);
		final float[] obs = observe(model, camera, params, n, seed, threads, progress);
		final int p = ps.size(), b = camera.bands();
		final float[][] cols = new float[p + b][n];
		for (int r = 0; r < n; r++) {
			for (int j = 0; j < p; j++) cols[j][r] = (float) params[r * p + j];
			for (int j = 0; j < b; j++) cols[p + j][r] = obs[r * b + j];
		}
		final List<String> names = new ArrayList<>();
		ps.forEach(x -> names.add(x.name()));
		names.addAll(bandColumns(b));
		return new Table(names, cols, header(model, camera, n, seed), "simulation");
	}

	/**
	 * A mixture of tissue classes: class k has its own parameter ranges ({@code models.get(k)}, the same model with
	 * other ranges) and {@link #classRows} rows, simulated by {@link #simulate} with seed
	 * {@link #classSeed}(seed, k), stacked class by class, plus a column {@code classColumn} holding k. The header is
	 * class 0's with count n, the envelope of the class ranges as "parameters", "class_column" and, under "classes",
	 * each class's rows, seed and ranges. The same seed gives the same table whatever the thread count.
	 */
	public static Table simulateClasses(final List<SpectralModel> models, final double[] fractions, final Camera camera, final int n,
		final long seed, final String classColumn, final int threads, final ProgressListener progress) {
		final int k = models.size();
		if (k < 1) throw new IllegalArgumentException("a class mixture needs at least one class");
		final int[] counts = classRows(n, k, fractions);
		final List<Parameter> ps = models.get(0).parameters();
		for (final SpectralModel m : models)
			if (!m.name().equals(models.get(0).name()) || m.parameters().size() != ps.size())
				throw new IllegalArgumentException("the classes of a mixture must share the model: " + models.get(0).name() + " vs " + m.name());
		final List<Table> parts = new ArrayList<>();
		final JsonArray classes = new JsonArray();
		for (int c = 0; c < k; c++) {
			final int rows = counts[c];
			final long s = classSeed(seed, c);
			parts.add(simulate(models.get(c), camera, rows, s, threads, progress));
			final JsonObject o = new JsonObject();
			o.addProperty("class", c);
			o.addProperty("rows", rows);
			o.addProperty("seed", s);
			o.add("parameters", header(models.get(c), camera, rows, s).get("parameters"));
			classes.add(o);
		}
		final List<String> names = new ArrayList<>(parts.get(0).columns());
		if (names.contains(classColumn)) throw new IllegalArgumentException("the class column '" + classColumn + "' is already a column of the table");
		names.add(classColumn);
		final float[][] cols = new float[names.size()][n];
		int at = 0;
		for (int c = 0; c < k; c++) {
			final Table t = parts.get(c);
			for (int j = 0; j < t.columnCount(); j++) System.arraycopy(t.column(j), 0, cols[j], at, t.rows());
			java.util.Arrays.fill(cols[names.size() - 1], at, at + t.rows(), c);
			at += t.rows();
		}
		final JsonObject h = header(models.get(0), camera, n, seed);
		final JsonArray envelope = h.getAsJsonArray("parameters");
		for (int j = 0; j < ps.size(); j++) {
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
			for (final SpectralModel m : models) {
				lo = Math.min(lo, m.parameters().get(j).min());
				hi = Math.max(hi, m.parameters().get(j).max());
			}
			envelope.get(j).getAsJsonObject().addProperty("min", lo);
			envelope.get(j).getAsJsonObject().addProperty("max", hi);
		}
		h.addProperty("sampling", "latin-hypercube per tissue class");
		h.addProperty("class_column", classColumn);
		h.add("classes", classes);
		return new Table(names, cols, h, "simulation");
	}

	/**
	 * Rows per class: floor(n * f_k / sum f) each, the rows left over one each to the first classes; equal fractions
	 * when {@code fractions} is null. Every class gets at least one row.
	 */
	public static int[] classRows(final int n, final int k, final double[] fractions) {
		if (fractions != null && fractions.length != k)
			throw new IllegalArgumentException(fractions.length + " class fractions for " + k + " tissue classes");
		double sum = 0;
		for (int c = 0; c < k; c++) {
			final double f = fractions == null ? 1 : fractions[c];
			if (!(f > 0) || Double.isInfinite(f)) throw new IllegalArgumentException("class fraction " + c + " must be > 0, got " + f);
			sum += f;
		}
		final int[] rows = new int[k];
		int left = n;
		for (int c = 0; c < k; c++) left -= rows[c] = (int) Math.floor(n * (fractions == null ? 1 : fractions[c]) / sum);
		for (int c = 0; left > 0; c = (c + 1) % k, left--) rows[c]++;
		for (int c = 0; c < k; c++)
			if (rows[c] < 1) throw new IllegalArgumentException(n + " rows leave tissue class " + c + " without a row; simulate more rows");
		return rows;
	}

	/** The seed of tissue class {@code k} in {@link #simulateClasses}: seed * 1000 + k. */
	public static long classSeed(final long seed, final int k) {
		return seed * 1000 + k;
	}

	/**
	 * Camera observations (normalised as the camera says) for given parameter rows: row-major rows x bands.
	 * Also used to re-simulate posterior samples.
	 */
	public static float[] observe(final SpectralModel model, final Camera camera, final double[] params, final int rows,
		final long seed, final int threads, final ProgressListener progress) {
		final int p = model.parameters().size(), b = camera.bands();
		if (params.length != (long) rows * p) throw new IllegalArgumentException(params.length + " parameter values for " + rows + " x " + p);
		final ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
		final float[] out = new float[rows * b];
		final int blocks = (rows + BLOCK - 1) / BLOCK;
		final AtomicLong done = new AtomicLong();
		final double[] grid = camera.grid();
		final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
			final Thread t = new Thread(r, "innsight-simulate");
			t.setDaemon(true);
			return t;
		});
		try {
			final List<Future<?>> futures = new ArrayList<>();
			for (int blk = 0; blk < blocks; blk++) {
				final int block = blk;
				futures.add(pool.submit(() -> {
					final SpectralModel.Evaluator ev = model.evaluator(grid);
					final SplittableRandom rng = stream(seed, block);
					final double[] row = new double[p], fine = new double[grid.length], bands = new double[b];
					final int end = Math.min(rows, (block + 1) * BLOCK);
					for (int r = block * BLOCK; r < end; r++) {
						System.arraycopy(params, r * p, row, 0, p);
						ev.spectrum(row, fine, rng);
						camera.observe(fine, bands, rng);
						for (int j = 0; j < b; j++) out[r * b + j] = (float) bands[j];
					}
					listener.progress(done.addAndGet(end - block * BLOCK), rows, "simulating " + model.name() + " spectra");
				}));
			}
			for (final Future<?> f : futures) f.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Simulation interrupted", e);
		}
		catch (final ExecutionException e) {
			final Throwable c = e.getCause();
			if (c instanceof RuntimeException re) throw re;
			throw new IllegalStateException(c);
		}
		finally {
			pool.shutdownNow();
		}
		return out;
	}

	/** The random stream of work block {@code index}: a hash of (seed, index), independent of thread count. */
	public static SplittableRandom stream(final long seed, final long index) {
		return new SplittableRandom(mix64(seed ^ mix64(index + 0x632BE59BD9B4E019L)));
	}

	/** Observation column names band_00 .. band_{count-1}, zero-padded to the width of count-1. */
	public static List<String> bandColumns(final int count) {
		final int width = String.valueOf(Math.max(0, count - 1)).length();
		final List<String> out = new ArrayList<>(count);
		for (int i = 0; i < count; i++) out.add(String.format("band_%0" + width + "d", i));
		return out;
	}

	/** The JSON header of a simulated table: model, camera, ranges, seed, count, column roles. */
	public static JsonObject header(final SpectralModel model, final Camera camera, final int n, final long seed) {
		final JsonObject h = new JsonObject();
		h.addProperty("format", FORMAT);
		h.addProperty("format_version", 1);
		h.addProperty("software", "InnSight " + Version.get());
		h.addProperty("model", model.name());
		h.add("model_details", model.describe());
		h.add("camera", camera.definition());
		final JsonArray ranges = new JsonArray();
		final JsonArray pcols = new JsonArray();
		for (final Parameter x : model.parameters()) {
			final JsonObject o = new JsonObject();
			o.addProperty("name", x.name());
			o.addProperty("min", x.min());
			o.addProperty("max", x.max());
			o.addProperty("unit", x.unit());
			o.addProperty("description", x.description());
			ranges.add(o);
			pcols.add(x.name());
		}
		h.add("parameters", ranges);
		h.add("parameter_columns", pcols);
		final JsonArray ocols = new JsonArray();
		bandColumns(camera.bands()).forEach(ocols::add);
		h.add("observation_columns", ocols);
		h.add("wavelengths_nm", CameraJson.array(camera.centres()));
		h.addProperty("normalisation", camera.normalisation().label());
		h.addProperty("sampling", "latin-hypercube");
		h.addProperty("seed", seed);
		h.addProperty("count", n);
		return h;
	}

	/** SplitMix64 finaliser. */
	static long mix64(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}
}
