package org.innsight.transfer;

import org.innsight.inn.ObservationNoise;

/**
 * The condition vector of the transfer network: a one-hot of the domain (source, target), optionally followed by
 * a one-hot of the tissue class when classes are known in both domains.
 * <p>
 * Training uses label smoothing (Dreher et al.): a source row is conditioned on (1 - u, u) and a target row on
 * (u, 1 - u) with u ~ U(0, {@code smoothing}) drawn afresh for every row of every batch; a class one-hot becomes
 * 1 - v for the class and v / (K - 1) for the others, v ~ U(0, {@code smoothing}). Smoothing keeps the network
 * from treating the condition as two isolated points. Transfer uses the unsmoothed one-hots (u = 0, the edge of
 * what training saw, as in the paper).
 */
public final class DomainConditions {

	public static final int SOURCE = 0, TARGET = 1;
	public static final String[] DOMAIN_NAMES = { "source", "target" };
	public static final double DEFAULT_SMOOTHING = 0.1;

	private final int classes;
	private final double smoothing;

	/**
	 * @param classes tissue classes in the condition (0 = domain only)
	 * @param smoothing the upper bound of the label-smoothing u (0 = none)
	 */
	public DomainConditions(final int classes, final double smoothing) {
		if (classes < 0 || classes == 1) throw new IllegalArgumentException("tissue classes must be 0 (none) or >= 2, got " + classes);
		if (!(smoothing >= 0 && smoothing < 0.5)) throw new IllegalArgumentException("label smoothing must be in [0, 0.5), got " + smoothing);
		this.classes = classes;
		this.smoothing = smoothing;
	}

	/** Columns of the condition: 2 (domain) + classes. */
	public int columns() {
		return 2 + classes;
	}

	public int classes() {
		return classes;
	}

	public double smoothing() {
		return smoothing;
	}

	/** The unsmoothed condition of one row into {@code out[o .. o + columns())}; {@code tissueClass} ignored without classes. */
	public void hard(final int domain, final int tissueClass, final float[] out, final int o) {
		if (domain != SOURCE && domain != TARGET) throw new IllegalArgumentException("domain must be 0 (source) or 1 (target), got " + domain);
		java.util.Arrays.fill(out, o, o + columns(), 0f);
		out[o + domain] = 1f;
		if (classes == 0) return;
		if (tissueClass < 0 || tissueClass >= classes)
			throw new IllegalArgumentException("tissue class " + tissueClass + " is outside 0.." + (classes - 1));
		out[o + 2 + tissueClass] = 1f;
	}

	/** Conditions for {@code rows} rows of one domain, with classes per row (null without classes). */
	public float[] hard(final int domain, final int[] tissueClasses, final int rows) {
		if (classes > 0 && (tissueClasses == null || tissueClasses.length != rows))
			throw new IllegalArgumentException("this transfer is conditioned on " + classes + " tissue classes: every spectrum needs its class");
		final float[] out = new float[rows * columns()];
		for (int r = 0; r < rows; r++) hard(domain, classes == 0 ? 0 : tissueClasses[r], out, r * columns());
		return out;
	}

	/**
	 * Label smoothing as the trainer's observation noise: turns the hard one-hots of a batch into smoothed ones,
	 * drawing only from the trainer's random stream (so training stays deterministic).
	 */
	public ObservationNoise smoothingNoise() {
		final int k = classes;
		final double max = smoothing;
		return (batch, rows, cols, rng) -> {
			if (cols != columns()) throw new IllegalStateException("condition batch has " + cols + " columns, expected " + columns());
			if (max == 0) return;
			for (int r = 0; r < rows; r++) {
				final int o = r * cols;
				smooth(batch, o, 2, max * rng.nextDouble());
				if (k > 0) smooth(batch, o + 2, k, max * rng.nextDouble());
			}
		};
	}

	/** A one-hot in batch[o .. o+n) becomes 1 - u for its hot entry and u / (n - 1) for the others. */
	private static void smooth(final float[] batch, final int o, final int n, final double u) {
		for (int j = 0; j < n; j++) batch[o + j] = batch[o + j] > 0.5f ? (float) (1 - u) : (float) (u / (n - 1));
	}
}
