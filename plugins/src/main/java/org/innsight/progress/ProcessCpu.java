package org.innsight.progress;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** CPU time of this process, all threads (Java and native), for the benchmarks' per-CPU-second figures. */
public final class ProcessCpu {

	private ProcessCpu() {}

	/** CPU nanoseconds this process has used so far, or -1 where the JVM cannot tell. */
	public static long nanos() {
		final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
	}
}
