package org.innsight.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innsight.Version;
import org.innsight.batch.FileOutcome.Status;
import org.innsight.batch.report.PreviewRenderer;
import org.innsight.engine.Device;
import org.innsight.io.Checksums;
import org.innsight.io.FileProblems;

import ij.ImagePlus;

/**
 * Runs the pipeline on one scan, isolated: whatever goes wrong becomes a failed {@link FileOutcome} naming the
 * phase and the reason, never an exception that stops the batch.
 *
 * <p>Order of writes, chosen so that a kill at any moment leaves nothing that looks finished: the old manifest
 * is deleted first, outputs are written atomically one by one, the manifest (with their checksums) last. A scan
 * that fails after its old manifest was deleted (a step, an output or the manifest could not be made, e.g. on a
 * full disk) has its outputs removed, so no output is left without its manifest.</p>
 */
final class FileProcessor {

	private final Plan plan;
	private final boolean force;
	private final boolean previews;
	private final Device device;
	private final DeviceLock deviceLock;
	private final int threads;
	private final Path out;

	FileProcessor(final Plan plan, final boolean force, final boolean previews, final Device device, final DeviceLock deviceLock, final int threads,
		final Path out)
	{
		this.plan = plan;
		this.force = force;
		this.previews = previews;
		this.device = device;
		this.deviceLock = deviceLock;
		this.threads = threads;
		this.out = out;
	}

	FileOutcome process(final OutputLayout.Scan scan, final String refusal) {
		final long t0 = System.nanoTime();
		final String rel = scan.input().relative();
		if (refusal != null) return FileOutcome.failed(rel, "plan", refusal, Map.of(), List.of(), Map.of(), 0);
		final Map<String, Object> statistics = new LinkedHashMap<>();
		final Map<String, String> previewFiles = new LinkedHashMap<>();
		final Manifest m = new Manifest();
		String phase = "read";
		StepContext context = null;
		boolean started = false; // the old manifest is gone: on failure the outputs go too
		List<Manifest.Output> oldOutputs = List.of(); // what the old manifest listed (an earlier pipeline's outputs too)
		try {
			final Path file = scan.input().path();
			ScanFiles.checkReadable(file);
			m.input = rel;
			m.started = Instant.now().toString();
			m.inputSha256 = Checksums.sha256(file);
			m.inputBytes = Files.size(file);
			m.pipelineSha256 = plan.pipelineSha256();
			m.version = Version.get();
			m.software = "InnSight " + m.version;
			m.models = new LinkedHashMap<>(plan.modelChecksums());
			final List<String> expected = new ArrayList<>();
			for (final OutputSpec o : plan.savedOutputs())
				expected.add(scan.output(o).getFileName().toString());

			String redoReason = null;
			final Manifest old = Manifest.read(scan.manifest());
			if (old != null) {
				oldOutputs = old.outputs;
				if (!force) {
					redoReason = old.staleReason(m.inputSha256, m.pipelineSha256, m.version, m.models, expected, scan.folder());
					if (redoReason == null) return skipped(scan, old, t0);
				}
			}
			// From here on nothing may look finished until the new manifest is written.
			started = true;
			Files.deleteIfExists(scan.manifest());
			AtomicWrite.removeStale(scan.manifest());
			AtomicWrite.removeStale(out.resolve(scan.preview("input")));
			for (final OutputSpec o : plan.savedOutputs()) {
				AtomicWrite.removeStale(scan.output(o));
				AtomicWrite.removeStale(out.resolve(scan.preview(o.name())));
			}

			long t = System.nanoTime();
			final ImagePlus input = ScanFiles.read(file);
			m.timingsMillis.put("read", millisSince(t));
			if (previews) preview(scan, "input", input, previewFiles, null);

			context = new StepContext(file, rel, device, deviceLock, threads);
			context.add("input", input);
			ImagePlus current = input;
			final Map<String, ImagePlus> toSave = new LinkedHashMap<>();
			for (final PlannedStep step : plan.steps()) {
				phase = step.label();
				t = System.nanoTime();
				final ImagePlus in = step.from() == null ? current : context.image(step.from());
				final Map<String, ImagePlus> made = step.run(in, context, statistics);
				m.timingsMillis.merge(step.label(), millisSince(t), Long::sum);
				made.forEach(context::add);
				if (!made.isEmpty()) current = made.values().iterator().next();
				if (step.save()) toSave.putAll(made);
			}

			phase = "write";
			t = System.nanoTime();
			final List<String> outputs = new ArrayList<>();
			for (final OutputSpec o : plan.savedOutputs()) {
				final Path target = scan.output(o);
				final ImagePlus image = toSave.get(o.name());
				final String sha = ScanFiles.write(image, o.format(), target, file);
				m.outputs.add(new Manifest.Output(o.name(), target.getFileName().toString(), o.format(), sha, Files.size(target)));
				outputs.add(slashes(out.relativize(target)));
			}
			m.timingsMillis.put("write", millisSince(t));
			if (previews) {
				t = System.nanoTime();
				for (final Map.Entry<String, ImagePlus> e : toSave.entrySet())
					preview(scan, e.getKey(), e.getValue(), previewFiles, context);
				m.timingsMillis.put("previews", millisSince(t));
			}
			m.statistics = statistics;
			m.warnings = context.warnings();
			m.previews = previewFiles;
			m.timingsMillis.put("total", millisSince(t0));
			m.finished = Instant.now().toString();
			m.write(scan.manifest());
			return new FileOutcome(rel, Status.DONE, null, redoReason, statistics, m.warnings, outputs, previewFiles, millisSince(t0));
		}
		catch (final Exception | OutOfMemoryError | StackOverflowError | LinkageError | AssertionError e) {
			final List<String> warnings = new ArrayList<>(context == null ? List.of() : context.warnings());
			String why = reason(e);
			if (started) try {
				final int removed = removeOutputs(scan, oldOutputs);
				if (removed > 0) warnings.add("removed " + removed + " output" + (removed == 1 ? "" : "s") + " of this scan: without a " +
					"manifest they are not known to be complete");
			}
			catch (final IOException | RuntimeException x) {
				why += "; its outputs could not all be removed either (" + reason(x) + "): delete " + scan.folder().resolve(scan.base()) +
					".* by hand";
			}
			return FileOutcome.failed(rel, phase, why, statistics, warnings, previewFiles, millisSince(t0));
		}
	}

	/**
	 * Deletes this scan's outputs (those of this pipeline, and those its old manifest listed, if unchanged since),
	 * their temporary files and its manifest; returns how many outputs there were.
	 */
	private int removeOutputs(final OutputLayout.Scan scan, final List<Manifest.Output> oldOutputs) throws IOException {
		final java.util.Set<Path> files = new java.util.LinkedHashSet<>();
		for (final OutputSpec o : plan.savedOutputs())
			files.add(scan.output(o));
		for (final Manifest.Output o : oldOutputs) { // only a plain name beside the manifest, and only the very file it recorded
			final Path f = o.file == null ? null : scan.folder().resolve(o.file).normalize();
			if (f != null && scan.folder().equals(f.getParent()) && Files.isRegularFile(f) && Files.size(f) == o.bytes &&
				Checksums.sha256(f).equals(o.sha256)) files.add(f);
		}
		int removed = 0;
		for (final Path f : files) {
			if (Files.deleteIfExists(f)) removed++;
			AtomicWrite.removeStale(f);
		}
		Files.deleteIfExists(scan.manifest());
		AtomicWrite.removeStale(scan.manifest());
		return removed;
	}

	private FileOutcome skipped(final OutputLayout.Scan scan, final Manifest old, final long t0) {
		final List<String> outputs = new ArrayList<>();
		for (final Manifest.Output o : old.outputs)
			outputs.add(slashes(out.relativize(scan.folder().resolve(o.file))));
		final Map<String, String> previewFiles = new LinkedHashMap<>();
		old.previews.forEach((k, v) -> {
			if (Files.isRegularFile(out.resolve(v))) previewFiles.put(k, v);
		});
		return new FileOutcome(scan.input().relative(), Status.SKIPPED, null, null, old.statistics, old.warnings, outputs, previewFiles,
			millisSince(t0));
	}

	/** A preview is a convenience: if it cannot be made, the scan is still fine, with a warning. */
	private void preview(final OutputLayout.Scan scan, final String name, final ImagePlus image, final Map<String, String> files,
		final StepContext context)
	{
		final String rel = scan.preview(name);
		try {
			final byte[] png = PreviewRenderer.png(image);
			AtomicWrite.write(out.resolve(rel), stream -> stream.write(png));
			files.put(name, rel);
		}
		catch (final IOException | RuntimeException e) {
			if (context != null) context.warn("no preview of " + name + ": " + reason(e));
		}
	}

	/** A one-line reason in the user's words. */
	static String reason(final Throwable e) {
		if (e instanceof OutOfMemoryError) return "out of memory (try fewer --jobs or a larger -Xmx): " + e.getMessage();
		Throwable t = e;
		while (t.getMessage() == null && t.getCause() != null)
			t = t.getCause();
		final String described = FileProblems.describe(t);
		final String m = described != null ? described : t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
		return m.replace('\n', ' ').replace('\r', ' ');
	}

	private static long millisSince(final long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

	private static String slashes(final Path p) {
		return p.toString().replace('\\', '/');
	}
}
