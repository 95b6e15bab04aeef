package org.innsight.inn;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.innsight.engine.Autograd;
import org.innsight.engine.NativeArrays;
import org.innsight.engine.TileScope;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The trainer's batches: rows gathered on the heap, padding dimensions drawn fresh from N(0, 1), observation noise
 * added. The target transform (bounded-to-unbounded map, standardisation) is fixed during training, so it runs once
 * over the whole table ({@link #transformTargets}) instead of once per step; batches then carry the transformed
 * targets and their per-row log-determinants next to the targets in user units.
 */
final class TrainingBatches {

	/** Rows of the table per native call when transforming it. */
	private static final int CHUNK = 8192;

	/**
	 * One batch: {@code x} padded targets in user units, {@code c} noisy observations (null if unconditional), {@code u}
	 * the targets after the target transform (padding unchanged: the transform is the identity there), {@code logDet}
	 * its log|det J| per row.
	 */
	record Batch(int rows, int targetCols, int observationCols, float[] x, float[] c, float[] u, float[] logDet) {

		NDArray targets(final NDManager m) {
			return NativeArrays.copyOf(m, x, new Shape(rows, targetCols));
		}

		NDArray transformedTargets(final NDManager m) {
			return NativeArrays.copyOf(m, u, new Shape(rows, targetCols));
		}

		NDArray observations(final NDManager m) {
			return c == null ? null : NativeArrays.copyOf(m, c, new Shape(rows, observationCols));
		}

		/** Sum of the target transform's log|det J| over the rows. */
		double logDetSum() {
			double s = 0;
			for (final float v : logDet) s += v;
			return s;
		}

		Batch slice(final int from, final int n) {
			return new Batch(n, targetCols, observationCols, Arrays.copyOfRange(x, from * targetCols, (from + n) * targetCols),
				c == null ? null : Arrays.copyOfRange(c, from * observationCols, (from + n) * observationCols),
				Arrays.copyOfRange(u, from * targetCols, (from + n) * targetCols), Arrays.copyOfRange(logDet, from, from + n));
		}
	}

	private final TrainingData data;
	private final ObservationNoise noise;
	private final int targets, dims, conditions;
	private float[][] transformed;
	private float[] logDets;

	TrainingBatches(final InvertibleNetwork net, final TrainingData data, final ObservationNoise noise) {
		this.data = data;
		this.noise = noise;
		this.targets = net.architecture().targets;
		this.dims = net.dimension();
		this.conditions = net.conditionDimension();
	}

	/**
	 * Runs the network's target transform over every row of the table (padding as 0: the transform leaves padding
	 * dimensions unchanged and adds nothing to their log-determinant); call after the statistics are set and before
	 * {@link #build}.
	 */
	void transformTargets(final InvertibleNetwork net) {
		final int rows = data.rows();
		transformed = new float[rows][];
		logDets = new float[rows];
		for (int from = 0; from < rows; from += CHUNK) {
			final int n = Math.min(CHUNK, rows - from);
			final float[] x = new float[n * dims];
			for (int i = 0; i < n; i++) System.arraycopy(data.targets[from + i], 0, x, i * dims, targets);
			try (TileScope tile = TileScope.open(net.parameters().manager()); Autograd off = Autograd.pause()) {
				final Transformed t = net.transformTargets(NativeArrays.copyOf(tile.manager(), x, new Shape(n, dims)));
				final float[] u = t.out().toFloatArray(), ld = t.logDetPerRow().toFloatArray();
				for (int i = 0; i < n; i++) transformed[from + i] = Arrays.copyOfRange(u, i * dims, i * dims + targets);
				System.arraycopy(ld, 0, logDets, from, n);
			}
		}
	}

	Batch build(final int[] rows, final int from, final int to, final SplittableRandom rng) {
		if (transformed == null) throw new IllegalStateException("transformTargets first");
		final int n = to - from;
		final float[] x = new float[n * dims], u = new float[n * dims], ld = new float[n];
		for (int i = 0; i < n; i++) {
			final int r = rows[from + i];
			System.arraycopy(data.targets[r], 0, x, i * dims, targets);
			System.arraycopy(transformed[r], 0, u, i * dims, targets);
			for (int j = targets; j < dims; j++) x[i * dims + j] = u[i * dims + j] = (float) rng.nextGaussian();
			ld[i] = logDets[r];
		}
		float[] c = null;
		if (conditions > 0) {
			c = new float[n * conditions];
			for (int i = 0; i < n; i++) System.arraycopy(data.observations[rows[from + i]], 0, c, i * conditions, conditions);
			noise.addTo(c, n, conditions, rng);
		}
		return new Batch(n, dims, conditions, x, c, u, ld);
	}
}
