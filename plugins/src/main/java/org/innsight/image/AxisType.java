package org.innsight.image;

import java.util.Locale;

/** The kinds of image axes InnSight knows, with the one-letter names used in axis strings like {@code "xyczt"}. */
public enum AxisType {
	X('x'), Y('y'), CHANNEL('c'), Z('z'), TIME('t');

	private final char letter;

	AxisType(final char letter) {
		this.letter = letter;
	}

	/** The lowercase letter of this axis in axis strings ({@code x y c z t}). */
	public char letter() {
		return letter;
	}

	/** The axis for a letter (case-insensitive); an unknown letter is an {@link IllegalArgumentException}. */
	public static AxisType of(final char letter) {
		final char l = Character.toLowerCase(letter);
		for (final AxisType t : values())
			if (t.letter == l) return t;
		throw new IllegalArgumentException("Unknown axis '" + letter + "': use x, y, c (channel), z or t (time)");
	}

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}
}
