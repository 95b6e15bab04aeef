package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples, as a user meets them on the command line: one line on standard error naming the file, the
 * problem and what to do (the details of each are tested where the message is made: TiffFilesTest, AtomicFilesTest,
 * PipelineTest, JsonFilesTest, CameraTest).
 */
class ErrorMessagesTest {

	@TempDir
	Path tmp;

	private static String error(final int exit, final String... args) {
		final CliRun r = CliRun.of(args);
		assertEquals(exit, r.exit(), r.out() + r.err());
		// one line of ours (a library may log before it, e.g. SLF4J's notice in a test JVM)
		final java.util.List<String> ours = r.err().lines().filter(l -> l.startsWith("innsight ")).toList();
		assertEquals(1, ours.size(), r.err());
		return ours.get(0);
	}

	@Test
	void anEmptyImage() throws Exception {
		final Path empty = Files.write(tmp.resolve("empty.tif"), new byte[0]); // was "corrupt or truncated: null"
		assertEquals("innsight posterior: error: " + empty + ": not a readable TIFF (0 bytes: the file is empty); copy or export the file again",
			error(1, "posterior", empty.toString(), "--model", "msi-tissue-16band", "--out", tmp.resolve("maps").toString(), "--device", "cpu"));
	}

	@Test
	void anOutputWhereNothingCanBeWritten() {
		assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc");
		final String out = "/proc/innsight-test/sim.csv"; // was "innsight simulate: error: /proc/innsight-test"
		final String m = error(1, "simulate", "--model", "msi", "--n", "10", "--out", out);
		assertTrue(m.startsWith("innsight simulate: error: cannot ") && m.contains(out) &&
			m.endsWith("; choose an output folder you can write to"), m);
	}

	@Test
	void aMissingPipelineAndABrokenCamera() throws Exception {
		final Path missing = tmp.resolve("missing.json");
		assertEquals("innsight batch: error: pipeline file not found: " + missing + " (give the path of a pipeline .json file; examples are in " +
			"pipelines/)", error(1, "batch", "--pipeline", missing.toString(), "--in", tmp.toString(), "--out", tmp.resolve("out").toString()));
		final Path camera = Files.writeString(tmp.resolve("camera.json"), "{\"name\": \"x\",\n \"centres_nm\": [500, 520,\n \"fwhm_nm\": 20}\n");
		assertEquals("innsight simulate: error: camera " + camera + ": not valid JSON at line 3, column 11: a list [...] is not closed: a ',' " +
			"or ']' is missing", error(1, "simulate", "--model", "msi", "--camera", camera.toString(), "--n", "10", "--out",
				tmp.resolve("sim.csv").toString()));
	}
}
