package org.innsight.transfer;

import java.util.SplittableRandom;

import org.innsight.engine.Autograd;
import org.innsight.engine.FusedAdam;
import org.innsight.engine.NativeArrays;
import org.innsight.inn.InnTrainer;
import org.innsight.inn.InvertibleNetwork;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The adversarial term of Dreher et al. as an {@link InnTrainer.ExtraLoss}: least-squares GAN discriminators (Mao
 * et al. 2017), one per domain, on the network's input space (L2-normalised, per-domain standardised spectra).
 * <p>
 * Per batch, every row is transferred to the other domain, x' = f^-1(f(x; c_own); c_other), with unsmoothed
 * one-hots as at transfer time (tissue classes, if any, kept). The generator term, recorded so that its gradient
 * flows through f and f^-1 into the network, is the mean over the two directions of mean (D_dest(x') - 1)²; the
 * discriminators' weights enter it detached. After the network's step each discriminator takes one Adam step on
 * ½ [mean (D(real) - 1)² + mean D(x')²] with x' detached (the rows of the batch that are of its domain are its real
 * rows). The discriminators are MLPs of two hidden layers (leaky ReLU, slope 0.2) and exist only during training:
 * the transfer itself remains x' = f^-1(f(x; c_from); c_to) and stays exactly invertible.
 */
final class AdversarialTerm implements InnTrainer.ExtraLoss, AutoCloseable {

	/** Hidden units per layer of each discriminator. */
	static final int WIDTH = 64;
	private static final float SLOPE = 0.2f, BETA1 = 0.5f, BETA2 = 0.999f, EPS = 1e-8f;

	private final NDManager manager;
	private final int bands, columns;
	private final double learningRate;
	private final Discriminator[] discriminators = new Discriminator[2];
	private long steps;
	/** Kept from {@link #loss} for {@link #afterStep} of the same step (freed with the step's scope). */
	private NDArray fakes, sourceRows, targetRows;
	private int sourceCount, targetCount;
	private double generatorSum, discriminatorSum;
	private long lossCount, updateCount;

	/**
	 * @param parent       manager whose device the discriminators live on (a sub-manager is made and closed by {@link #close})
	 * @param bands        spectrum length (the network's first {@code bands} columns)
	 * @param columns      condition columns: 2 (domain one-hot) + tissue classes
	 * @param learningRate the discriminators' Adam learning rate (constant)
	 */
	AdversarialTerm(final NDManager parent, final int bands, final int columns, final double learningRate, final long seed) {
		this.manager = parent.newSubManager();
		this.bands = bands;
		this.columns = columns;
		this.learningRate = learningRate;
		final SplittableRandom rng = new SplittableRandom(seed ^ 0x6A4E5DL);
		for (int d = 0; d < 2; d++) discriminators[d] = new Discriminator(manager, bands, rng.split());
	}

	@Override
	public NDArray loss(final InnTrainer.StepBatch batch) {
		final InvertibleNetwork net = batch.network();
		final NDManager m = batch.manager();
		final NDArray x = batch.targets();
		final int rows = Math.toIntExact(x.getShape().get(0));
		// each row's domain (and class) from its smoothed condition; transfer conditions are the unsmoothed one-hots
		final float[] smoothed = batch.observations().toFloatArray();
		final float[] own = new float[rows * columns], other = new float[rows * columns], isSource = new float[rows], isTarget = new float[rows];
		sourceCount = 0;
		targetCount = 0;
		for (int r = 0; r < rows; r++) {
			final int o = r * columns;
			final int domain = smoothed[o + DomainConditions.TARGET] > smoothed[o + DomainConditions.SOURCE] ? DomainConditions.TARGET : DomainConditions.SOURCE;
			own[o + domain] = 1;
			other[o + 1 - domain] = 1;
			if (columns > 2) {
				int best = 2;
				for (int j = 3; j < columns; j++) if (smoothed[o + j] > smoothed[o + best]) best = j;
				own[o + best] = 1;
				other[o + best] = 1;
			}
			if (domain == DomainConditions.SOURCE) {
				isSource[r] = 1;
				sourceCount++;
			}
			else {
				isTarget[r] = 1;
				targetCount++;
			}
		}
		final Shape c = new Shape(rows, columns), column = new Shape(rows, 1);
		final NDArray z = net.forward(x, net.condition(NativeArrays.copyOf(m, own, c))).out();
		NDArray moved = net.inverse(z, net.condition(NativeArrays.copyOf(m, other, c)));
		if (moved.getShape().get(1) != bands) moved = moved.get(new NDIndex(":, 0:" + bands)); // padding columns are not spectra
		fakes = moved.stopGradient();
		sourceRows = NativeArrays.copyOf(m, isSource, column);
		targetRows = NativeArrays.copyOf(m, isTarget, column);
		final NDArray one = NativeArrays.scalar(m, 1f);
		// source rows moved to the target are judged by the target's discriminator, and the other way round
		NDArray term = null;
		int directions = 0;
		if (sourceCount > 0) {
			term = masked(discriminators[DomainConditions.TARGET].apply(moved, true).sub(one).square(), sourceRows, sourceCount, m);
			directions++;
		}
		if (targetCount > 0) {
			final NDArray g = masked(discriminators[DomainConditions.SOURCE].apply(moved, true).sub(one).square(), targetRows, targetCount, m);
			term = term == null ? g : term.add(g);
			directions++;
		}
		if (term == null) return NativeArrays.scalar(m, 0f);
		term = term.div(NativeArrays.scalar(m, directions));
		generatorSum += term.getFloat();
		lossCount++;
		return term;
	}

	@Override
	public void afterStep(final InnTrainer.StepBatch batch) {
		final NDManager m = batch.manager();
		NDArray real = batch.targets();
		if (real.getShape().get(1) != bands) real = real.get(new NDIndex(":, 0:" + bands));
		final NDArray one = NativeArrays.scalar(m, 1f), half = NativeArrays.scalar(m, 0.5f);
		steps++;
		for (int d = 0; d < 2; d++) {
			// real rows: the batch's rows of this domain; fake rows: the other domain's rows moved here
			final NDArray realMask = d == DomainConditions.SOURCE ? sourceRows : targetRows, fakeMask = d == DomainConditions.SOURCE ? targetRows : sourceRows;
			final int realCount = d == DomainConditions.SOURCE ? sourceCount : targetCount, fakeCount = d == DomainConditions.SOURCE ? targetCount : sourceCount;
			if (realCount == 0 || fakeCount == 0) continue;
			final Discriminator disc = discriminators[d];
			disc.zeroGradients();
			try (Autograd recording = Autograd.record()) {
				final NDArray lossReal = masked(disc.apply(real, false).sub(one).square(), realMask, realCount, m);
				final NDArray lossFake = masked(disc.apply(fakes, false).square(), fakeMask, fakeCount, m);
				final NDArray loss = lossReal.add(lossFake).mul(half);
				discriminatorSum += loss.getFloat();
				updateCount++;
				recording.backward(loss);
			}
			disc.step(learningRate, steps);
		}
	}

	/** Mean generator term and mean discriminator loss since the last call (NaN where none), then reset. */
	double[] drainMeans() {
		final double[] means = { lossCount == 0 ? Double.NaN : generatorSum / lossCount, updateCount == 0 ? Double.NaN : discriminatorSum / updateCount };
		generatorSum = discriminatorSum = 0;
		lossCount = updateCount = 0;
		return means;
	}

	/** Mean of {@code perRow} (rows, 1) over the rows where {@code mask} is 1. */
	private static NDArray masked(final NDArray perRow, final NDArray mask, final int count, final NDManager m) {
		return perRow.mul(mask).sum().div(NativeArrays.scalar(m, count));
	}

	@Override
	public void close() {
		manager.close();
	}

	/** bands -> WIDTH -> WIDTH -> 1, leaky ReLU; each weight its own leaf array with Adam moments beside it. */
	private static final class Discriminator {
		private final NDArray[] weights, m, v;
		private final NDArray slope;

		Discriminator(final NDManager manager, final int bands, final SplittableRandom rng) {
			final int[][] shapes = { { bands, WIDTH }, { WIDTH }, { WIDTH, WIDTH }, { WIDTH }, { WIDTH, 1 }, { 1 } };
			weights = new NDArray[shapes.length];
			m = new NDArray[shapes.length];
			v = new NDArray[shapes.length];
			for (int i = 0; i < shapes.length; i++) {
				final Shape shape = shapes[i].length == 2 ? new Shape(shapes[i][0], shapes[i][1]) : new Shape(shapes[i][0]);
				final float[] init = new float[Math.toIntExact(shape.size())];
				if (shapes[i].length == 2) {
					// He-uniform for the leaky ReLU layers
					final double bound = Math.sqrt(6.0 / shapes[i][0]);
					for (int k = 0; k < init.length; k++) init[k] = (float) (bound * (2 * rng.nextDouble() - 1));
				}
				weights[i] = NativeArrays.copyOf(manager, init, shape);
				m[i] = weights[i].zerosLike();
				v[i] = weights[i].zerosLike();
				NDScope.unregister(weights[i], m[i], v[i]);
				weights[i].setRequiresGradient(true);
			}
			slope = NativeArrays.scalar(manager, SLOPE);
			NDScope.unregister(slope);
		}

		/** D(x), (rows, 1); {@code detached}: the weights take no gradient (the generator's pass). */
		NDArray apply(final NDArray x, final boolean detached) {
			NDArray h = x;
			for (int layer = 0; layer < 3; layer++) {
				final NDArray w = detached ? weights[2 * layer].stopGradient() : weights[2 * layer];
				final NDArray b = detached ? weights[2 * layer + 1].stopGradient() : weights[2 * layer + 1];
				h = h.matMul(w).add(b);
				if (layer < 2) h = h.maximum(h.mul(slope));
			}
			return h;
		}

		void zeroGradients() {
			for (final NDArray w : weights) Autograd.zeroGradient(w);
		}

		void step(final double learningRate, final long step) {
			final double correction = Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
			try (Autograd paused = Autograd.pause()) {
				for (int i = 0; i < weights.length; i++)
					FusedAdam.update(weights[i], weights[i].getGradient(), m[i], v[i], (float) (learningRate * correction), 0f, 1f, BETA1, BETA2, EPS);
			}
		}
	}
}
