package org.innsight.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.innsight.batch.BatchReport;
import org.innsight.batch.BatchRunner;
import org.innsight.batch.BatchSettings;
import org.innsight.batch.FileOutcome.Status;
import org.innsight.batch.Pipeline;
import org.innsight.batch.StepRegistry;
import org.innsight.batch.SyntheticScans;
import org.innsight.engine.Device;
import org.innsight.io.ImageFiles;
import org.innsight.progress.ProgressListener;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code innsight bench batch}: batch throughput (scans/s) and peak heap over generated scans, against a re-run
 * that finds everything up to date and against running one {@code innsight batch} process per scan.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
	description = "Measure batch throughput (scans/s) and peak heap over generated scans, including broken ones.")
final class BatchBenchCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--scans", paramLabel = "N", defaultValue = "100", description = "Scans in all, 6 of them broken (default: ${DEFAULT-VALUE}).")
	int scans;

	@Option(names = "--size", paramLabel = "PIXELS", defaultValue = "64", description = "Width and height of each scan (default: ${DEFAULT-VALUE}).")
	int size;

	@Option(names = "--jobs", paramLabel = "N[,N...]", split = ",", description = "Job counts to measure (default: 1 and half the cores).")
	List<Integer> jobs;

	@Option(names = "--single", paramLabel = "K", defaultValue = "5",
		description = "Scans to run one by one, each in its own innsight process; 0 = skip (default: ${DEFAULT-VALUE}).")
	int single;

	@Option(names = "--pipeline", paramLabel = "FILE",
		description = "Pipeline to measure (default: check, statistics, normalise, 16-bit copy over generated 8-band scans), e.g. pipelines/msi-posterior.json.")
	Path pipelineFile;

	@Option(names = "--sample", paramLabel = "IMAGE",
		description = "Make the scans as seeded random crops (--size) of this image instead of generated noise, e.g. sample-data/msi/image.tif.")
	Path sample;

	@Option(names = "--keep", paramLabel = "DIR", description = "Generate into DIR and keep it (default: a temporary folder, deleted).")
	Path keep;

	@Override
	public Integer call() throws Exception {
		if (scans < 7) throw new IllegalArgumentException("--scans must be >= 7 (6 are broken)");
		final Path root = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("innsight-bench-batch");
		try {
			final Path in = root.resolve("in");
			final Path pipelineFile = this.pipelineFile != null ? this.pipelineFile.toAbsolutePath() : root.resolve("pipeline.json");
			if (this.pipelineFile == null) Files.writeString(pipelineFile, SyntheticScans.PIPELINE_JSON, StandardCharsets.UTF_8);
			final Pipeline pipeline = Pipeline.read(pipelineFile);
			final String first = pipeline.steps().get(0).step();
			final Map<String, String> broken = sample == null ? SyntheticScans.cohort(in, scans - 6, size, size)
				: SyntheticScans.cohort(in, scans - 6, SyntheticScans.crops(ImageFiles.open(sample), size, size), first, first);
			cli.out().printf(Locale.ROOT, "bench batch: %d scans (%d good, %d broken), %d x %d px %s, pipeline %s, max heap %d MB, %d cores%n",
				scans, scans - broken.size(), broken.size(), size, size, sample == null ? SyntheticScans.BANDS + " bands of noise" : "crops of " + sample,
				pipeline, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
			// warm-up (JIT, class loading) on ten scans, so the first measurement is not penalised
			new BatchRunner(StepRegistry.standard()).run(pipeline, new BatchSettings(in, root.resolve("out-warmup")).glob("scan00?.tif")
				.device(Device.CPU), ProgressListener.NONE);
			final Set<Integer> jobCounts = new LinkedHashSet<>(jobs != null ? jobs : List.of(1, BatchSettings.defaultJobs()));
			Path lastOut = null;
			int lastJobs = 1;
			for (final int j : jobCounts) {
				lastOut = root.resolve("out-jobs" + j);
				lastJobs = j;
				measure("jobs=" + j, pipeline, new BatchSettings(in, lastOut).jobs(j).device(Device.CPU));
			}
			measure("re-run, all up to date, jobs=" + lastJobs, pipeline, new BatchSettings(in, lastOut).jobs(lastJobs).device(Device.CPU));
			if (single > 0) oneByOne(in, pipelineFile, root.resolve("out-single"));
			return 0;
		}
		finally {
			if (keep == null) delete(root);
		}
	}

	private void measure(final String label, final Pipeline pipeline, final BatchSettings settings) throws Exception {
		System.gc();
		final List<MemoryPoolMXBean> heap = new ArrayList<>();
		for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
			if (p.getType() == MemoryType.HEAP) {
				p.resetPeakUsage();
				heap.add(p);
			}
		final BatchReport r = new BatchRunner(StepRegistry.standard()).run(pipeline, settings, ProgressListener.NONE);
		long peak = 0; // sum of each heap pool's peak: an upper bound of the heap in use at any one time
		for (final MemoryPoolMXBean p : heap)
			peak += p.getPeakUsage().getUsed();
		cli.out().printf(Locale.ROOT, "%-36s %4d scans in %6.2f s = %7.2f scans/s, peak heap %4d MB (%d done, %d up to date, %d failed)%n",
			label + ":", r.outcomes().size(), r.millis() / 1000.0, r.filesPerSecond(), peak >> 20, r.count(Status.DONE),
			r.count(Status.SKIPPED), r.count(Status.FAILED));
	}

	/** What a user pays without the batch: one JVM start, engine start and report per scan. */
	private void oneByOne(final Path in, final Path pipelineFile, final Path out) throws IOException, InterruptedException {
		final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		final long t0 = System.nanoTime();
		int ran = 0;
		for (int i = 0; i < scans - 6 && ran < single; i++, ran++) {
			final String name = String.format(Locale.ROOT, "scan%03d.tif", i);
			if (!Files.exists(in.resolve(name))) continue;
			final List<String> command = new ArrayList<>(List.of(java, "-Xmx2g", "-Djava.awt.headless=true"));
			for (final String property : List.of("ai.djl.offline", "innsight.repo", "innsight.models"))
				if (System.getProperty(property) != null) command.add("-D" + property + "=" + System.getProperty(property));
			command.addAll(List.of("-cp", System.getProperty("java.class.path"), InnSightCli.class.getName(), "--device", "cpu", "batch",
				"--pipeline", pipelineFile.toString(), "--in", in.toString(), "--out", out.toString(), "--glob", name, "--jobs", "1", "--quiet"));
			final Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.INHERIT).start();
			if (p.waitFor() != 0) throw new IOException("single-scan run of " + name + " failed with exit code " + p.exitValue());
		}
		final double seconds = (System.nanoTime() - t0) / 1e9;
		cli.out().printf(Locale.ROOT, "%-36s %4d scans in %6.2f s = %7.2f scans/s (a new JVM per scan)%n", "one by one, jobs=1:", ran, seconds,
			ran / seconds);
	}

	private static void delete(final Path root) throws IOException {
		try (Stream<Path> s = Files.walk(root)) {
			for (final Path p : s.sorted(Comparator.reverseOrder()).toList()) {
				final File f = p.toFile();
				if (!f.delete() && Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw new IOException("could not delete " + p);
			}
		}
	}
}
