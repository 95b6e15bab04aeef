package org.innsight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.innsight.batch.FileOutcome.Status;
import org.innsight.io.Checksums;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

/**
 * A batch killed with SIGKILL (destroyForcibly) in the middle leaves no output that looks finished or is
 * partial; the re-run skips what was finished (manifests and outputs untouched) and ends with outputs
 * byte-identical to an uninterrupted run's.
 */
class KillResumeTest {

	static final int SCANS = 40, PAUSE_MILLIS = 40;

	@TempDir
	Path tmp;

	/** A step that only waits: makes every scan take long enough to be killed in the middle of a run. */
	static final class PauseStep implements Step<Integer> {
		@Override
		public String name() {
			return "pause";
		}

		@Override
		public String description() {
			return "Wait a while (tests only).";
		}

		@Override
		public Integer configure(final StepOptions options) {
			return options.integer("millis", 10, 0, 10_000);
		}

		@Override
		public List<OutputSpec> outputs(final Integer millis) {
			return List.of();
		}

		@Override
		public StepResult run(final ImagePlus input, final Integer millis, final StepContext context) throws InterruptedException {
			Thread.sleep(millis);
			return StepResult.none();
		}
	}

	static StepRegistry registry() {
		return StepRegistry.standard().add(new PauseStep());
	}

	static Pipeline pipeline() {
		return Pipeline.parse("""
			[{"step": "check", "options": {"bands": 8}},
			 {"step": "pause", "options": {"millis": %d}},
			 {"step": "normalise"},
			 {"step": "convert", "options": {"bitDepth": 8}, "from": "input", "as": "u8"}]""".formatted(PAUSE_MILLIS), null);
	}

	/** The child JVM: runs the batch {@code args[0]} -> {@code args[1]} with two jobs until killed. */
	public static void main(final String... args) throws Exception {
		new BatchRunner(registry()).run(pipeline(), new BatchSettings(Path.of(args[0]), Path.of(args[1])).jobs(2), ProgressListener.NONE);
	}

	@Test
	void aKilledRunResumesToTheSameOutputsWithoutRedoingFinishedScans() throws Exception {
		final Path in = tmp.resolve("in"), reference = tmp.resolve("reference"), killed = tmp.resolve("killed");
		for (int i = 0; i < SCANS; i++)
			SyntheticScans.write(SyntheticScans.scan(16, 16, 8, i), in.resolve(String.format("s%02d.tif", i)));
		final BatchReport uninterrupted = new BatchRunner(registry()).run(pipeline(), new BatchSettings(in, reference).jobs(2), ProgressListener.NONE);
		assertEquals(SCANS, uninterrupted.count(Status.DONE));
		final Map<String, String> expected = outputChecksums(reference);
		assertEquals(2 * SCANS, expected.size());

		killMidRun(in, killed);

		// Whatever is named like an output is complete and correct; every manifest is whole.
		final Set<String> finished = manifests(killed);
		assertTrue(finished.size() >= 5 && finished.size() < SCANS, "killed after " + finished.size() + " of " + SCANS + " scans");
		for (final Map.Entry<String, String> e : outputChecksums(killed).entrySet())
			assertEquals(expected.get(e.getKey()), e.getValue(), "after the kill, " + e.getKey() + " is not a complete output");
		for (final String m : finished)
			assertNotNull(Manifest.read(killed.resolve(m)), m);
		try (Stream<Path> s = Files.walk(killed.resolve("report"))) {
			for (final Path png : s.filter(p -> p.toString().endsWith(".png") && !p.getFileName().toString().startsWith(".")).toList())
				assertNotNull(ImageIO.read(png.toFile()), "partial preview " + png);
		}
		final Map<Path, FileTime> before = BatchRunnerTest.times(killed);
		final Map<String, byte[]> manifestBytes = new HashMap<>();
		for (final String m : finished)
			manifestBytes.put(m, Files.readAllBytes(killed.resolve(m)));

		final BatchReport resumed = new BatchRunner(registry()).run(pipeline(), new BatchSettings(in, killed).jobs(2), ProgressListener.NONE);
		assertFalse(resumed.anyFailed());
		final Set<String> skipped = resumed.outcomes().stream().filter(o -> o.status() == Status.SKIPPED)
			.map(o -> o.relative().replace(".tif", ".manifest.json")).collect(Collectors.toCollection(TreeSet::new));
		assertEquals(new TreeSet<>(finished), skipped, "exactly the scans finished before the kill are skipped");
		assertEquals(expected, outputChecksums(killed));
		for (final String m : finished) {
			assertTrue(java.util.Arrays.equals(manifestBytes.get(m), Files.readAllBytes(killed.resolve(m))), m + " was rewritten");
			final String base = m.replace(".manifest.json", "");
			for (final String suffix : List.of(".manifest.json", ".normalised.tif", ".u8.tif"))
				assertEquals(before.get(killed.resolve(base + suffix)), Files.getLastModifiedTime(killed.resolve(base + suffix)), base + suffix);
		}
		try (Stream<Path> s = Files.walk(killed)) {
			assertEquals(List.of(), s.filter(p -> AtomicWrite.isTemporary(p.getFileName().toString())).toList(), "temporary files left");
		}
	}

	private static void killMidRun(final Path in, final Path out) throws IOException, InterruptedException {
		final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		final Process child = new ProcessBuilder(java, "-Xmx256m", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
			KillResumeTest.class.getName(), in.toString(), out.toString()).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		try {
			while (manifests(out).size() < 8) {
				if (!child.isAlive()) fail("the child batch ended by itself (exit " + child.exitValue() + ") before it could be killed");
				if (System.nanoTime() > deadline) fail("the child batch made no progress in 120 s");
				Thread.sleep(5);
			}
		}
		finally {
			child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
			child.waitFor();
		}
	}

	private static Set<String> manifests(final Path out) throws IOException {
		if (!Files.isDirectory(out)) return Set.of();
		try (Stream<Path> s = Files.list(out)) {
			return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".manifest.json") && !n.startsWith("."))
				.collect(Collectors.toCollection(TreeSet::new));
		}
	}

	/** File name -> SHA-256 of every file named like an output (temporary files start with '.'). */
	private static Map<String, String> outputChecksums(final Path out) throws IOException {
		final Map<String, String> sums = new TreeMap<>();
		try (Stream<Path> s = Files.list(out)) {
			for (final Path p : s.toList()) {
				final String n = p.getFileName().toString();
				if (!n.startsWith(".") && (n.endsWith(".normalised.tif") || n.endsWith(".u8.tif"))) sums.put(n, Checksums.sha256(p));
			}
		}
		return sums;
	}
}
