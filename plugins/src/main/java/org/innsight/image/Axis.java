package org.innsight.image;

import java.util.Objects;

/**
 * One image axis and its calibration: the physical position of pixel {@code i} along it is
 * {@code origin + i * scale} in {@code unit}. Channels are not spatial: they keep scale 1, origin 0 and an empty unit
 * (their wavelengths travel with {@link SpectralImage}).
 */
public record Axis(AxisType type, double scale, double origin, String unit) {

	public Axis {
		Objects.requireNonNull(type, "type");
		if (!(scale > 0) || Double.isInfinite(scale))
			throw new IllegalArgumentException("Axis " + type + ": scale must be a positive finite number, not " + scale);
		if (!Double.isFinite(origin)) throw new IllegalArgumentException("Axis " + type + ": origin must be finite, not " + origin);
		unit = unit == null ? "" : unit;
	}

	/** An uncalibrated axis: scale 1, origin 0, unit "pixel" (empty for channels). */
	public static Axis of(final AxisType type) {
		return new Axis(type, 1, 0, type == AxisType.CHANNEL ? "" : "pixel");
	}

	/** The physical position of pixel index {@code i}. */
	public double position(final double i) {
		return origin + i * scale;
	}
}
