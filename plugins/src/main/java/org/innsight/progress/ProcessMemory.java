package org.innsight.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of this process (Linux {@code /proc/self/status}), for the benchmarks' memory figures: what the
 * operating system has to give the whole process, Java heap, engine libraries and native buffers together.
 */
public final class ProcessMemory {

	private static final Path STATUS = Path.of("/proc/self/status");

	private ProcessMemory() {}

	/** Resident bytes now (VmRSS), -1 where unknown (not Linux). */
	public static long rss() {
		return field("VmRSS:");
	}

	/** Peak resident bytes since the start or the last {@link #resetPeak} (VmHWM), -1 where unknown. */
	public static long peakRss() {
		return field("VmHWM:");
	}

	/** Restarts the peak from the current resident size ("5" into /proc/self/clear_refs); does nothing elsewhere. */
	public static void resetPeak() {
		try {
			Files.writeString(Path.of("/proc/self/clear_refs"), "5");
		}
		catch (final IOException | RuntimeException e) {
			// not Linux, or not allowed: the peak then counts from the process start
		}
	}

	private static long field(final String name) {
		try {
			for (final String line : Files.readAllLines(STATUS))
				if (line.startsWith(name)) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
		}
		catch (final IOException | RuntimeException e) {
			// not Linux
		}
		return -1;
	}
}
