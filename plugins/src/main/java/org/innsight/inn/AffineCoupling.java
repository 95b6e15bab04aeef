package org.innsight.inn;

import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * One-sided affine coupling (the coupling of FrEIA's "all-in-one" block): the first half passes unchanged and
 * sets scale and shift of the second half, y2 = x2 * exp(s(x1, c)) + t(x1, c), with s soft-clamped.
 */
final class AffineCoupling implements InvertibleBlock {

	private final int first, second;
	private final SoftClamp clamp;
	private final Subnet subnet;

	AffineCoupling(final ParameterStore store, final String name, final int dims, final int conditionFeatures,
		final int width, final int depth, final float clamp, final SplittableRandom rng)
	{
		if (dims < 2) throw new IllegalArgumentException("a coupling needs >= 2 dimensions, got " + dims + " (pad the targets)");
		this.first = dims / 2;
		this.second = dims - first;
		this.clamp = new SoftClamp(store, clamp);
		this.subnet = new Subnet(store, name + ".subnet", first, conditionFeatures, width, depth, 2 * second, rng);
	}

	@Override
	public Transformed forward(final NDArray x, final Conditioning c) {
		final Transformed t = forwardTerms(x, c);
		return new Transformed(t.out(), t.logDet().sum(new int[] { 1 }));
	}

	/** The log-det as the (rows, second) clamped log-scales. */
	@Override
	public Transformed forwardTerms(final NDArray x, final Conditioning c) {
		final NDList halves = x.split(new long[] { first }, 1);
		final NDArray[] st = scaleShift(halves.get(0), c);
		final NDArray y2 = halves.get(1).mul(st[0].exp()).addi(st[1]);
		return new Transformed(halves.get(0).concat(y2, 1), st[0]);
	}

	@Override
	public NDArray inverse(final NDArray y, final Conditioning c) {
		final NDList halves = y.split(new long[] { first }, 1);
		final NDList a = subnet.apply(halves.get(0), c).split(new long[] { second }, 1);
		final NDArray x2 = halves.get(1).sub(a.get(1)).muli(clamp.applyNegated(a.get(0)).exp());
		return halves.get(0).concat(x2, 1);
	}

	private NDArray[] scaleShift(final NDArray x1, final Conditioning c) {
		final NDList a = subnet.apply(x1, c).split(new long[] { second }, 1);
		return new NDArray[] { clamp.apply(a.get(0)), a.get(1) };
	}

	java.util.List<Subnet> subnets() {
		return java.util.List.of(subnet);
	}

	long multiplyAddsPerRow() {
		return subnet.multiplyAddsPerRow();
	}
}
