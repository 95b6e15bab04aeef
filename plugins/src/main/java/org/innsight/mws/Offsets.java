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

	/**
	 * Null when every offset (x, y[, z]) reaches a pixel of an image of {@code dims} (x, y[, z]) from some pixel,
	 * i.e. each component lies within -(size - 1) .. size - 1 of its axis; else what is wrong with the first that
	 * does not. Offsets of another dimensionality are left to the checks that compare dimensions.
	 */
	public static String outside(final int[][] xyz, final int[] dims) {
		final String[] axes = { "x", "y", "z" };
		for (int c = 0; c < xyz.length; c++) {
			if (xyz[c].length != dims.length) continue;
			for (int d = 0; d < dims.length; d++)
				if (Math.abs((long) xyz[c][d]) >= dims[d])
					return java.util.Arrays.toString(xyz[c]).replace(" ", "") + " (channel " + (c + 1) + ", in x,y" + (dims.length == 3 ? ",z" : "") +
						" order) reaches outside the " + java.util.Arrays.stream(dims).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining("x")) +
						" image: its " + axes[d] + " component must lie between " + -(dims[d] - 1) + " and " + (dims[d] - 1);
		}
		return null;
	}
}
