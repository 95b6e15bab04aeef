package org.innsight.dalsa.weights;

/**
 * DALSA's importance weights: a logistic regression tells annotated voxels (class 1) from voxels drawn from the
 * whole scan (class 0). Its odds are p(annotated | x) / p(scan | x) = (n_a p_a(x)) / (n_s p_s(x)), so the weight
 * w(x) = exp(-eta(x)) * n_a / n_s estimates the density ratio p_scan(x) / p_annotated(x): voxels that look like
 * regions nobody annotated count more, over-annotated look-alikes count less (as in the MITK implementation).
 */
public final class ImportanceWeights {

	/** exp(-eta) is capped here so a single far-out voxel cannot dominate a tree. */
	static final double MAX_LOG_WEIGHT = 30;

	/**
	 * @param weights one weight per annotated sample, in the order given
	 * @param model the fitted classifier (annotated = 1)
	 * @param countRatio n_annotated / n_scan of the samples the model was fitted on
	 */
	public record Result(float[] weights, LogisticRegression model, double countRatio) {

		/** min, median, mean, max of the weights. */
		public double[] summary() {
			return ClassWeighting.summary(weights);
		}
	}

	private ImportanceWeights() {}

	/**
	 * @param annotated features of the annotated voxels used to fit the model, column-major
	 * @param scan features of voxels drawn uniformly from the scan's foreground, column-major
	 * @param toWeigh features of the samples that get weights (usually all annotated voxels), column-major
	 * @param l2 ridge penalty of the logistic regression (standardised features)
	 * @param threads worker threads; 0 = all cores
	 */
	public static Result estimate(final float[][] annotated, final float[][] scan, final float[][] toWeigh, final double l2, final int threads) {
		final LogisticRegression model = LogisticRegression.fit(annotated, scan, l2, threads);
		final double ratio = (double) annotated[0].length / scan[0].length;
		final int n = toWeigh[0].length;
		final float[] w = new float[n];
		for (int i = 0; i < n; i++) w[i] = (float) weight(model.logit(toWeigh, i), ratio);
		return new Result(w, model, ratio);
	}

	/** The weight of a voxel whose annotated-vs-scan log-odds is {@code eta}. */
	public static double weight(final double eta, final double countRatio) {
		return Math.exp(Math.min(MAX_LOG_WEIGHT, -eta)) * countRatio;
	}
}
