package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.innsight.batch.SyntheticScans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code innsight batch} from the command line: exit codes and what it prints. */
class BatchCommandTest {

	@TempDir
	Path tmp;

	private String out = "", err = "";

	private int run(final String... args) {
		final PrintStream oldOut = System.out, oldErr = System.err;
		final ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
		try {
			return InnSightCli.run(args);
		}
		finally {
			System.setOut(oldOut);
			System.setErr(oldErr);
			out = o.toString(StandardCharsets.UTF_8);
			err = e.toString(StandardCharsets.UTF_8);
		}
	}

	private Path pipeline() throws Exception {
		final Path p = tmp.resolve("pipeline.json");
		Files.writeString(p, SyntheticScans.PIPELINE_JSON);
		return p;
	}

	@Test
	void aSecondBatchOnTheSameOutputFolderIsRefusedAndAStaleLockIsTakenOver() throws Exception {
		final Path in = tmp.resolve("in"), outDir = tmp.resolve("out");
		SyntheticScans.write(SyntheticScans.scan(8, 8, SyntheticScans.BANDS, 1), in.resolve("s1.tif"));
		final String p = pipeline().toString();
		Files.createDirectories(outDir);
		try (org.innsight.batch.OutputLock held = org.innsight.batch.OutputLock.acquire(outDir, org.innsight.batch.Shard.ALL)) {
			assertEquals(1, run("batch", "--pipeline", p, "--in", in.toString(), "--out", outDir.toString(), "--quiet", "--device", "cpu"));
			assertTrue(err.contains("innsight batch: error: output folder " + outDir + " is in use by another batch run (pid " + ProcessHandle.current().pid() +
				" on host ") && err.contains(", started ") && err.contains("wait for it to finish or give another --out"), err);
			assertEquals(1, err.strip().lines().count(), err);
			assertFalse(Files.exists(outDir.resolve("report.html")), "the refused run must not write");
			// another shard of the same batch may share the folder
			assertEquals(0, run("batch", "--pipeline", p, "--in", in.toString(), "--out", outDir.toString(), "--quiet", "--device", "cpu", "--shard", "1/2"), err);
		}
		// a run that died holding the lock (kill -9) leaves its holder in the file, but not the lock: taken over, with a warning
		Files.writeString(outDir.resolve(".innsight-batch.lock"), "pid 999999 on host gone, started 2020-01-01T00:00:00Z");
		assertEquals(0, run("batch", "--pipeline", p, "--in", in.toString(), "--out", outDir.toString(), "--quiet", "--device", "cpu"), err);
		assertTrue(out.contains("warning: took over the stale lock " + outDir.resolve(".innsight-batch.lock") +
			" of a batch run that ended without releasing it (pid 999999 on host gone, started 2020-01-01T00:00:00Z)"), out);
		// released on the way out: the next run finds it free and says nothing
		assertEquals(0, run("batch", "--pipeline", p, "--in", in.toString(), "--out", outDir.toString(), "--quiet", "--device", "cpu"), err);
		assertFalse(out.contains("stale lock"), out);
	}

	@Test
	void aCleanBatchExitsZeroAndABrokenScanExitsThree() throws Exception {
		final Path in = tmp.resolve("in");
		for (int i = 0; i < 3; i++)
			SyntheticScans.write(SyntheticScans.scan(8, 8, SyntheticScans.BANDS, i), in.resolve("s" + i + ".tif"));
		final String p = pipeline().toString();
		assertEquals(0, run("batch", "--pipeline", p, "--in", in.toString(), "--out", tmp.resolve("out").toString(), "--quiet", "--device", "cpu"));
		assertTrue(out.contains("batch: 3 done, 0 up to date, 0 failed of 3 scans"), out);
		assertTrue(out.contains("report:  " + tmp.resolve("out").resolve("report.html")), out);

		Files.writeString(in.resolve("s9.tif"), "not a TIFF at all");
		assertEquals(3, run("batch", "--pipeline", p, "--in", in.toString(), "--out", tmp.resolve("out").toString(), "--quiet"));
		assertTrue(out.startsWith("failed: s9.tif at read: ") && out.contains("s9.tif: not a TIFF file (it does not start with a TIFF header)"), out);
		assertTrue(out.contains("batch: 0 done, 3 up to date, 1 failed of 4 scans"), out);

		assertEquals(3, run("batch", "--pipeline", p, "--in", in.toString(), "--out", tmp.resolve("out").toString(), "--shard", "2/2", "--force"));
		assertTrue(out.contains("batch: 1 done, 0 up to date, 1 failed of 2 scans (shard 2/2 of 4)"), out);
		assertEquals("", err, "outside a terminal no progress bar is drawn");
	}

	@Test
	void mergeShardsNamesTheMissingShardAndTheLastShardMerges() throws Exception {
		final Path in = tmp.resolve("in"), outDir = tmp.resolve("out");
		for (int i = 0; i < 3; i++)
			SyntheticScans.write(SyntheticScans.scan(8, 8, SyntheticScans.BANDS, i), in.resolve("s" + i + ".tif"));
		final String p = pipeline().toString();
		assertEquals(1, run("batch", "--merge-shards", outDir.toString()));
		assertTrue(err.contains("the output folder " + outDir + " does not exist"), err);
		assertEquals(0, run("batch", "--pipeline", p, "--in", in.toString(), "--out", outDir.toString(), "--quiet", "--shard", "1/2"));
		assertTrue(out.contains("when the last shard finishes (or now, naming the missing shards: innsight batch --merge-shards " + outDir + ")"), out);
		assertEquals(3, run("batch", "--merge-shards", outDir.toString()));
		assertTrue(out.contains("merged 1 of 2 shards: 2 done, 0 up to date, 0 failed of 2 scans; shard 2/2 (1 scan) is missing: no " +
			outDir.resolve("report.shard-2-of-2.json")), out);
		assertEquals(3, Files.readAllLines(outDir.resolve("summary.csv")).size(), "header and the two scans of shard 1/2");
		assertEquals(0, run("batch", "--pipeline", p, "--in", in.toString(), "--out", outDir.toString(), "--quiet", "--shard", "2/2"));
		assertTrue(out.contains("the last shard: merged 2 of 2 shards: 3 done, 0 up to date, 0 failed of 3 scans\nreport:  " +
			outDir.resolve("report.html")), out);
		assertEquals(4, Files.readAllLines(outDir.resolve("summary.csv")).size());
	}

	@Test
	void usageProblemsExitOneWithAOneLineReason() throws Exception {
		assertEquals(1, run("batch", "--in", tmp.toString()));
		assertEquals("innsight batch: error: --pipeline, --in and --out are required (see innsight batch --help)", err.strip());
		final String p = pipeline().toString();
		assertEquals(1, run("batch", "--pipeline", p, "--in", tmp.toString(), "--out", tmp.resolve("o").toString(), "--shard", "3/2"));
		assertEquals("innsight batch: error: shard index must be between 1 and 2, got 3", err.strip());
		assertEquals(1, run("batch", "--pipeline", p, "--in", tmp.resolve("missing").toString(), "--out", tmp.resolve("o").toString()));
		assertTrue(err.contains("does not exist or is not a folder"), err);
		Files.writeString(tmp.resolve("bad.json"), "[{\"step\": \"normalise\", \"options\": {\"methd\": \"minmax\"}}]");
		assertEquals(1, run("batch", "--pipeline", tmp.resolve("bad.json").toString(), "--in", tmp.toString(), "--out", tmp.resolve("o").toString()));
		assertTrue(err.contains("step 1 (normalise): unknown option methd"), err);
	}

	@Test
	void listStepsNamesEveryStep() {
		assertEquals(0, run("batch", "--list-steps"));
		for (final String step : new String[] { "check", "normalise", "statistics", "convert" })
			assertTrue(out.contains(step + " "), out);
	}

	@Test
	void aReportThatCannotBeWrittenEndsTheRunWithExitOneAfterSayingWhatWasDone() throws Exception {
		final Path in = tmp.resolve("in"), outDir = tmp.resolve("out");
		SyntheticScans.write(SyntheticScans.scan(8, 8, SyntheticScans.BANDS, 1), in.resolve("s1.tif"));
		SyntheticScans.write(SyntheticScans.scan(8, 8, SyntheticScans.BANDS, 2), in.resolve("odd\nname.tif"));
		Files.createDirectories(outDir.resolve("report.html")); // in the way, as a full disk would be
		assertEquals(1, run("batch", "--pipeline", pipeline().toString(), "--in", in.toString(), "--out", outDir.toString(), "--quiet",
			"--device", "cpu"));
		// the name's line break is shown as \n, so the log keeps one line per failure
		assertTrue(out.startsWith("failed: odd\\nname.tif at plan: its name holds a line break"), out);
		assertTrue(out.contains("batch: 1 done, 0 up to date, 1 failed of 2 scans"), out);
		assertEquals("innsight batch: error: could not write report.html (Cannot write " + outDir.resolve("report.html") + ": it is a folder); " +
			outDir.resolve("summary.csv") + " was written", err.strip());
		assertTrue(Files.readString(outDir.resolve("summary.csv")).contains("s1.tif,done,"));
	}
}
