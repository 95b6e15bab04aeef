package org.innsight.inn;

import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;

/**
 * Turns raw observations into the features every subnet is conditioned on: a fixed standardisation (training
 * statistics) followed, optionally, by an MLP trained jointly with the flow. Runs once per observation.
 */
final class ConditionNet {

	private final ParameterStore store;
	private final int dims;
	private final Param mean, sd;
	private final Param[] weights, biases;

	/**
	 * @param features output size of the MLP, or 0 for none (the standardised observation is the feature)
	 * @param depth hidden layers of the MLP
	 */
	ConditionNet(final ParameterStore store, final String name, final int dims, final int features, final int width,
		final int depth, final SplittableRandom rng)
	{
		this.store = store;
		this.dims = dims;
		final float[] ones = new float[dims];
		java.util.Arrays.fill(ones, 1f);
		mean = store.add(name + ".mean", new Shape(dims), new float[dims], false);
		sd = store.add(name + ".sd", new Shape(dims), ones, false);
		if (features <= 0) {
			weights = biases = new Param[0];
			return;
		}
		if (depth < 1) throw new IllegalArgumentException("conditioning network depth must be >= 1");
		weights = new Param[depth + 1];
		biases = new Param[depth + 1];
		int in = dims;
		for (int i = 0; i <= depth; i++) {
			final int out = i == depth ? features : width;
			weights[i] = store.add(name + ".layer" + i + ".weight", new Shape(out, in), Subnet.uniform(rng, out * in, in), true);
			biases[i] = store.add(name + ".layer" + i + ".bias", new Shape(out), Subnet.uniform(rng, out, in), true);
			in = out;
		}
	}

	int featureDims() {
		return weights.length == 0 ? dims : (int) weights[weights.length - 1].shape().get(0);
	}

	void setStatistics(final double[] means, final double[] sds) {
		final float[] m = new float[dims], s = new float[dims];
		for (int i = 0; i < dims; i++) {
			// a constant observation column carries no information; sd 1 keeps it harmless
			m[i] = (float) means[i];
			s[i] = sds[i] > 0 ? (float) sds[i] : 1f;
		}
		store.assign(mean, store.manager().create(m));
		store.assign(sd, store.manager().create(s));
	}

	double[] means() {
		return toDouble(mean.get().toFloatArray());
	}

	double[] sds() {
		return toDouble(sd.get().toFloatArray());
	}

	NDArray apply(final NDArray observations) {
		if (observations.getShape().dimension() != 2 || observations.getShape().get(1) != dims)
			throw new IllegalArgumentException("expected observations of shape (rows, " + dims + "), got " + observations.getShape());
		NDArray h = observations.sub(mean.get()).divi(sd.get());
		for (int i = 0; i < weights.length; i++) {
			h = Linear.linear(h, weights[i].get(), biases[i].get()).head();
			if (i < weights.length - 1) h = Activation.relu(h);
		}
		return h;
	}

	long multiplyAddsPerRow() {
		long m = 0;
		for (final Param w : weights) m += w.shape().size();
		return m;
	}

	private static double[] toDouble(final float[] f) {
		final double[] d = new double[f.length];
		for (int i = 0; i < f.length; i++) d[i] = f[i];
		return d;
	}
}
