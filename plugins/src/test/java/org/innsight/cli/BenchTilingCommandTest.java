package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import org.junit.jupiter.api.Test;

class BenchTilingCommandTest {

	@Test
	void smallTilingBenchmarkPrintsExactResultsAndHeap() {
		final PrintStream stdout = System.out;
		final ByteArrayOutputStream captured = new ByteArrayOutputStream();
		final int code;
		try {
			System.setOut(new PrintStream(captured, true));
			code = InnSightCli.run("--threads", "2", "bench", "tiling", "--size", "300", "--channels", "4", "--tile", "64");
		}
		finally {
			System.setOut(stdout);
		}
		final String out = captured.toString();
		assertEquals(0, code, out);
		assertTrue(out.contains("300 x 300 x 4 float32"), out);
		assertTrue(out.contains("results:      exact"), out);
		assertTrue(out.contains("peak heap:"), out);
	}
}
