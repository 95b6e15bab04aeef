package org.innsight.posterior;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

import org.innsight.io.Table;
import org.innsight.optics.Camera;
import org.innsight.optics.Models;
import org.innsight.optics.SpectralModel;

/**
 * Re-simulation error: posterior samples pushed back through the forward model (the simulation that made the
 * held-out table, noise-free camera) and compared with the observation they came from. Parameters the posterior
 * model does not estimate (e.g. deeper layers' scattering) are taken from the table's true values, so the error
 * measures what the estimated parameters explain. Per observation: the median over samples of
 * ||y_sim - y_obs|| / ||y_obs||; its noise floor is the same figure for the true parameters (camera noise alone).
 */
public final class Resimulation {

	private final SpectralModel model;
	private final Camera camera;
	private final double[] grid;
	private final int[] estimatedIndex;
	private final int modelParameters;

	private Resimulation(final SpectralModel model, final Camera camera, final List<String> estimated) {
		this.model = model;
		this.camera = camera.withoutNoise();
		this.grid = camera.grid();
		this.modelParameters = model.parameters().size();
		this.estimatedIndex = new int[estimated.size()];
		for (int j = 0; j < estimatedIndex.length; j++) estimatedIndex[j] = model.indexOf(estimated.get(j));
	}

	/** The forward model and camera recorded in a simulated table's header; an error if the header has none. */
	public static Resimulation fromTable(final Table table, final List<String> estimated) throws IOException {
		return new Resimulation(Models.fromHeader(table.header()), Models.cameraFromHeader(table.header()), estimated);
	}

	/** The names of all forward-model parameters (the table must have these columns). */
	public List<String> modelParameters() {
		return model.parameters().stream().map(p -> p.name()).toList();
	}

	/** Evaluates spectra on one thread; not thread-safe. */
	public final class Worker {
		private final SpectralModel.Evaluator evaluator = model.evaluator(grid);
		private final double[] fine = new double[grid.length], bands = new double[camera.bands()], row = new double[modelParameters];
		private final SplittableRandom rng = new SplittableRandom(0);

		/**
		 * {median relative error over the samples, noise floor} of one observation.
		 *
		 * @param truth all forward-model parameters of the observation, in the model's order
		 * @param observed the observation (as the table holds it)
		 * @param samples rows of estimated parameters (samples x estimated, row-major), in {@code first .. first + count)}
		 */
		public double[] errors(final double[] truth, final float[] observed, final int observedOffset, final float[] samples, final int first,
			final int count)
		{
			final int t = estimatedIndex.length;
			final double floor = relativeError(truth, observed, observedOffset);
			final double[] e = new double[count];
			for (int k = 0; k < count; k++) {
				System.arraycopy(truth, 0, row, 0, modelParameters);
				for (int j = 0; j < t; j++) row[estimatedIndex[j]] = samples[(first + k) * t + j];
				e[k] = relativeError(row, observed, observedOffset);
			}
			return new double[] { ValidationMetrics.median(e, count), floor };
		}

		private double relativeError(final double[] params, final float[] observed, final int offset) {
			evaluator.spectrum(params, fine, rng);
			camera.observe(fine, bands, rng);
			double d = 0, o = 0;
			for (int i = 0; i < bands.length; i++) {
				final double y = observed[offset + i];
				d += (bands[i] - y) * (bands[i] - y);
				o += y * y;
			}
			return Math.sqrt(d / o);
		}
	}

	public Worker worker() {
		return new Worker();
	}
}
