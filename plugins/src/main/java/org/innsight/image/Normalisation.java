package org.innsight.image;

import java.util.Locale;

/**
 * How a spectrum (one pixel's channel values, or one table row's bands) is scaled so that spectra of different
 * brightness compare by shape: left as it is, divided by its L1 norm (sum of absolute values) or by its L2 norm
 * (Euclidean length). The one definition for images ({@link SpectralNormalisation}), simulated tables and
 * cameras ({@code optics}) and the models trained on them; an all-zero spectrum stays as it is.
 */
public enum Normalisation {
	/** Leave the spectrum as it is. */
	NONE,
	/** Divide by the sum of absolute values: the channels of a pixel sum to 1 in magnitude. */
	L1,
	/** Divide by the Euclidean length: each pixel's spectrum becomes a unit vector. */
	L2;

	/** Parses {@code none}, {@code L1} or {@code L2} (case-insensitive). */
	public static Normalisation parse(final String text) {
		if (text != null) {
			for (final Normalisation n : values())
				if (n.name().equalsIgnoreCase(text.trim())) return n;
		}
		throw new IllegalArgumentException("unknown norm '" + text + "'; use none, L1 or L2");
	}

	/** The name users type: {@code none}, {@code L1}, {@code L2}. */
	@Override
	public String toString() {
		return this == NONE ? "none" : name();
	}

	/** The lower-case name written into table headers and model cards: {@code none}, {@code l1}, {@code l2}. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Normalises {@code v[from .. from+count)} in place; a spectrum whose norm is 0 or not finite is left as it is. */
	public void apply(final double[] v, final int from, final int count) {
		if (this == NONE) return;
		double s = 0;
		for (int i = from; i < from + count; i++) s += this == L1 ? Math.abs(v[i]) : v[i] * v[i];
		if (this == L2) s = Math.sqrt(s);
		if (s == 0 || !Double.isFinite(s)) return;
		for (int i = from; i < from + count; i++) v[i] /= s;
	}

	/** Float version for image pixels and table rows. */
	public void apply(final float[] v, final int from, final int count) {
		if (this == NONE) return;
		double s = 0;
		for (int i = from; i < from + count; i++) s += this == L1 ? Math.abs(v[i]) : (double) v[i] * v[i];
		if (this == L2) s = Math.sqrt(s);
		if (s == 0 || !Double.isFinite(s)) return;
		for (int i = from; i < from + count; i++) v[i] = (float) (v[i] / s);
	}
}
