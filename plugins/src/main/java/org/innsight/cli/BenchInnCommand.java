package org.innsight.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.engine.Engines;
import org.innsight.inn.InnArchitecture;
import org.innsight.inn.InnBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight bench inn}: training and posterior-sampling speed of the INN, against DJL's matmul rate. */
@Command(name = "inn", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Training samples/s, posterior samples/s of a default-size conditional INN, and the dense matmul FLOP rate " +
		"DJL reaches in the same run, with sampling's achieved FLOP rate as a fraction of it; for several thread counts and rows per call.",
		"Environment knobs (set them before starting, compare runs; the ./innsight launcher sets the first four, see its comments): " +
		"GOMP_SPINCOUNT (10000000), MALLOC_ARENA_MAX (1), MALLOC_MMAP_THRESHOLD_ (32 MiB), MALLOC_TRIM_THRESHOLD_ (1 GB), OMP_WAIT_POLICY, MALLOC_TOP_PAD_." })
final class BenchInnCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--thread-counts", defaultValue = "1,2", split = ",", paramLabel = "N,...", description = "Engine threads to try (default: ${DEFAULT-VALUE}).")
	int[] threadCounts;

	@Option(names = "--rows-per-call", defaultValue = "4096,8192,16384,65536", split = ",", paramLabel = "N,...",
		description = "Sample rows per native call to try (default: ${DEFAULT-VALUE}).")
	int[] rowsPerCall;

	@Option(names = "--observations", defaultValue = "64", description = "Observations per call; samples each = rows / observations (default: ${DEFAULT-VALUE}).")
	int observations;

	@Option(names = "--sample-rows", defaultValue = "262144", description = "Rows sampled per configuration (default: ${DEFAULT-VALUE}).")
	long sampleRows;

	@Option(names = "--batch", defaultValue = "512", description = "Training batch size (default: ${DEFAULT-VALUE}).")
	int batch;

	@Option(names = "--train-steps", defaultValue = "100",
		description = "Training steps per epoch of the training measurement: " + InnBenchmark.TRAINING_WARMUP_EPOCHS + " warm-up epochs, then " +
			InnBenchmark.TRAINING_TIMED_EPOCHS + " timed ones, their median printed (default: ${DEFAULT-VALUE}).")
	int trainSteps;

	@Option(names = "--target-nll", paramLabel = "NATS",
		description = "Time to a validation NLL: the network trained (default options, seed 1) on a fixed simulated table of " +
			InnBenchmark.STANDARD_TABLE_ROWS + " rows until its validation NLL per dimension is at most this (default: " + InnBenchmark.STANDARD_TARGET_NLL +
			"; NaN skips it).")
	double targetNll = InnBenchmark.STANDARD_TARGET_NLL;

	@Option(names = "--nll-max-epochs", paramLabel = "N", description = "Epochs after which the time-to-NLL run gives up (default: ${DEFAULT-VALUE}).")
	int nllMaxEpochs = InnBenchmark.STANDARD_MAX_EPOCHS;

	@Option(names = "--concurrent-trainers", paramLabel = "K",
		description = { "Only time K independent trainers at once in K threads of this process (batch --batch, each on --threads engine threads), " +
			"and print their total samples/s, three rounds; e.g. --threads 1 bench inn --concurrent-trainers 2." })
	Integer concurrentTrainers;

	@Option(names = "--blocks", description = "Override the default number of blocks.")
	Integer blocks;

	@Option(names = "--width", description = "Override the default subnet width.")
	Integer width;

	@Override
	public Integer call() {
		final PrintWriter out = cli.out();
		final InnArchitecture arch = InnBenchmark.defaultArchitecture();
		if (blocks != null) arch.blocks = blocks;
		if (width != null) arch.subnetWidth = width;
		out.printf(Locale.ROOT, "engine:        %s %s, %d GPU(s); benchmark runs on the CPU%n", Engines.pytorch().getEngineName(),
			Engines.pytorch().getVersion(), Engines.pytorch().getGpuCount());
		out.printf(Locale.ROOT, "cores:         %d%n", Runtime.getRuntime().availableProcessors());
		for (final String env : new String[] { "OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OMP_NUM_THREADS", "MALLOC_ARENA_MAX",
			"MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_" })
			out.printf(Locale.ROOT, "%-14s %s%n", env + ":", System.getenv(env) == null ? "(unset)" : System.getenv(env));
		out.printf(Locale.ROOT, "network:       %d targets | %d observations, %s x %d blocks, subnets %d x %d, conditioning %d features%n",
			arch.targets, arch.conditions, arch.blockType, arch.blocks, arch.subnetWidth, arch.subnetDepth, arch.conditionFeatures);
		if (concurrentTrainers != null) return concurrentTrainers(out, arch);
		final InnBenchmark.Result r;
		try (TerminalProgress bar = TerminalProgress.start("bench inn")) {
			r = InnBenchmark.run(arch, threadCounts, rowsPerCall, observations, sampleRows, batch, trainSteps, targetNll, nllMaxEpochs, bar);
		}
		out.printf(Locale.ROOT, "per sample:    %.2f M multiply-adds (%.2f MFLOP) in the couplings%n", r.multiplyAddsPerSample() / 1e6,
			2 * r.multiplyAddsPerSample() / 1e6);
		final double[] epochs = r.training().epochs();
		out.printf(Locale.ROOT, "training:      %.0f samples/s (batch %d, default threads; median of epochs %d-%d of one run: %s; warm-up epochs 1-%d: %s)%n",
			r.training().median(), r.trainingBatch(), InnBenchmark.TRAINING_WARMUP_EPOCHS + 1, epochs.length,
			rates(Arrays.copyOfRange(epochs, InnBenchmark.TRAINING_WARMUP_EPOCHS, epochs.length)), InnBenchmark.TRAINING_WARMUP_EPOCHS,
			rates(Arrays.copyOf(epochs, InnBenchmark.TRAINING_WARMUP_EPOCHS)));
		final InnBenchmark.TimeToNll n = r.timeToNll();
		if (n != null) {
			if (n.reached()) out.printf(Locale.ROOT, "time to NLL:   validation NLL <= %.2f after %.1f s, %d epochs = %d steps of %d (standard table, %d rows, seed 1; default threads)%n",
				n.targetNll(), n.seconds(), n.epochs(), n.steps(), n.batch(), n.rows());
			else out.printf(Locale.ROOT, "time to NLL:   validation NLL <= %.2f NOT reached in %d epochs = %d steps (%.1f s; best %.3f; standard table, %d rows)%n",
				n.targetNll(), n.epochs(), n.steps(), n.seconds(), n.bestNll(), n.rows());
		}
		out.println("matmul:        threads  GFLOP/s  GFLOP/CPU-s  shape");
		for (final InnBenchmark.Matmul m : r.matmul())
			out.printf(Locale.ROOT, "               %7d  %7.1f  %11.1f  %s%n", m.threads(), m.gflops(), m.gflopsPerCpuSecond(), m.shape());
		out.printf(Locale.ROOT, "reference:     %.1f GFLOP/s wall-clock (best matmul above)%n", r.referenceGflops());
		out.println("sampling:      threads  rows/call   samples/s  GFLOP/s  GFLOP/CPU-s  of matmul (per CPU-s, same threads)");
		InnBenchmark.Sampling best = null;
		for (final InnBenchmark.Sampling s : r.sampling()) {
			out.printf(Locale.ROOT, "               %7d  %9d  %10.0f  %7.1f  %11.1f  %6.0f%%%n", s.threads(), s.rowsPerCall(), s.samplesPerSecond(), s.gflops(),
				s.gflopsPerCpuSecond(), 100 * s.gflopsPerCpuSecond() / r.referencePerCpuSecond(s.threads()));
			if (best == null || s.samplesPerSecond() > best.samplesPerSecond()) best = s;
		}
		final InnBenchmark.Sampling m = r.modelSampling();
		final double mRef = r.referencePerCpuSecond(m.threads()) > 0 ? r.referencePerCpuSecond(m.threads()) : r.referencePerCpuSecond(best.threads());
		out.printf(Locale.ROOT, "posterior:     %.0f samples/s through InnModel.sample (batches of %d observations x %d samples = %d; %d rows per native call; " +
			"%d thread(s)): %.1f GFLOP/s wall-clock = %.0f%% of the best matmul; per CPU-second %.0f%% of the matmul's%n", m.samplesPerSecond(),
			r.modelObservations(), r.modelSamples(), r.modelObservations() * r.modelSamples(), m.rowsPerCall(), m.threads(), m.gflops(),
			100 * m.gflops() / r.referenceGflops(), 100 * m.gflopsPerCpuSecond() / mRef);
		out.println("(per CPU-second figures count this process's CPU time only, so they hold when other programs share the cores)");
		out.println("threads tried: " + Arrays.toString(threadCounts) + "; rows per call tried: " + Arrays.toString(rowsPerCall));
		return 0;
	}

	private static String rates(final double[] samplesPerSecond) {
		return String.join(", ", Arrays.stream(samplesPerSecond).mapToObj(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
	}

	private int concurrentTrainers(final PrintWriter out, final InnArchitecture arch) {
		if (concurrentTrainers < 1 || batch < 1 || trainSteps < 1) throw new IllegalArgumentException("--concurrent-trainers, --batch and --train-steps must be >= 1");
		for (int round = 1; round <= 3; round++) {
			final double[] each = InnBenchmark.concurrentTraining(arch, concurrentTrainers, batch, trainSteps);
			out.printf(Locale.ROOT, "concurrent training, round %d: %d trainers x batch %d in one process, %s engine thread(s) each: total %.0f samples/s (each %s)%n",
				round, concurrentTrainers, batch, Engines.threads() > 0 ? Integer.toString(Engines.threads()) : "default", Arrays.stream(each).sum(),
				Arrays.toString(Arrays.stream(each).mapToLong(Math::round).toArray()));
		}
		return 0;
	}
}
