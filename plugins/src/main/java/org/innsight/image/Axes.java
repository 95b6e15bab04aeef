package org.innsight.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * The axes of an image in dimension order: which dimension is x, y, channel, z and time, and the calibration of
 * each. Each axis type appears at most once.
 */
public final class Axes {

	private final List<Axis> axes;

	private Axes(final List<Axis> axes) {
		final EnumSet<AxisType> seen = EnumSet.noneOf(AxisType.class);
		for (final Axis a : axes)
			if (!seen.add(Objects.requireNonNull(a, "axis").type()))
				throw new IllegalArgumentException("Axis " + a.type() + " appears twice in " + axes);
		this.axes = List.copyOf(axes);
	}

	public static Axes of(final Axis... axes) {
		return new Axes(Arrays.asList(axes));
	}

	public static Axes of(final List<Axis> axes) {
		return new Axes(axes);
	}

	/** Uncalibrated axes from a string of letters in dimension order, e.g. {@code "xyc"}. */
	public static Axes of(final String letters) {
		final List<Axis> list = new ArrayList<>();
		for (final char c : letters.toCharArray())
			list.add(Axis.of(AxisType.of(c)));
		return new Axes(list);
	}

	public int numDimensions() {
		return axes.size();
	}

	public Axis get(final int dimension) {
		return axes.get(dimension);
	}

	public List<Axis> list() {
		return axes;
	}

	/** The dimension of an axis type, or -1 when the image has no such axis. */
	public int indexOf(final AxisType type) {
		for (int d = 0; d < axes.size(); d++)
			if (axes.get(d).type() == type) return d;
		return -1;
	}

	public boolean has(final AxisType type) {
		return indexOf(type) >= 0;
	}

	/** The axis of a type; absent axes are an {@link IllegalArgumentException}. */
	public Axis axis(final AxisType type) {
		final int d = indexOf(type);
		if (d < 0) throw new IllegalArgumentException("The image has no " + type + " axis (axes: " + letters() + ")");
		return axes.get(d);
	}

	/** The axis letters in dimension order, e.g. {@code "xyczt"}. */
	public String letters() {
		final StringBuilder sb = new StringBuilder();
		for (final Axis a : axes)
			sb.append(a.type().letter());
		return sb.toString();
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof Axes other && axes.equals(other.axes);
	}

	@Override
	public int hashCode() {
		return axes.hashCode();
	}

	@Override
	public String toString() {
		return "Axes" + axes;
	}
}
