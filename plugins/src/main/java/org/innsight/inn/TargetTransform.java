package org.innsight.inn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The fixed first step of a flow: maps the targets from the user's units to the unbounded, standardised space
 * the couplings work in, with its exact Jacobian, so every density the network reports is a density in the
 * user's units.
 * <p>
 * A bounded target (e.g. sO2 in [0, 1]) is rescaled into (m, 1 - m) for a small margin m and sent through the
 * logit; an unbounded one passes unchanged. Then every dimension is standardised, (y - mean) / sd, with
 * statistics taken from the training data in the transformed space.
 */
final class TargetTransform implements InvertibleBlock {

	private final int dims;
	private final boolean anyLogit;
	private final Param scale, offset, inverseScale, logitMask, identityMask, mean, sd;
	private final double logitLogDet;
	private final ParameterStore store;
	private final float[] heapScale, heapOffset;

	/**
	 * @param ranges per dimension {lower, upper} for a logit-transformed bounded target, or null for identity
	 * @param margin the logit margin m (0 < m < 0.5): the range maps onto (m, 1 - m)
	 */
	TargetTransform(final ParameterStore store, final String name, final double[][] ranges, final double margin) {
		if (!(margin > 0 && margin < 0.5)) throw new IllegalArgumentException("logit margin must be in (0, 0.5), got " + margin);
		this.store = store;
		this.dims = ranges.length;
		final float[] a = new float[dims], b = new float[dims], ainv = new float[dims], m = new float[dims];
		boolean any = false;
		double constant = 0;
		for (int i = 0; i < dims; i++) {
			if (ranges[i] == null) {
				b[i] = 0.5f; // identity dims compute a harmless logit(0.5) that the mask discards
				continue;
			}
			final double lo = ranges[i][0], hi = ranges[i][1];
			if (!(lo < hi)) throw new IllegalArgumentException("range of dimension " + i + " must have lower < upper");
			final double s = (1 - 2 * margin) / (hi - lo);
			a[i] = (float) s;
			b[i] = (float) (margin - lo * s);
			ainv[i] = (float) (1 / s);
			m[i] = 1;
			any = true;
			constant += Math.log(s);
		}
		this.heapScale = a;
		this.heapOffset = b;
		this.anyLogit = any;
		this.logitLogDet = constant;
		final float[] ones = new float[dims];
		java.util.Arrays.fill(ones, 1f);
		scale = store.add(name + ".logit_scale", new Shape(dims), a, false);
		offset = store.add(name + ".logit_offset", new Shape(dims), b, false);
		inverseScale = store.add(name + ".logit_inverse_scale", new Shape(dims), ainv, false);
		logitMask = store.add(name + ".logit_mask", new Shape(dims), m, false);
		final float[] notM = new float[dims];
		for (int i = 0; i < dims; i++) notM[i] = 1 - m[i];
		identityMask = store.add(name + ".identity_mask", new Shape(dims), notM, false);
		mean = store.add(name + ".mean", new Shape(dims), new float[dims], false);
		sd = store.add(name + ".sd", new Shape(dims), ones, false);
	}

	/**
	 * Per column, {@code ifLogit} where the logit applies, else {@code ifIdentity}. Blending with 0/1 masks is exact
	 * for finite values (v * 1 + w * 0 = v), and both inputs are finite on every column.
	 */
	private NDArray select(final NDArray ifLogit, final NDArray ifIdentity) {
		return ifLogit.mul(logitMask.get()).addi(ifIdentity.mul(identityMask.get()));
	}

	/** Sets the standardisation from statistics of the transformed training targets. */
	void setStatistics(final double[] means, final double[] sds) {
		final float[] m = new float[dims], s = new float[dims];
		for (int i = 0; i < dims; i++) {
			if (!(sds[i] > 0)) throw new IllegalArgumentException("target dimension " + i + " has no spread (sd " + sds[i] + ")");
			m[i] = (float) means[i];
			s[i] = (float) sds[i];
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

	/** The bounded-to-unbounded map for one value on the heap (for statistics before training). */
	double unbounded(final int dim, final double x) {
		if (heapScale[dim] == 0) return x;
		final double u = heapScale[dim] * x + heapOffset[dim];
		return Math.log(u) - Math.log1p(-u);
	}

	@Override
	public Transformed forward(final NDArray x, final Conditioning c) {
		NDArray y = x;
		NDArray logDet;
		if (anyLogit) {
			final NDArray u = x.mul(scale.get()).addi(offset.get());
			final NDArray logU = u.log(), log1mU = u.neg().addi(store.constant(1f)).log();
			y = select(logU.sub(log1mU), x);
			logDet = logU.addi(log1mU).muli(logitMask.get()).sum(new int[] { 1 }).neg().addi(store.constant((float) logitLogDet));
		}
		else logDet = x.getManager().zeros(new Shape());
		final NDArray out = y.sub(mean.get()).divi(sd.get());
		return new Transformed(out, logDet.sub(sd.get().log().sum()));
	}

	@Override
	public NDArray inverse(final NDArray z, final Conditioning c) {
		final NDArray y = z.mul(sd.get()).addi(mean.get());
		if (!anyLogit) return y;
		final NDArray x = ai.djl.nn.Activation.sigmoid(y).subi(offset.get()).muli(inverseScale.get());
		return select(x, y);
	}

	int dims() {
		return dims;
	}

	private static double[] toDouble(final float[] f) {
		final double[] d = new double[f.length];
		for (int i = 0; i < f.length; i++) d[i] = f[i];
		return d;
	}
}
