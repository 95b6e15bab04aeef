package org.innsight.mws;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Offset lists as users type them, e.g. {@code [[-1,0],[0,-1],[-9,0]]} or {@code -1,0; 0,-1; -9,0}. */
public final class Offsets {

	private Offsets() {}

	/** Parses offsets: vectors separated by ';' or written as a JSON-like list of lists; all the same length. */
	public static int[][] parse(final String text) {
		if (text == null || text.isBlank()) throw new IllegalArgumentException("no offsets given");
		String s = text.trim();
		final List<String> vectors = new ArrayList<>();
		if (s.startsWith("[")) {
			s = s.replaceAll("\\s+", "");
			if (!s.startsWith("[[") || !s.endsWith("]]")) throw new IllegalArgumentException("offsets '" + text + "' must look like [[-1,0],[0,-1]]");
			for (final String v : s.substring(2, s.length() - 2).split("\\],\\[")) vectors.add(v);
		}
		else for (final String v : s.split(";")) vectors.add(v.trim());
		final int[][] out = new int[vectors.size()][];
		for (int i = 0; i < out.length; i++) {
			out[i] = ints(vectors.get(i), "offset " + (i + 1) + " in '" + text + "'");
			if (out[i].length != out[0].length)
				throw new IllegalArgumentException("offsets '" + text + "': vector " + (i + 1) + " has " + out[i].length + " components, the first " + out[0].length);
		}
		return out;
	}

	/** Parses "1,2,2" (commas and/or spaces). */
	public static int[] ints(final String text, final String what) {
		final String[] parts = text.trim().split("[,\\s]+");
		final int[] v = new int[parts.length];
		try {
			for (int i = 0; i < v.length; i++) v[i] = Integer.parseInt(parts[i]);
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException(what + ": '" + text + "' is not a list of whole numbers");
		}
		return v;
	}

	/** Formats like {@code [[-1,0],[0,-1]]}. */
	public static String format(final int[][] offsets) {
		return Arrays.stream(offsets).map(o -> Arrays.stream(o).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]")))
			.collect(Collectors.joining(",", "[", "]"));
	}

	/**
	 * The offsets used when affinities are derived from an image, (x, y[, z]): direct neighbours (attractive)
	 * followed by repulsive ones at 3 and 9 pixels along each axis and two 9-pixel diagonals in xy.
	 */
	public static int[][] defaults(final int dims) {
		if (dims == 2) return new int[][] { { -1, 0 }, { 0, -1 }, { -3, 0 }, { 0, -3 }, { -9, 0 }, { 0, -9 }, { -9, -9 }, { -9, 9 } };
		return new int[][] { { -1, 0, 0 }, { 0, -1, 0 }, { 0, 0, -1 }, { -3, 0, 0 }, { 0, -3, 0 }, { 0, 0, -3 }, { -9, 0, 0 }, { 0, -9, 0 },
			{ 0, 0, -9 }, { -9, -9, 0 }, { -9, 9, 0 } };
	}
}
