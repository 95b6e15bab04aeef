package org.innsight.optics;

import java.util.Locale;

/** Per-spectrum normalisation of band values, applied to simulated tables and (by consumers) to image pixels. */
public enum Normalisation {
	/** Values as measured. */
	NONE,
	/** Divided by the sum of absolute values. */
	L1,
	/** Divided by the Euclidean norm. */
	L2;

	public static Normalisation parse(final String s) {
		try {
			return valueOf(s.trim().toUpperCase(Locale.ROOT));
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("Unknown normalisation '" + s + "' (none, l1, l2)");
		}
	}

	/** Normalises {@code v[from .. from+count)} in place; an all-zero spectrum stays zero. */
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

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}
}
