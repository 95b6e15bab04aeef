package org.innsight.dalsa;

/** Dice overlap 2|P n T| / (|P| + |T|) between a segmentation and a ground truth. */
public final class Dice {

	private Dice() {}

	/**
	 * Dice of the region made of all {@code labels} (one label: that class; several: their union, e.g. the whole
	 * tumour). NaN if the region is empty in both images.
	 */
	public static double of(final LabelVolume predicted, final LabelVolume truth, final int... labels) {
		if (predicted.size() != truth.size()) throw new IllegalArgumentException("segmentation and ground truth differ in size");
		final boolean[] in = new boolean[256];
		for (final int l : labels) in[l] = true;
		long both = 0, p = 0, t = 0;
		for (int i = 0; i < truth.size(); i++) {
			final boolean a = in[predicted.labels[i] & 0xff], b = in[truth.labels[i] & 0xff];
			if (a) p++;
			if (b) t++;
			if (a && b) both++;
		}
		return p + t == 0 ? Double.NaN : 2.0 * both / (p + t);
	}

	/** Dice of each label separately. */
	public static double[] perLabel(final LabelVolume predicted, final LabelVolume truth, final int[] labels) {
		final double[] d = new double[labels.length];
		for (int i = 0; i < labels.length; i++) d[i] = of(predicted, truth, labels[i]);
		return d;
	}

	/** Mean of the defined (non-NaN) values. */
	public static double mean(final double[] dice) {
		double s = 0;
		int n = 0;
		for (final double d : dice) if (!Double.isNaN(d)) { s += d; n++; }
		return n == 0 ? Double.NaN : s / n;
	}
}
