package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TerminalProgressTest {

	@Test
	void theBarFollowsProgressAndDrawsTheTaskName() {
		final ByteArrayOutputStream drawn = new ByteArrayOutputStream();
		try (TerminalProgress p = new TerminalProgress("normalise", new PrintStream(drawn, true,
			StandardCharsets.UTF_8)))
		{
			p.progress(3, 10, "cube.tif");
			assertEquals("3/10 cube.tif", p.state());
			p.progress(7, 20, "scan.tif"); // a total learnt late is taken over
			assertEquals("7/20 scan.tif", p.state());
		}
		assertTrue(drawn.toString(StandardCharsets.UTF_8).contains("normalise"), drawn.toString(
			StandardCharsets.UTF_8));
	}

	@Test
	void withoutATerminalNothingIsDrawn() {
		// surefire runs without a console, as a pipe or a log file would
		final TerminalProgress p = TerminalProgress.start("demo");
		p.progress(1, 2, "x");
		assertNull(p.state());
		p.close();
	}
}
