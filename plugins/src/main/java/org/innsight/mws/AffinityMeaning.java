package org.innsight.mws;

import java.util.Locale;

/**
 * What an affinity value says about the two pixels it relates. Priorities are computed in float32, so
 * {@code 1 - a} is exactly {@code 1f - a}.
 */
public enum AffinityMeaning {

	/** High value = same object (default): attractive priority {@code a}, repulsive priority {@code 1 - a}. */
	SAME_OBJECT,
	/** High value = boundary between objects (elf's convention): attractive {@code 1 - a}, repulsive {@code a}. */
	BOUNDARY;

	/** The priority of an edge with affinity {@code a}. */
	public float priority(final float a, final boolean attractive) {
		return (this == SAME_OBJECT) == attractive ? a : 1f - a;
	}

	/** Parses {@code same-object} or {@code boundary} (case-insensitive, '_' or '-'). */
	public static AffinityMeaning parse(final String text) {
		final String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
		if (s.equals("same-object")) return SAME_OBJECT;
		if (s.equals("boundary")) return BOUNDARY;
		throw new IllegalArgumentException("unknown affinity meaning '" + text + "'; use same-object or boundary");
	}

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}
}
