package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** {@code innsight bench inn} runs on a tiny configuration and prints every figure it promises (no timing asserted). */
class BenchInnCommandTest {

	/** Runs the CLI with these arguments; returns its standard output after checking that it exited with 0. */
	private static String run(final String... args) {
		final PrintStream old = System.out;
		final ByteArrayOutputStream o = new ByteArrayOutputStream();
		System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
		final int code;
		try {
			code = InnSightCli.run(args);
		}
		finally {
			System.setOut(old);
		}
		final String out = o.toString(StandardCharsets.UTF_8);
		assertEquals(0, code, out);
		return out;
	}

	@Test
	void printsTrainingAndSamplingRatesAndTheMatmulReference() {
		final String out = run("bench", "inn", "--thread-counts", "1", "--rows-per-call", "512", "--observations", "8", "--sample-rows", "512",
			"--train-steps", "3", "--batch", "64", "--blocks", "2", "--width", "16", "--nll-max-epochs", "1");
		for (final String s : new String[] { "training:", "samples/s", "matmul:", "reference:", "posterior:", "of the best matmul", "GFLOP/CPU-s", "OMP_WAIT_POLICY", "time to NLL:" })
			assertTrue(out.contains(s), "missing '" + s + "' in:\n" + out);
		// the training figure is the median of the timed epochs' rates, all listed, after the warm-up epochs
		final java.util.regex.Matcher m = java.util.regex.Pattern.compile(
			"training: +(\\d+) samples/s \\(batch 64, default threads; median of epochs 3-20 of one run: ([\\d, ]+); warm-up epochs 1-2: (\\d+), (\\d+)\\)")
			.matcher(out);
		assertTrue(m.find(), out);
		final long[] timed = java.util.Arrays.stream(m.group(2).split(", ")).mapToLong(Long::parseLong).sorted().toArray();
		assertEquals(18, timed.length, out);
		assertTrue(java.util.Arrays.stream(timed).allMatch(v -> v > 0), out);
		// the mean of the middle two of the 18 (the printed rates are rounded, so within 1 of it)
		assertEquals((timed[8] + timed[9]) / 2.0, Long.parseLong(m.group(1)), 1, "median of the 18 timed epochs:\n" + out);
	}

	@Test
	void concurrentTrainersPrintTheirTotalAsTheSumOfEachTrainersRate() {
		final String out = run("bench", "inn", "--concurrent-trainers", "2", "--train-steps", "3", "--batch", "64", "--blocks", "2", "--width", "16");
		final java.util.regex.Matcher m = java.util.regex.Pattern.compile(
			"round (\\d): 2 trainers x batch 64 in one process, \\S+ engine thread\\(s\\) each: total (\\d+) samples/s \\(each \\[(\\d+), (\\d+)\\]\\)").matcher(out);
		int rounds = 0;
		while (m.find()) {
			rounds++;
			final long total = Long.parseLong(m.group(2)), a = Long.parseLong(m.group(3)), b = Long.parseLong(m.group(4));
			assertTrue(a > 0 && b > 0 && Math.abs(total - a - b) <= 1, out);
		}
		assertEquals(3, rounds, out);
		assertTrue(!out.contains("sampling:"), "only the concurrent training is timed:\n" + out);
	}
}
