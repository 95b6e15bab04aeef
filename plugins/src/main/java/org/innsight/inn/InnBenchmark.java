package org.innsight.inn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.innsight.engine.Autograd;
import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.engine.ModelCard;
import org.innsight.engine.TileScope;
import org.innsight.progress.ProgressListener;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Speed of the INN machinery on this machine, for {@code innsight bench inn}: training samples/s, posterior
 * samples/s, and the dense matrix-multiply rate DJL reaches in the same run, with sampling's achieved FLOP rate as
 * a fraction of it. Sampling FLOPs count 2 per multiply-add of the per-sample network work (the once-per-observation
 * conditioning is excluded, and elementwise work is not counted).
 */
public final class InnBenchmark {

	private InnBenchmark() {}

	/**
	 * One sampling measurement: wall-clock rates, and the FLOP rate per CPU-second of this process (all its
	 * threads), which stays meaningful when other programs share the cores.
	 */
	public record Sampling(int threads, int rowsPerCall, long samples, double seconds, double samplesPerSecond, double gflops, double gflopsPerCpuSecond) {}

	/** One matrix-multiply measurement (wall-clock and per CPU-second of this process). */
	public record Matmul(String shape, int threads, double gflops, double gflopsPerCpuSecond) {}

	/** Everything measured; {@code modelSampling} is the user-facing path ({@link InnModel#sample}, default rows per call). */
	public record Result(InnArchitecture architecture, long multiplyAddsPerSample, TrainingSpeed training, int trainingBatch,
		List<Matmul> matmul, double referenceGflops, List<Sampling> sampling, Sampling modelSampling, int modelObservations, int modelSamples,
		TimeToNll timeToNll) {

		/** The best matmul rate per CPU-second at a thread count (measured around that count's sampling runs). */
		public double referencePerCpuSecond(final int threads) {
			double best = 0;
			for (final Matmul m : matmul)
				if (m.threads() == threads) best = Math.max(best, m.gflopsPerCpuSecond());
			return best;
		}
	}

	/**
	 * Time to reach a fixed validation NLL: the network trained with default options (seed 1, batch
	 * {@code batch}) on {@link #standardTable}, stopped after the first epoch whose validation NLL (per dimension,
	 * nats) is at most {@code targetNll}. {@code seconds} is the wall-clock time from the start of training
	 * (standardisation, initialisation and validation passes included) to then, or of the whole run if never
	 * reached; {@code steps} the optimiser steps taken.
	 */
	public record TimeToNll(double targetNll, boolean reached, int epochs, long steps, double seconds, double bestNll, int rows, int batch) {}

	/** Rows of {@link #standardTable} for the time-to-NLL figure. */
	public static final int STANDARD_TABLE_ROWS = 20_000;
	/** Validation NLL (nats per dimension) the time-to-NLL figure trains to on the standard table. */
	public static final double STANDARD_TARGET_NLL = -1.50;
	/** Epochs after which the time-to-NLL run gives up. */
	public static final int STANDARD_MAX_EPOCHS = 60;

	/**
	 * A fixed simulated table for the default architecture's shape: target 0 uniform on its range [0, 1], the
	 * others standard normal; each observation column a fixed random linear mix of the targets (and of target 0
	 * squared) plus Gaussian noise of sd 0.2. Same rows for the same arguments.
	 */
	public static TrainingData standardTable(final InnArchitecture arch, final int rows, final long seed) {
		final SplittableRandom r = new SplittableRandom(seed);
		final int t = arch.targets, o = arch.conditions;
		final double[][] mix = new double[o][t + 1];
		for (final double[] row : mix)
			for (int k = 0; k <= t; k++) row[k] = r.nextGaussian();
		final float[][] x = new float[rows][t], c = new float[rows][o];
		for (int i = 0; i < rows; i++) {
			for (int k = 0; k < t; k++) x[i][k] = (float) (arch.ranges != null && arch.ranges[k] != null
				? arch.ranges[k][0] + (arch.ranges[k][1] - arch.ranges[k][0]) * r.nextDouble() : r.nextGaussian());
			for (int j = 0; j < o; j++) {
				double v = mix[j][t] * x[i][0] * x[i][0];
				for (int k = 0; k < t; k++) v += mix[j][k] * x[i][k];
				c[i][j] = (float) (v + 0.2 * r.nextGaussian());
			}
		}
		return new TrainingData(x, o > 0 ? c : null);
	}

	/** Trains a fresh network on {@link #standardTable} until its validation NLL is at most {@code targetNll}. */
	public static TimeToNll timeToNll(final InnArchitecture arch, final NDManager root, final int batch, final double targetNll,
		final int maxEpochs, final InnTrainer.EpochListener epochs)
	{
		final TrainingData table = standardTable(arch, STANDARD_TABLE_ROWS, 5);
		final TrainingOptions o = new TrainingOptions();
		o.batchSize = batch;
		o.maxEpochs = maxEpochs;
		final java.util.concurrent.atomic.AtomicBoolean reached = new java.util.concurrent.atomic.AtomicBoolean();
		try (InvertibleNetwork net = InvertibleNetwork.create(arch, root)) {
			final long start = System.nanoTime();
			final double[] seconds = { Double.NaN };
			final InnTrainer.Result r = new InnTrainer(o).train(net, table, ProgressListener.NONE, e -> {
				if (!reached.get() && e.validationNll() <= targetNll) {
					seconds[0] = (System.nanoTime() - start) / 1e9;
					reached.set(true);
				}
				if (epochs != null) epochs.epochDone(e);
			}, reached);
			final int epochsRun = r.history().size();
			final long stepsPerEpoch = (r.trainRows() + batch - 1) / batch;
			return new TimeToNll(targetNll, reached.get(), epochsRun, epochsRun * stepsPerEpoch, reached.get() ? seconds[0] : r.seconds(),
				r.bestValidationNll(), table.rows(), batch);
		}
	}

	/** The default-size network: the defaults of {@link InnArchitecture} for 4 tissue parameters from 16 bands. */
	public static InnArchitecture defaultArchitecture() {
		final InnArchitecture a = InnArchitecture.forTargets(4, 16);
		a.ranges[0] = new double[] { 0, 1 };
		return a;
	}

	/**
	 * @param observationsPerCall observations per sampling call (samples per observation = rowsPerCall / this)
	 * @param sampleRows rows sampled per configuration (at least one call)
	 * @param targetNll validation NLL for {@link #timeToNll} on the standard table, NaN to skip it
	 * @param nllMaxEpochs epochs after which {@link #timeToNll} gives up
	 */
	public static Result run(final InnArchitecture arch, final int[] threadCounts, final int[] rowsPerCall, final int observationsPerCall,
		final long sampleRows, final int trainingBatch, final int trainingSteps, final double targetNll, final int nllMaxEpochs,
		final ProgressListener progress)
	{
		final int originalThreads = Engines.engineThreads();
		try (NDManager root = Engines.newManager(Device.CPU)) {
			final List<Matmul> mm = new ArrayList<>();
			final List<Sampling> sampling = new ArrayList<>();
			final TrainingSpeed training;
			final long macs;
			try (InvertibleNetwork net = InvertibleNetwork.create(arch, root)) {
				macs = net.multiplyAddsPerSample();
				training = trainingSpeed(arch, root, trainingBatch, trainingSteps);
				progress.progress(0, 1, "training to validation NLL " + targetNll);
				final TimeToNll toNll = Double.isNaN(targetNll) ? null : timeToNll(arch, root, trainingBatch, targetNll, nllMaxEpochs, null);
				randomise(net.parameters());
				double reference = 0;
				for (final int t : threadCounts) {
					Engines.setThreads(t);
					// matmuls before and after this thread count's sampling runs, so slow changes in load show up in both
					mm.add(matmul(root, 2048, 2048, 2048, t, "2048x2048 @ 2048x2048"));
					mm.add(matmul(root, 16384, arch.subnetWidth, arch.subnetWidth, t, "16384x" + arch.subnetWidth + " @ " + arch.subnetWidth + "x" + arch.subnetWidth + " (a subnet layer)"));
					for (final int rows : rowsPerCall) {
						progress.progress(sampling.size(), (long) threadCounts.length * rowsPerCall.length, "sampling " + rows + " rows/call, " + t + " thread(s)");
						sampling.add(sampling(net, root, t, rows, observationsPerCall, sampleRows, macs));
					}
					mm.add(matmul(root, 2048, 2048, 2048, t, "2048x2048 @ 2048x2048"));
				}
				for (final Matmul m : mm) reference = Math.max(reference, m.gflops());
				Engines.setThreads(originalThreads);
				final int obs = 64, each = 1024; // batches of 65536 samples
				final Sampling model = modelSampling(net, obs, each, sampleRows, macs, originalThreads);
				return new Result(arch, macs, training, trainingBatch, mm, reference, sampling, model, obs, each, toNll);
			}
		}
		finally {
			Engines.setThreads(originalThreads);
		}
	}

	private static Sampling sampling(final InvertibleNetwork net, final NDManager root, final int threads, final int rowsPerCall,
		final int observations, final long totalRows, final long macs)
	{
		final int p = Math.min(observations, rowsPerCall), n = rowsPerCall / p, rows = p * n, d = net.dimension();
		final SplittableRandom r = new SplittableRandom(1);
		final float[] obs = InnTrainer.gaussian(r, p * net.conditionDimension(), 1);
		final float[] z = InnTrainer.gaussian(r, rows * d, 1);
		final int calls = (int) Math.max(1, (totalRows + rows - 1) / rows);
		long t = 0, cpu = 0;
		try (Autograd off = Autograd.pause()) {
			for (int call = -1; call < calls; call++) { // call -1 warms up
				final long t0 = System.nanoTime(), c0 = cpuNanos();
				try (TileScope tile = TileScope.open(root)) {
					final NDManager m = tile.manager();
					final Conditioning c = net.condition(m.create(obs, new Shape(p, net.conditionDimension())));
					net.inverse(m.create(z, new Shape(rows, d)), c).toFloatArray();
				}
				if (call >= 0) {
					t += System.nanoTime() - t0;
					cpu += cpuNanos() - c0;
				}
			}
		}
		final double seconds = t / 1e9;
		final long samples = (long) calls * rows;
		final double perSecond = samples / seconds;
		return new Sampling(threads, rows, samples, seconds, perSecond, perSecond * 2 * macs / 1e9, samples * 2.0 * macs / cpu);
	}

	/** {@link InnModel#sample} on batches of {@code observations} x {@code samples}, as the posterior capability calls it. */
	private static Sampling modelSampling(final InvertibleNetwork net, final int observations, final int samples, final long totalRows,
		final long macs, final int threads)
	{
		final ModelCard card = new ModelCard();
		card.name = "benchmark";
		card.kind = "posterior-cinn";
		card.version = "0";
		for (int j = 0; j < net.architecture().targets; j++) card.outputs.add(ModelCard.Output.of("p" + j, null, null));
		for (int j = 0; j < net.conditionDimension(); j++) card.inputs.names.add("band_" + j);
		final InnModel model = InnModel.of(net, card);
		final float[] obs = InnTrainer.gaussian(new SplittableRandom(4), observations * net.conditionDimension(), 1);
		final long rows = (long) observations * samples;
		final int calls = (int) Math.max(1, (totalRows + rows - 1) / rows);
		model.sample(obs, observations, samples, 0); // warm-up
		final long t0 = System.nanoTime(), c0 = cpuNanos();
		for (int i = 1; i <= calls; i++) model.sample(obs, observations, samples, i);
		final long cpu = cpuNanos() - c0;
		final double seconds = (System.nanoTime() - t0) / 1e9, perSecond = calls * rows / seconds;
		return new Sampling(threads, InnModel.DEFAULT_ROWS_PER_CALL, calls * rows, seconds, perSecond, perSecond * 2 * macs / 1e9,
			calls * rows * 2.0 * macs / cpu);
	}

	private static Matmul matmul(final NDManager root, final int m, final int k, final int n, final int threads, final String label) {
		try (NDManager s = root.newSubManager()) {
			final NDArray a = s.randomNormal(new Shape(m, k)), b = s.randomNormal(new Shape(k, n));
			a.matMul(b).close();
			int reps = 0;
			final long t0 = System.nanoTime(), c0 = cpuNanos();
			long t;
			do {
				a.matMul(b).close();
				reps++;
				t = System.nanoTime() - t0;
			}
			while (t < 1_000_000_000L || reps < 3);
			final double flop = 2.0 * m * k * n * reps;
			return new Matmul(label, threads, flop / t, flop / (cpuNanos() - c0));
		}
	}

	/** CPU time of this process, all threads (the engine's native ones included). */
	static long cpuNanos() {
		final long nanos = org.innsight.progress.ProcessCpu.nanos();
		if (nanos < 0) throw new IllegalStateException("this Java cannot report process CPU time");
		return nanos;
	}

	/**
	 * Total training samples/s of {@code trainers} independent trainers (own network each, same synthetic rows)
	 * running at once in as many threads of this process, each on the engine's current thread count: how far a
	 * second core carries training when the work is split by thread instead of inside each native op. Returns
	 * each trainer's samples/s.
	 */
	public static double[] concurrentTraining(final InnArchitecture arch, final int trainers, final int batch, final int steps) {
		final double[] each = new double[trainers];
		org.innsight.progress.ParallelTasks.run(trainers, trainers, k -> {
			try (NDManager root = NDManager.newBaseManager()) {
				each[k] = trainingSpeed(arch, root, batch, steps).median();
			}
		});
		return each;
	}

	/**
	 * Epochs of the training measurement before the timed ones. The JIT compilers work through most of a short run:
	 * 2026-12-06, 20-epoch runs of 100 steps at batch 512 on 2 cores: epochs 1-2 at 19-26k and 24-36k samples/s, and
	 * a dip to 22-26k around epochs 6-9 while C2 compiles (none with C1 alone), against 33-43k in most later epochs.
	 */
	public static final int TRAINING_WARMUP_EPOCHS = 2;
	/** Timed epochs of the training measurement; their median is the figure, so the compiler's dip counts as an outlier. */
	public static final int TRAINING_TIMED_EPOCHS = 18;

	/** Training samples/s of one run: the median over its timed epochs, and every epoch's rate in order (warm-up ones first). */
	public record TrainingSpeed(double median, double[] epochs) {}

	/**
	 * Training samples/s: the trainer on synthetic rows, {@code steps} steps per epoch, for
	 * {@value #TRAINING_WARMUP_EPOCHS} epoch(s) and then {@value #TRAINING_TIMED_EPOCHS} timed ones (an epoch's time
	 * includes its validation pass over 1/21 of the rows).
	 */
	private static TrainingSpeed trainingSpeed(final InnArchitecture arch, final NDManager root, final int batch, final int steps) {
		final SplittableRandom r = new SplittableRandom(2);
		final int rows = batch * steps;
		final float[][] x = new float[rows + rows / 20][arch.targets], c = new float[x.length][arch.conditions];
		for (int i = 0; i < x.length; i++) {
			for (int j = 0; j < arch.targets; j++) x[i][j] = (float) (arch.ranges != null && arch.ranges[j] != null ? r.nextDouble() : r.nextGaussian());
			for (int j = 0; j < arch.conditions; j++) c[i][j] = (float) r.nextGaussian();
		}
		final TrainingOptions o = new TrainingOptions();
		o.batchSize = batch;
		o.maxEpochs = TRAINING_WARMUP_EPOCHS + TRAINING_TIMED_EPOCHS;
		o.validationFraction = 1.0 / 21;
		o.earlyStoppingPatience = 0;
		try (InvertibleNetwork net = InvertibleNetwork.create(arch, root)) {
			final InnTrainer.Result result = new InnTrainer(o).train(net, new TrainingData(x, arch.conditions > 0 ? c : null), ProgressListener.NONE, null, null);
			final double[] rates = new double[o.maxEpochs];
			for (int e = 0; e < rates.length; e++) rates[e] = result.trainRows() / result.history().get(e).seconds();
			return new TrainingSpeed(org.innsight.math.Statistics.median(java.util.Arrays.copyOfRange(rates, TRAINING_WARMUP_EPOCHS, rates.length)), rates);
		}
	}

	private static void randomise(final ParameterStore store) {
		final SplittableRandom r = new SplittableRandom(3);
		final java.util.Map<String, float[]> values = store.snapshot();
		for (final Param p : store.all())
			if (p.trainable()) {
				final float[] v = values.get(p.name());
				for (int i = 0; i < v.length; i++) v[i] = (float) (0.05 * r.nextGaussian());
			}
		store.restore(values, "benchmark weights");
	}

	/** The architecture as the card stores it, for the report. */
	public static String describe(final InnArchitecture a) {
		return ModelCard.gson().toJson(a.toJson()).replaceAll("\\s+", " ");
	}
}
