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

	/**
	 * The ground truth in the classifier's labels: {@code map} (truth label -> classifier label; labels not in it
	 * stay as they are, 0 stays 0) applied, then every non-zero label must be one of the classifier's, else an error
	 * names the file, the labels found and the classes expected. Scoring a truth numbered otherwise would compare
	 * unrelated classes.
	 *
	 * @param map truth label to classifier label (may be empty)
	 * @param what the ground truth's file, for the message
	 */
	public static LabelVolume alignTruth(final LabelVolume truth, final DalsaClassifier classifier, final java.util.Map<Integer, Integer> map,
		final String what)
	{
		final int[] to = new int[256];
		for (int l = 0; l < 256; l++) to[l] = l;
		for (final java.util.Map.Entry<Integer, Integer> e : map.entrySet()) {
			if (e.getKey() < 0 || e.getKey() > 255 || e.getValue() < 0 || e.getValue() > 255)
				throw new IllegalArgumentException("truth label map " + e.getKey() + "=" + e.getValue() + ": labels are 0..255");
			to[e.getKey()] = e.getValue();
		}
		final boolean[] known = new boolean[256];
		known[0] = true;
		for (final int l : classifier.classLabels()) known[l] = true;
		final LabelVolume out = truth.copy();
		final java.util.TreeSet<Integer> unknown = new java.util.TreeSet<>();
		for (int i = 0; i < out.size(); i++) {
			final int l = to[truth.get(i)];
			if (!known[l]) unknown.add(truth.get(i));
			out.labels[i] = (byte) l;
		}
		if (!unknown.isEmpty()) {
			final java.util.List<String> classes = new java.util.ArrayList<>();
			for (int k = 0; k < classifier.classCount(); k++) classes.add(classifier.classLabel(k) + " = " + classifier.classNames().get(k));
			throw new IllegalArgumentException(what + " has labels " + unknown + (map.isEmpty() ? "" : " (after the map " + map + ")") +
				" that are not classes of the classifier " + classes + "; map them explicitly, e.g. --truth-map " + unknown.first() + "=" +
				classifier.classLabel(0));
		}
		return out;
	}
}
