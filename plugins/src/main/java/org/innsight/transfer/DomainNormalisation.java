package org.innsight.transfer;

import java.util.Arrays;

import org.innsight.engine.ModelCard;

/**
 * One domain's preprocessing: every spectrum divided by its L2 norm (so overall brightness, which depends on
 * the lamp, the distance and the exposure, carries no domain), then each band standardised with that domain's
 * mean and sd. Stored in the model card per domain. The inverse gives L2-normalised spectra back: a spectrum's
 * norm is not transferred.
 */
public final class DomainNormalisation {

	/** Name in the model card ({@link ModelCard.Normalisation#kind}). */
	public static final String KIND = "l2+standardise";

	private final double[] mean, sd;

	public DomainNormalisation(final double[] mean, final double[] sd) {
		if (mean.length != sd.length) throw new IllegalArgumentException(mean.length + " means but " + sd.length + " sds");
		for (int i = 0; i < sd.length; i++)
			if (!(sd[i] > 0) || !Double.isFinite(mean[i]))
				throw new IllegalArgumentException("band " + i + " needs a finite mean and sd > 0, got " + mean[i] + " / " + sd[i]);
		this.mean = mean.clone();
		this.sd = sd.clone();
	}

	/** Statistics of the L2-normalised spectra; spectra with zero or non-finite values are left out. */
	public static DomainNormalisation fit(final Spectra spectra) {
		final int b = spectra.bands();
		final float[] v = spectra.values();
		final double[] sum = new double[b], sumSq = new double[b];
		final float[] row = new float[b];
		int n = 0;
		for (int r = 0; r < spectra.rows(); r++) {
			System.arraycopy(v, r * b, row, 0, b);
			if (!l2(row, 0, b)) continue;
			n++;
			for (int j = 0; j < b; j++) {
				sum[j] += row[j];
				sumSq[j] += (double) row[j] * row[j];
			}
		}
		if (n < 2) throw new IllegalArgumentException(spectra.source() + ": fewer than 2 usable spectra (non-zero, finite) to normalise");
		final double[] m = new double[b], s = new double[b];
		for (int j = 0; j < b; j++) {
			m[j] = sum[j] / n;
			final double var = (sumSq[j] - n * m[j] * m[j]) / (n - 1);
			// a band that never varies (a dead channel) keeps sd 1 rather than dividing by zero
			s[j] = var > 1e-20 ? Math.sqrt(var) : 1;
		}
		return new DomainNormalisation(m, s);
	}

	public int bands() {
		return mean.length;
	}

	public double[] mean() {
		return mean.clone();
	}

	public double[] sd() {
		return sd.clone();
	}

	/**
	 * Raw spectra -> normalised units, in place ({@code rows x bands}, row-major). Returns which rows were usable;
	 * the others (zero norm, non-finite values) are set to NaN.
	 */
	public boolean[] apply(final float[] values, final int rows) {
		final int b = mean.length;
		final boolean[] ok = new boolean[rows];
		for (int r = 0; r < rows; r++) {
			final int o = r * b;
			if (!(ok[r] = l2(values, o, b))) {
				Arrays.fill(values, o, o + b, Float.NaN);
				continue;
			}
			for (int j = 0; j < b; j++) values[o + j] = (float) ((values[o + j] - mean[j]) / sd[j]);
		}
		return ok;
	}

	/** Normalised units -> L2-normalised spectra of this domain, in place (the standardisation undone). */
	public void invert(final float[] values, final int rows) {
		final int b = mean.length;
		for (int r = 0; r < rows; r++)
			for (int j = 0; j < b; j++) values[r * b + j] = (float) (values[r * b + j] * sd[j] + mean[j]);
	}

	/** Divides values[o .. o+b) by their L2 norm; false (values untouched) if the norm is zero or not finite. */
	static boolean l2(final float[] values, final int o, final int b) {
		double ss = 0;
		for (int j = 0; j < b; j++) ss += (double) values[o + j] * values[o + j];
		if (!(ss > 0) || !Double.isFinite(ss)) return false;
		final double inv = 1 / Math.sqrt(ss);
		for (int j = 0; j < b; j++) values[o + j] = (float) (values[o + j] * inv);
		return true;
	}

	/** As stored in a model card. */
	public ModelCard.Normalisation toCard() {
		final ModelCard.Normalisation n = ModelCard.Normalisation.standardise(mean, sd);
		n.kind = KIND;
		return n;
	}

	public static DomainNormalisation fromCard(final ModelCard.Normalisation n, final String where) {
		if (n == null || !KIND.equals(n.kind) || n.mean == null || n.sd == null)
			throw new IllegalArgumentException(where + ": a domain's normalisation must be '" + KIND + "' with mean and sd");
		try {
			return new DomainNormalisation(n.mean, n.sd);
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
		}
	}
}
