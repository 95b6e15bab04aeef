package org.innsight.inn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.innsight.engine.Autograd;
import org.innsight.engine.NativeArrays;
import org.innsight.engine.TileScope;
import org.innsight.progress.ProgressListener;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Maximum-likelihood training of an {@link InvertibleNetwork}: loss = (mean ||z||^2 / 2 - mean log|det J|) / D,
 * Adam with weight decay, gradient-norm clipping, learning-rate decay, early stopping on the validation NLL,
 * noise augmentation. Deterministic: the same seed, data and thread count give the same weights on CPU (all
 * randomness is drawn on the Java side from the seed). At the end, or when {@code stop} is set (Ctrl-C), the
 * network holds the weights of the best validation epoch.
 * <p>
 * An {@link ExtraLoss} (e.g. the adversarial term of a domain transfer) can add a weighted term to every step's
 * loss and step parameters of its own in the same loop; without one (or with weight 0) training is exactly the
 * maximum-likelihood training above.
 */
public final class InnTrainer {

	/** Per-dimension NLL in nats includes the Gaussian's constant, so it is a true density figure. */
	private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
	private static final int MAX_BAD_STEPS_IN_A_ROW = 20;

	/** Told after every epoch. */
	@FunctionalInterface
	public interface EpochListener {
		void epochDone(Epoch epoch);
	}

	/** One epoch's figures; NLLs are per dimension in nats. */
	public record Epoch(int epoch, double trainNll, double validationNll, double learningRate, boolean improved, double seconds) {}

	/** What a training run did. */
	public record Result(List<Epoch> history, int bestEpoch, double bestValidationNll, boolean stoppedEarly, boolean interrupted,
		long skippedSteps, int trainRows, int validationRows, double seconds)
	{
		public int epochs() {
			return history.size();
		}
	}

	/**
	 * A term added to the loss of every training step, and a callback to step parameters of its own (e.g. a
	 * discriminator with its own optimiser) in the same loop. Both calls run inside the step's native scope: every
	 * array they make on {@link StepBatch#manager()} or from the batch's arrays is freed when the step ends, so
	 * state kept from {@link #loss} for {@link #afterStep} (say, detached generated rows) is valid only until then.
	 * Arrays that must live longer (own weights, optimiser moments) belong to the implementation's own manager,
	 * unregistered from any scope, and are the implementation's to close. Randomness should come from the
	 * implementation's own seeded generator, so training stays deterministic.
	 */
	public interface ExtraLoss {

		/**
		 * The term for one batch, while gradients are recorded: a scalar computed from the batch with the network's
		 * {@link InvertibleNetwork#forward} / {@link InvertibleNetwork#inverse} (gradients flow through both to the
		 * network's weights). The trainer adds {@code weight} times it to the per-dimension NLL before the backward
		 * pass; a non-finite value skips the step like a non-finite NLL.
		 */
		NDArray loss(StepBatch batch);

		/**
		 * After the network's optimiser update of a step whose loss was finite, with recording off (open
		 * {@link Autograd#record()} for gradients of your own, and zero them: the network's backward pass also reaches
		 * any weights of yours that {@link #loss} used).
		 */
		default void afterStep(final StepBatch batch) {}
	}

	/**
	 * One training batch as the network sees it: {@code targets} (rows, dimension) in user units (padding included),
	 * {@code observations} (rows, observation columns, with the training noise; null for an unconditional network),
	 * on {@code manager}, which lives for the step; {@code epoch} from 1, {@code learningRate} the network's current one.
	 */
	public record StepBatch(InvertibleNetwork network, NDManager manager, NDArray targets, NDArray observations, int epoch,
		double learningRate) {}

	private final TrainingOptions options;
	private final ExtraLoss extra;
	private final float extraWeight;

	public InnTrainer(final TrainingOptions options) {
		this(options, null, 0);
	}

	/**
	 * Maximum likelihood plus {@code weight} times {@code extra}'s term; {@code extra} null or weight 0: maximum
	 * likelihood alone (the same weights as {@link #InnTrainer(TrainingOptions)}).
	 */
	public InnTrainer(final TrainingOptions options, final ExtraLoss extra, final double weight) {
		if (!(weight >= 0) || Double.isInfinite(weight)) throw new IllegalArgumentException("extra loss weight must be finite and >= 0, got " + weight);
		this.options = options.validate();
		this.extra = weight > 0 ? extra : null;
		this.extraWeight = (float) weight;
	}

	public Result train(final InvertibleNetwork net, final TrainingData data, final ProgressListener progress,
		final EpochListener epochs, final AtomicBoolean stop)
	{
		final InnArchitecture arch = net.architecture();
		if (data.targetColumns() != arch.targets)
			throw new IllegalArgumentException("the network models " + arch.targets + " targets, the data have " + data.targetColumns());
		if (data.observationColumns() != arch.conditions)
			throw new IllegalArgumentException("the network expects " + arch.conditions + " observation columns, the data have " + data.observationColumns());
		final long start = System.nanoTime();
		final SplittableRandom rng = new SplittableRandom(options.seed);
		final int[] order = permutation(data.rows(), rng);
		final int validationRows = Math.max(1, (int) Math.round(options.validationFraction * data.rows()));
		final int trainRows = data.rows() - validationRows;
		if (trainRows < 2) throw new IllegalArgumentException("too few rows to train: " + data.rows());
		final int[] train = java.util.Arrays.copyOfRange(order, validationRows, data.rows());
		final int[] validation = java.util.Arrays.copyOfRange(order, 0, validationRows);
		final ObservationNoise noise = data.noise != null ? data.noise
			: ObservationNoise.gaussian(options.observationNoiseAbsolute, options.observationNoiseRelative);
		final TrainingBatches batches = new TrainingBatches(net, data, noise);
		if (options.standardise) standardise(net, data, train);
		batches.transformTargets(net);

		final ParameterStore store = net.parameters();
		final NDManager parent = store.manager();
		final int initRows = Math.min(options.initialisationRows, trainRows);
		try (TileScope tile = TileScope.open(parent); Autograd off = Autograd.pause()) {
			final TrainingBatches.Batch b = batches.build(java.util.Arrays.copyOf(train, initRows), 0, initRows, rng);
			net.initialise(b.targets(tile.manager()), b.observations(tile.manager()));
		}
		final TrainingBatches.Batch validationSet = batches.build(validation, 0, validationRows, new SplittableRandom(options.seed ^ 0x5DEECE66DL));

		final List<Epoch> history = new ArrayList<>();
		final int stepsPerEpoch = (trainRows + options.batchSize - 1) / options.batchSize;
		final long totalSteps = (long) stepsPerEpoch * options.maxEpochs;
		double lr = options.learningRate, best = Double.POSITIVE_INFINITY;
		int bestEpoch = 0, sinceBest = 0, sinceDecay = 0, badInARow = 0;
		long skipped = 0;
		boolean stoppedEarly = false, interrupted = false;
		Map<String, float[]> bestWeights = null;
		store.setTraining(true);
		final Adam adam = new Adam(store.flat());
		try {
			for (int epoch = 1; epoch <= options.maxEpochs; epoch++) {
				final long epochStart = System.nanoTime();
				shuffle(train, rng);
				double lossSum = 0;
				int lossCount = 0;
				for (int s = 0; s < stepsPerEpoch && !(interrupted = stop != null && stop.get()); s++) {
					final int from = s * options.batchSize, to = Math.min(trainRows, from + options.batchSize);
					final float loss = step(net, adam, batches.build(train, from, to, rng), rng, lr, epoch);
					if (Float.isFinite(loss)) {
						lossSum += loss;
						lossCount++;
						badInARow = 0;
					}
					else {
						skipped++;
						if (++badInARow >= MAX_BAD_STEPS_IN_A_ROW)
							throw new IllegalStateException("training diverged (" + badInARow + " steps in a row with a non-finite loss at epoch " +
								epoch + "); lower the learning rate or the clamp, or check the data for outliers");
					}
					progress.progress((long) (epoch - 1) * stepsPerEpoch + s + 1, totalSteps, "epoch " + epoch);
				}
				if (interrupted) break;
				final double validationNll = validationNll(net, validationSet);
				final boolean improved = validationNll < best;
				if (improved) {
					best = validationNll;
					bestEpoch = epoch;
					bestWeights = store.snapshot();
					sinceBest = 0;
				}
				else sinceBest++;
				final Epoch e = new Epoch(epoch, lossSum / Math.max(1, lossCount) + HALF_LOG_2PI, validationNll, lr, improved,
					(System.nanoTime() - epochStart) / 1e9);
				history.add(e);
				if (epochs != null) epochs.epochDone(e);
				progress.progress((long) epoch * stepsPerEpoch, totalSteps,
					String.format("epoch %d: train NLL %.4f, validation NLL %.4f", epoch, e.trainNll(), validationNll));
				if ("step".equals(options.schedule) ? epoch % options.decayEvery == 0 : !improved && ++sinceDecay >= options.decayEvery) {
					lr *= options.decayFactor;
					sinceDecay = 0;
				}
				if (improved) sinceDecay = 0;
				if (options.earlyStoppingPatience > 0 && sinceBest >= options.earlyStoppingPatience) {
					stoppedEarly = true;
					break;
				}
			}
		}
		finally {
			adam.close();
			store.setTraining(false);
		}
		if (bestWeights != null) store.restore(bestWeights, "best checkpoint");
		return new Result(history, bestEpoch, best, stoppedEarly, interrupted, skipped, trainRows, validationRows,
			(System.nanoTime() - start) / 1e9);
	}

	/** One optimiser step; returns the batch loss (per-dimension NLL without the constant), NaN if skipped. */
	private float step(final InvertibleNetwork net, final Adam adam, final TrainingBatches.Batch batch, final SplittableRandom rng, final double lr,
		final int epoch)
	{
		final ParameterStore store = net.parameters();
		final int d = net.dimension();
		try (TileScope tile = TileScope.open(store.manager())) {
			final NDManager m = tile.manager();
			final float loss;
			StepBatch stepBatch = null;
			try (Autograd recording = Autograd.record()) {
				store.newStepViews();
				final NDArray observations = batch.observations(m);
				// the target transform was applied to the whole table once (it has no trainable weights); its
				// log-determinant is a constant of the loss, added on the heap
				NDArray u = batch.transformedTargets(m);
				if (options.targetNoise > 0) u = u.addi(NativeArrays.copyOf(m, gaussian(rng, batch.rows() * d, options.targetNoise), new Shape(batch.rows(), d)));
				final Transformed f = net.forwardCore(u, net.condition(observations));
				final NDArray nll = f.out().square().sum(new int[] { 1 }).muli(NativeArrays.scalar(m, 0.5f)).subi(f.logDetPerRow())
					.mean().divi(NativeArrays.scalar(m, d));
				loss = (float) (nll.getFloat() - batch.logDetSum() / batch.rows() / d);
				if (!Float.isFinite(loss)) return Float.NaN;
				NDArray total = nll;
				if (extra != null) {
					stepBatch = new StepBatch(net, m, batch.targets(m), observations, epoch, lr);
					final NDArray term = extra.loss(stepBatch);
					if (term.getShape().size() != 1) throw new IllegalStateException("the extra loss must be a scalar, got shape " + term.getShape());
					if (!Float.isFinite(term.getFloat())) return Float.NaN;
					total = nll.add(term.mul(NativeArrays.scalar(m, extraWeight)).reshape(nll.getShape()));
				}
				recording.backward(total);
			}
			try (Autograd paused = Autograd.pause()) {
				final NDArray gradient = store.gradient();
				double scale = 1;
				if (options.clipNorm > 0) {
					final float norm = gradient.norm().getFloat();
					if (!Float.isFinite(norm)) return Float.NaN;
					if (norm > options.clipNorm) scale = (float) (options.clipNorm / norm);
				}
				adam.update(store.flat(), gradient, scale, lr, options.weightDecay);
				if (stepBatch != null) extra.afterStep(stepBatch);
			}
			return loss;
		}
	}

	/** Mean per-dimension NLL (nats) of the validation rows, without noise on the targets. */
	private double validationNll(final InvertibleNetwork net, final TrainingBatches.Batch all) {
		final ParameterStore store = net.parameters();
		final int d = net.dimension();
		double sum = 0;
		for (int from = 0; from < all.rows(); from += options.validationBatch) {
			final int rows = Math.min(options.validationBatch, all.rows() - from);
			try (TileScope tile = TileScope.open(store.manager()); Autograd off = Autograd.pause()) {
				final TrainingBatches.Batch b = all.slice(from, rows);
				final NDManager m = tile.manager();
				final Transformed f = net.forwardCore(b.transformedTargets(m), net.condition(b.observations(m)));
				sum += f.out().square().sum(new int[] { 1 }).muli(0.5f).subi(f.logDetPerRow()).sum().getFloat() - b.logDetSum();
			}
		}
		return sum / all.rows() / d + HALF_LOG_2PI;
	}

	/** Standardisation statistics from the training split: targets after their bounded-to-unbounded map, raw observations. */
	private static void standardise(final InvertibleNetwork net, final TrainingData data, final int[] train) {
		final InnArchitecture arch = net.architecture();
		final int d = arch.dimension();
		final double[] mean = new double[d], sd = new double[d];
		for (int j = 0; j < d; j++) {
			if (j >= arch.targets) {
				sd[j] = 1; // padding is standard normal already
				continue;
			}
			final int col = j;
			final double[] ms = meanSd(train, r -> net.unbounded(col, data.targets[r][col]));
			mean[j] = ms[0];
			sd[j] = ms[1] > 0 ? ms[1] : 1;
		}
		net.setTargetStatistics(mean, sd);
		if (data.observations == null) return;
		final int c = arch.conditions;
		final double[] cm = new double[c], cs = new double[c];
		for (int j = 0; j < c; j++) {
			final int col = j;
			final double[] ms = meanSd(train, r -> data.observations[r][col]);
			cm[j] = ms[0];
			cs[j] = ms[1];
		}
		net.setConditionStatistics(cm, cs);
	}

	private static double[] meanSd(final int[] rows, final java.util.function.IntToDoubleFunction value) {
		double mean = 0, m2 = 0;
		int n = 0;
		for (final int r : rows) {
			final double v = value.applyAsDouble(r);
			n++;
			final double delta = v - mean;
			mean += delta / n;
			m2 += delta * (v - mean);
		}
		return new double[] { mean, Math.sqrt(m2 / Math.max(1, n - 1)) };
	}

	/** 0 .. n-1 in a random order (Fisher-Yates); training and its splits depend on exactly this sequence. */
	public static int[] permutation(final int n, final SplittableRandom rng) {
		final int[] p = new int[n];
		for (int i = 0; i < n; i++) p[i] = i;
		shuffle(p, rng);
		return p;
	}

	/** Shuffles {@code a} in place (Fisher-Yates, from the end). */
	public static void shuffle(final int[] a, final SplittableRandom rng) {
		for (int i = a.length - 1; i > 0; i--) {
			final int j = rng.nextInt(i + 1);
			final int t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
	}

	static float[] gaussian(final SplittableRandom rng, final int n, final double sd) {
		final float[] a = new float[n];
		for (int i = 0; i < n; i++) a[i] = (float) (sd * rng.nextGaussian());
		return a;
	}
}
