package org.innsight.batch;

import java.nio.file.Path;

import org.innsight.engine.Device;

/** How to run a batch: folders, which files, how many at once, which shard. Fluent; defaults as the CLI's. */
public final class BatchSettings {

	private final Path in;
	private final Path out;
	private String glob = InputFiles.DEFAULT_GLOB;
	private int jobs = defaultJobs();
	private int threads;
	private Shard shard = Shard.ALL;
	private boolean force;
	private boolean previews = true;
	private Device device = Device.AUTO;
	private DeviceLock deviceLock;

	public BatchSettings(final Path in, final Path out) {
		this.in = in.toAbsolutePath().normalize();
		this.out = out.toAbsolutePath().normalize();
	}

	/** Half the cores (at least one): the other half keeps reading and writing files and the engine's threads busy. */
	public static int defaultJobs() {
		return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
	}

	public BatchSettings glob(final String glob) {
		if (glob == null || glob.isBlank()) throw new IllegalArgumentException("the glob is empty");
		this.glob = glob;
		return this;
	}

	public BatchSettings jobs(final int jobs) {
		if (jobs < 1) throw new IllegalArgumentException("--jobs must be >= 1, got " + jobs);
		this.jobs = jobs;
		return this;
	}

	/** CPU threads of the whole run ({@code --threads}); 0 (default) = all cores. Shared among the jobs, see {@link #threadsPerJob()}. */
	public BatchSettings threads(final int threads) {
		if (threads < 0) throw new IllegalArgumentException("--threads must be >= 0, got " + threads);
		this.threads = threads;
		return this;
	}

	public BatchSettings shard(final Shard shard) {
		this.shard = shard;
		return this;
	}

	/** Recompute every scan even when its manifest says it is up to date. */
	public BatchSettings force(final boolean force) {
		this.force = force;
		return this;
	}

	/** Write preview PNGs for the report (default true). */
	public BatchSettings previews(final boolean previews) {
		this.previews = previews;
		return this;
	}

	public BatchSettings device(final Device device) {
		this.device = device;
		return this;
	}

	/** The lock steps share the device through; default {@link DeviceLock#of(Device)}. */
	public BatchSettings deviceLock(final DeviceLock lock) {
		this.deviceLock = lock;
		return this;
	}

	public Path in() {
		return in;
	}

	public Path out() {
		return out;
	}

	public String glob() {
		return glob;
	}

	public int jobs() {
		return jobs;
	}

	public int threads() {
		return threads;
	}

	/**
	 * Threads a step may use on one scan: the run's threads divided among the jobs running at once, at least 1,
	 * so {@code --jobs} scans with parallel steps do not oversubscribe the cores.
	 */
	public int threadsPerJob() {
		final int total = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
		return Math.max(1, total / jobs);
	}

	public Shard shard() {
		return shard;
	}

	public boolean force() {
		return force;
	}

	public boolean previews() {
		return previews;
	}

	public Device device() {
		return device;
	}

	public DeviceLock deviceLock() {
		return deviceLock != null ? deviceLock : DeviceLock.of(device);
	}

	/** {@code report.html} for a whole run, {@code report.shard-2-of-8.html} for a shard; likewise summary.csv. */
	public String reportName(final String stem, final String extension) {
		return shard.isAll() ? stem + "." + extension : stem + ".shard-" + shard.index() + "-of-" + shard.count() + "." + extension;
	}
}
