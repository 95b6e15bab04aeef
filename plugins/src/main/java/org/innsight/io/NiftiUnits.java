package org.innsight.io;

import java.util.Locale;

/** NIfTI-1 {@code xyzt_units} codes and the unit names ImageJ shows. */
final class NiftiUnits {

	private NiftiUnits() {}

	/** The spatial unit of {@code xyzt_units}, or null when unknown. */
	static String spaceUnit(final int xyztUnits) {
		return switch (xyztUnits & 0x07) {
			case 1 -> "m";
			case 2 -> "mm";
			case 3 -> "µm";
			default -> null;
		};
	}

	/** The time unit of {@code xyzt_units}, or null when unknown or not a time. */
	static String timeUnit(final int xyztUnits) {
		return switch (xyztUnits & 0x38) {
			case 8 -> "sec";
			case 16 -> "ms";
			case 24 -> "µs";
			default -> null;
		};
	}

	static int spaceCode(final String unit) {
		if (unit == null) return 0;
		return switch (unit.trim().toLowerCase(Locale.ROOT)) {
			case "m", "meter", "meters", "metre", "metres" -> 1;
			case "mm", "millimeter", "millimeters", "millimetre", "millimetres" -> 2;
			case "µm", "μm", "um", "micron", "microns", "micrometer", "micrometers" -> 3;
			default -> 0;
		};
	}

	static int timeCode(final String unit) {
		if (unit == null) return 0;
		return switch (unit.trim().toLowerCase(Locale.ROOT)) {
			case "s", "sec", "second", "seconds" -> 8;
			case "ms", "msec", "millisecond", "milliseconds" -> 16;
			case "µs", "μs", "us", "usec", "microsecond", "microseconds" -> 24;
			default -> 0;
		};
	}
}
