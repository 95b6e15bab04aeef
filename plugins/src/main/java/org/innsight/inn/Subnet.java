package org.innsight.inn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;

/**
 * The small network inside a coupling: an MLP (ReLU) from the untouched half (plus condition features) to the
 * scale and shift of the other half. Its last layer starts at zero, so a new coupling is the identity.
 * <p>
 * The first layer's weight is split into the x part and the condition part: the condition part is computed
 * once per observation ({@link Conditioning#derived}) and broadcast to that observation's rows, which is the
 * same as concatenating the condition to every row, without repeating it per sample.
 */
final class Subnet {

	/** Store groups: every subnet's condition-part weights and first-layer biases stacked, for {@link #projectConditions}. */
	private static final String CONDITION_WEIGHTS = "subnet condition weights", CONDITION_BIASES = "subnet first biases";

	private final ParameterStore store;
	private final Param firstX, firstC, firstBias;
	private final Param[] hiddenW, hiddenB;
	private final Param lastW, lastB;

	/**
	 * @param depth number of hidden layers (>= 1), each {@code width} wide
	 */
	Subnet(final ParameterStore store, final String name, final int in, final int conditionFeatures, final int width,
		final int depth, final int out, final SplittableRandom rng)
	{
		if (depth < 1) throw new IllegalArgumentException("subnet depth must be >= 1, got " + depth);
		this.store = store;
		final int fanIn = in + conditionFeatures;
		firstX = store.add(name + ".first.weight_x", new Shape(width, in), uniform(rng, width * in, fanIn), true);
		firstC = conditionFeatures > 0
			? store.add(name + ".first.weight_c", new Shape(width, conditionFeatures), uniform(rng, width * conditionFeatures, fanIn), true,
				CONDITION_WEIGHTS)
			: null;
		firstBias = store.add(name + ".first.bias", new Shape(width), uniform(rng, width, fanIn), true, conditionFeatures > 0 ? CONDITION_BIASES : null);
		hiddenW = new Param[depth - 1];
		hiddenB = new Param[depth - 1];
		for (int i = 0; i < depth - 1; i++) {
			hiddenW[i] = store.add(name + ".hidden" + (i + 1) + ".weight", new Shape(width, width), uniform(rng, width * width, width), true);
			hiddenB[i] = store.add(name + ".hidden" + (i + 1) + ".bias", new Shape(width), uniform(rng, width, width), true);
		}
		lastW = store.add(name + ".last.weight", new Shape(out, width), new float[out * width], true);
		lastB = store.add(name + ".last.bias", new Shape(out), new float[out], true);
	}

	NDArray apply(final NDArray x, final Conditioning c) {
		// wide activations are closed as soon as they are used, so the next one reuses their (cache-warm) memory
		final NDArray h0;
		if (firstC == null) h0 = Linear.linear(x, firstX.get(), firstBias.get()).head();
		else {
			// the first layer's bias goes with the once-per-observation condition part: no bias pass over every row
			final NDArray projected = c.derived(this, this::projectCondition);
			// one row per observation (training): the projection is the product's bias, one fused multiply-add
			if (projected.getShape().get(0) == x.getShape().get(0)) h0 = Linear.linear(x, firstX.get(), projected).head();
			else {
				h0 = Linear.linear(x, firstX.get()).head();
				Conditioning.addPerObservation(h0, projected);
			}
		}
		NDArray h = h0;
		h = relu(h);
		for (int i = 0; i < hiddenW.length; i++) {
			final NDArray next = Linear.linear(h, hiddenW[i].get(), hiddenB[i].get()).head();
			h.close();
			h = relu(next);
		}
		final NDArray out = Linear.linear(h, lastW.get(), lastB.get()).head();
		h.close();
		return out;
	}

	/** The condition's share of the first layer, bias included: (observations, width). */
	private NDArray projectCondition(final NDArray features) {
		return Linear.linear(features, firstC.get(), firstBias.get()).head();
	}

	/**
	 * Every subnet's condition share in one product: the condition-part weights (and biases) of all subnets stacked,
	 * one (observations, features) x (features, total width) product, split into the subnets' (lazily cached)
	 * projections of {@code c}. One large product instead of one small one per subnet, here and in the backward pass.
	 */
	static void projectConditions(final List<Subnet> subnets, final Conditioning c) {
		final List<Subnet> conditioned = new ArrayList<>();
		for (final Subnet s : subnets)
			if (s.firstC != null) conditioned.add(s);
		if (!c.isPresent() || conditioned.isEmpty()) return;
		if (conditioned.size() == 1) {
			c.derived(conditioned.get(0), conditioned.get(0)::projectCondition);
			return;
		}
		final List<Param> weights = new ArrayList<>(), biases = new ArrayList<>();
		final long[] splits = new long[conditioned.size() - 1];
		long width = 0;
		for (int i = 0; i < conditioned.size(); i++) {
			final Subnet s = conditioned.get(i);
			weights.add(s.firstC);
			biases.add(s.firstBias);
			if (i > 0) splits[i - 1] = width;
			width += s.firstBias.shape().get(0);
		}
		final ParameterStore store = conditioned.get(0).store;
		final NDArray all = Linear.linear(c.features(), stacked(store, weights), stacked(store, biases)).head();
		final NDList parts = all.split(splits, 1);
		for (int i = 0; i < conditioned.size(); i++) c.put(conditioned.get(i), parts.get(i));
	}

	/** The weights as one array: the store's group when they are one (no copy), else concatenated. */
	private static NDArray stacked(final ParameterStore store, final List<Param> params) {
		final NDArray group = store.stacked(params);
		if (group != null) return group;
		final NDList list = new NDList();
		for (final Param p : params) list.add(p.get());
		return NDArrays.concat(list, 0);
	}

	/** relu(h), closing h (recorded gradients keep what they need). */
	private static NDArray relu(final NDArray h) {
		final NDArray r = Activation.relu(h);
		h.close();
		return r;
	}

	/** Multiply-adds per row of x, not counting the per-observation condition part. */
	long multiplyAddsPerRow() {
		long m = firstX.shape().size();
		for (final Param w : hiddenW) m += w.shape().size();
		return m + lastW.shape().size();
	}

	/** PyTorch's default initialisation of linear layers: U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
	static float[] uniform(final SplittableRandom rng, final int n, final int fanIn) {
		final double bound = 1 / Math.sqrt(fanIn);
		final float[] a = new float[n];
		for (int i = 0; i < n; i++) a[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
		return a;
	}
}
