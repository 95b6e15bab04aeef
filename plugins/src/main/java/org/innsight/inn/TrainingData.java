package org.innsight.inn;

/**
 * Rows to train on, in the user's units: targets (what the flow models, e.g. tissue parameters or spectra)
 * and, for a conditional flow, the observation each target was seen with.
 */
public final class TrainingData {

	final float[][] targets;
	final float[][] observations;
	ObservationNoise noise;

	/**
	 * @param targets rows x target columns
	 * @param observations rows x observation columns, or null for an unconditional flow
	 */
	public TrainingData(final float[][] targets, final float[][] observations) {
		if (targets == null || targets.length < 2) throw new IllegalArgumentException("need at least 2 training rows");
		if (observations != null && observations.length != targets.length)
			throw new IllegalArgumentException(targets.length + " target rows but " + observations.length + " observation rows");
		check(targets, "target");
		if (observations != null) check(observations, "observation");
		this.targets = targets;
		this.observations = observations;
	}

	/** Replaces the options' plain Gaussian noise by a noise model (e.g. a camera's). */
	public TrainingData withNoise(final ObservationNoise noiseModel) {
		this.noise = noiseModel;
		return this;
	}

	public int rows() {
		return targets.length;
	}

	public int targetColumns() {
		return targets[0].length;
	}

	public int observationColumns() {
		return observations == null ? 0 : observations[0].length;
	}

	private static void check(final float[][] rows, final String what) {
		final int cols = rows[0].length;
		for (int r = 0; r < rows.length; r++) {
			if (rows[r].length != cols)
				throw new IllegalArgumentException(what + " row " + r + " has " + rows[r].length + " columns, row 0 has " + cols);
			for (final float v : rows[r])
				if (!Float.isFinite(v)) throw new IllegalArgumentException(what + " row " + r + " has a non-finite value " + v);
		}
	}
}
