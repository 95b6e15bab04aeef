package org.innsight.mws;

/**
 * A glasbey-like lookup table for label images: entry 0 black (background), then 255 colours each chosen to be
 * as far as possible (in CIELAB) from all colours chosen before it, so neighbouring labels are easy to tell apart.
 * Computed, not stored; the same every time.
 */
public final class LabelColors {

	private static byte[][] table;

	private LabelColors() {}

	/** {red, green, blue}, 256 entries each. */
	public static synchronized byte[][] glasbey() {
		if (table == null) table = compute();
		return new byte[][] { table[0].clone(), table[1].clone(), table[2].clone() };
	}

	private static byte[][] compute() {
		// Candidates: an RGB grid of 16 levels per channel.
		final int levels = 16, n = levels * levels * levels;
		final double[][] lab = new double[n][];
		final int[] rgb = new int[n];
		for (int i = 0; i < n; i++) {
			final int r = i / (levels * levels) * 17, g = i / levels % levels * 17, b = i % levels * 17;
			rgb[i] = r << 16 | g << 8 | b;
			lab[i] = lab(r, g, b);
		}
		final double[] nearest = new double[n];
		java.util.Arrays.fill(nearest, Double.MAX_VALUE);
		final byte[][] out = new byte[3][256];
		// Black is entry 0; white is excluded too (it vanishes on a white background in figures).
		update(nearest, lab, lab(0, 0, 0));
		update(nearest, lab, lab(255, 255, 255));
		for (int k = 1; k < 256; k++) {
			int best = 0;
			for (int i = 1; i < n; i++) if (nearest[i] > nearest[best]) best = i;
			out[0][k] = (byte) (rgb[best] >> 16);
			out[1][k] = (byte) (rgb[best] >> 8);
			out[2][k] = (byte) rgb[best];
			update(nearest, lab, lab[best]);
		}
		return out;
	}

	private static void update(final double[] nearest, final double[][] lab, final double[] chosen) {
		for (int i = 0; i < lab.length; i++) {
			final double dl = lab[i][0] - chosen[0], da = lab[i][1] - chosen[1], db = lab[i][2] - chosen[2];
			nearest[i] = Math.min(nearest[i], dl * dl + da * da + db * db);
		}
	}

	/** sRGB (0..255) to CIELAB (D65). */
	static double[] lab(final int r8, final int g8, final int b8) {
		final double r = linear(r8), g = linear(g8), b = linear(b8);
		final double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
		final double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
		final double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
		final double fx = f(x), fy = f(y), fz = f(z);
		return new double[] { 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz) };
	}

	private static double linear(final int c) {
		final double v = c / 255.0;
		return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
	}

	private static double f(final double t) {
		return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
	}
}
