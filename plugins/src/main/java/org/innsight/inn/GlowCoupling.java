package org.innsight.inn;

import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * GLOW-style (RealNVP) affine coupling that transforms both halves: y2 = x2 * exp(s2(x1, c)) + t2(x1, c), then
 * y1 = x1 * exp(s1(y2, c)) + t1(y2, c), each log-scale soft-clamped.
 */
final class GlowCoupling implements InvertibleBlock {

	private final int first, second;
	private final SoftClamp clamp;
	private final Subnet toSecond, toFirst;

	GlowCoupling(final ParameterStore store, final String name, final int dims, final int conditionFeatures,
		final int width, final int depth, final float clamp, final SplittableRandom rng)
	{
		if (dims < 2) throw new IllegalArgumentException("a coupling needs >= 2 dimensions, got " + dims + " (pad the targets)");
		this.first = dims / 2;
		this.second = dims - first;
		this.clamp = new SoftClamp(store, clamp);
		this.toSecond = new Subnet(store, name + ".subnet2", first, conditionFeatures, width, depth, 2 * second, rng);
		this.toFirst = new Subnet(store, name + ".subnet1", second, conditionFeatures, width, depth, 2 * first, rng);
	}

	@Override
	public Transformed forward(final NDArray x, final Conditioning c) {
		final Transformed t = forwardTerms(x, c);
		return new Transformed(t.out(), t.logDet().sum(new int[] { 1 }));
	}

	/** The log-det as the (rows, dims) clamped log-scales of both halves. */
	@Override
	public Transformed forwardTerms(final NDArray x, final Conditioning c) {
		final NDList halves = x.split(new long[] { first }, 1);
		final NDArray[] st2 = scaleShift(toSecond, halves.get(0), second, c);
		final NDArray y2 = halves.get(1).mul(st2[0].exp()).addi(st2[1]);
		final NDArray[] st1 = scaleShift(toFirst, y2, first, c);
		final NDArray y1 = halves.get(0).mul(st1[0].exp()).addi(st1[1]);
		return new Transformed(y1.concat(y2, 1), st2[0].concat(st1[0], 1));
	}

	@Override
	public NDArray inverse(final NDArray y, final Conditioning c) {
		final NDList halves = y.split(new long[] { first }, 1);
		final NDArray y2 = halves.get(1);
		final NDArray[] st1 = scaleShift(toFirst, y2, first, c);
		final NDArray x1 = halves.get(0).sub(st1[1]).muli(st1[0].neg().exp());
		final NDArray[] st2 = scaleShift(toSecond, x1, second, c);
		final NDArray x2 = y2.sub(st2[1]).muli(st2[0].neg().exp());
		return x1.concat(x2, 1);
	}

	private NDArray[] scaleShift(final Subnet net, final NDArray in, final int outDims, final Conditioning c) {
		final NDList a = net.apply(in, c).split(new long[] { outDims }, 1);
		return new NDArray[] { clamp.apply(a.get(0)), a.get(1) };
	}

	java.util.List<Subnet> subnets() {
		return java.util.List.of(toSecond, toFirst);
	}

	long multiplyAddsPerRow() {
		return toSecond.multiplyAddsPerRow() + toFirst.multiplyAddsPerRow();
	}
}
