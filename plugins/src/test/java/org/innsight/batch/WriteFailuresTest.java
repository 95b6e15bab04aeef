package org.innsight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.innsight.batch.FileOutcome.Status;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

/**
 * When writing fails (a full disk, a file in the way): no output is left without its manifest, and the report and
 * summary are written for what finished, or the run says clearly which of them could not be.
 * {@code DiskFullTest} runs the same on a real full disk where the system lets a test make one.
 */
class WriteFailuresTest {

	@TempDir
	Path tmp;

	/** Two outputs; the second in the format the options say: a png of a 32-bit image cannot be written. */
	static final class TwoOutputs implements Step<String> {
		@Override
		public String name() {
			return "two-outputs";
		}

		@Override
		public String description() {
			return "Copies its input twice, the second copy in the format given (tests only).";
		}

		@Override
		public String configure(final StepOptions options) {
			return options.choice("second", "tif", "tif", "png");
		}

		@Override
		public List<OutputSpec> outputs(final String second) {
			return List.of(OutputSpec.tif("first"), new OutputSpec("second", second));
		}

		@Override
		public StepResult run(final ImagePlus input, final String second, final StepContext context) {
			return StepResult.image("first", input.duplicate()).put("second", input.duplicate());
		}
	}

	private static BatchReport run(final String second, final Path in, final Path out) throws Exception {
		final Pipeline p = Pipeline.parse("[{\"step\": \"two-outputs\", \"options\": {\"second\": \"" + second + "\"}}]", null);
		return new BatchRunner(StepRegistry.standard().add(new TwoOutputs())).run(p, new BatchSettings(in, out).previews(false),
			ProgressListener.NONE);
	}

	private static List<String> files(final Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
		}
	}

	@Test
	void aScanWhoseWriteFailsLeavesNoOutputWithoutAManifest() throws Exception {
		final Path in = tmp.resolve("in"), out = tmp.resolve("out");
		SyntheticScans.write(SyntheticScans.scan(8, 8, 3, 1), in.resolve("a.tif"));
		assertEquals(1, run("tif", in, out).count(Status.DONE));
		assertEquals(List.of("a.first.tif", "a.manifest.json", "a.second.tif", "report.html", "summary.csv"), files(out));

		// the changed pipeline writes a.first.tif again, then fails on a.second.png: neither the new a.first.tif nor the
		// old a.second.tif (listed by the manifest the run deleted) may stay as if finished
		final BatchReport r = run("png", in, out);
		final FileOutcome a = r.outcomes().get(0);
		assertEquals(Status.FAILED, a.status());
		assertEquals("write", a.failedStep());
		assertEquals("PNG holds one plane, this image has 3; write tif or pick a plane", a.reason());
		assertEquals(List.of("removed 2 outputs of this scan: without a manifest they are not known to be complete"), a.warnings());
		assertEquals(List.of("report.html", "summary.csv"), files(out));
		assertTrue(r.unwritten().isEmpty());
		assertTrue(Files.readString(out.resolve("summary.csv")).contains("a.tif,failed,write,\"PNG holds one plane"));
	}

	@Test
	void aReportThatCannotBeWrittenIsSaidAndTheSummaryStillWritten() throws Exception {
		final Path in = tmp.resolve("in"), out = tmp.resolve("out");
		SyntheticScans.write(SyntheticScans.scan(8, 8, 3, 1), in.resolve("a.tif"));
		Files.createDirectories(out.resolve("report.html")); // stands in for a disk that took the scans but not the report
		final BatchReport r = run("tif", in, out);
		assertEquals(1, r.count(Status.DONE));
		assertEquals(List.of("report.html (Cannot write " + out.resolve("report.html") + ": it is a folder)"), r.unwritten());
		assertEquals("could not write report.html (Cannot write " + out.resolve("report.html") + ": it is a folder); " +
			out.resolve("summary.csv") + " was written", r.unwrittenMessage());
		assertTrue(Files.readString(out.resolve("summary.csv")).startsWith("file,status,failed_step,reason,seconds,outputs\r\na.tif,done,"));
		assertTrue(Files.isRegularFile(out.resolve("a.manifest.json")));
		assertFalse(Files.isRegularFile(out.resolve("report.html")));
	}
}
