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

	/**
	 * Resident bytes of the Java heap now: the Rss of the heap's reservation in /proc/self/smaps, found as the run
	 * of adjacent anonymous mappings (committed and reserved parts of one reservation) at least as large as the
	 * maximum heap. Unlike the heap the JVM reports as committed, this counts only pages touched, so resident minus
	 * this is the memory outside the heap (engine, native buffers, JVM internals). -1 where unknown (not Linux, or
	 * no such run).
	 */
	public static long heapResident() {
		final long maxHeap = Runtime.getRuntime().maxMemory();
		try (java.io.BufferedReader in = Files.newBufferedReader(Path.of("/proc/self/smaps"))) {
			long runEnd = -1, runSize = 0, runRss = 0, best = -1;
			boolean anonymous = false;
			for (String line; (line = in.readLine()) != null; ) {
				final int dash = line.indexOf('-'), space = line.indexOf(' ');
				if (dash > 0 && space > dash && line.substring(0, dash).matches("[0-9a-f]+")) {
					// a mapping's header: start-end perms offset dev inode [path]
					final long start = Long.parseUnsignedLong(line.substring(0, dash), 16), end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
					final String[] f = line.trim().split("\\s+");
					anonymous = f.length < 6;
					if (!anonymous || start != runEnd) {
						if (runSize >= maxHeap) best = Math.max(best, runRss);
						runSize = 0;
						runRss = 0;
					}
					if (anonymous) {
						runEnd = end;
						runSize += end - start;
					}
					else runEnd = -1;
				}
				else if (anonymous && line.startsWith("Rss:")) runRss += kb(line) * 1024;
			}
			if (runSize >= maxHeap) best = Math.max(best, runRss);
			return best;
		}
		catch (final IOException | RuntimeException e) {
			return -1; // not Linux
		}
	}

	private static long kb(final String line) {
		return Long.parseLong(line.replaceAll("[^0-9]", ""));
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
