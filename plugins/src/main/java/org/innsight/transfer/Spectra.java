package org.innsight.transfer;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Unpaired spectra of one domain: {@code rows x bands} values, row-major, with the wavelength of each band when
 * known. Where they came from (a table, the pixels of images) only matters for messages. Immutable by contract:
 * the array is not copied.
 */
public final class Spectra {

	private final float[] values;
	private final int rows, bands;
	private final double[] wavelengthsNm;
	private final String source;

	/**
	 * @param values rows x bands, row-major
	 * @param bands values per spectrum
	 * @param wavelengthsNm one per band, or null when unknown
	 * @param source where the spectra came from, for messages
	 */
	public Spectra(final float[] values, final int bands, final double[] wavelengthsNm, final String source) {
		if (bands < 1) throw new IllegalArgumentException(source + ": spectra need at least one band");
		if (values.length % bands != 0)
			throw new IllegalArgumentException(source + ": " + values.length + " values are not whole spectra of " + bands + " bands");
		if (wavelengthsNm != null && wavelengthsNm.length != bands)
			throw new IllegalArgumentException(source + ": " + bands + " bands but " + wavelengthsNm.length + " wavelengths");
		this.values = values;
		this.rows = values.length / bands;
		this.bands = bands;
		this.wavelengthsNm = wavelengthsNm == null || wavelengthsNm.length == 0 ? null : wavelengthsNm.clone();
		this.source = source;
	}

	public float[] values() {
		return values;
	}

	public int rows() {
		return rows;
	}

	public int bands() {
		return bands;
	}

	/** Band centres in nm, or null when unknown. */
	public double[] wavelengthsNm() {
		return wavelengthsNm == null ? null : wavelengthsNm.clone();
	}

	public String source() {
		return source;
	}

	/** One spectrum (a copy). */
	public float[] row(final int r) {
		return Arrays.copyOfRange(values, r * bands, (r + 1) * bands);
	}

	/** The given rows, in that order. */
	public Spectra rows(final int[] which) {
		final float[] out = new float[which.length * bands];
		for (int i = 0; i < which.length; i++) System.arraycopy(values, which[i] * bands, out, i * bands, bands);
		return new Spectra(out, bands, wavelengthsNm, source);
	}

	/** At most {@code n} rows drawn without replacement (all rows, shuffled, if there are fewer). */
	public Spectra sample(final int n, final long seed) {
		return rows(Arrays.copyOf(shuffled(rows, seed), Math.min(n, rows)));
	}

	/** Other values of the same kind (same bands and wavelengths), e.g. transferred spectra. */
	public Spectra withValues(final float[] newValues, final String newSource) {
		return new Spectra(newValues, bands, wavelengthsNm, newSource);
	}

	/** 0 .. n-1 in a random order fixed by {@code seed}. */
	static int[] shuffled(final int n, final long seed) {
		final int[] p = new int[n];
		for (int i = 0; i < n; i++) p[i] = i;
		final SplittableRandom rng = new SplittableRandom(seed);
		for (int i = n - 1; i > 0; i--) {
			final int j = rng.nextInt(i + 1);
			final int t = p[i];
			p[i] = p[j];
			p[j] = t;
		}
		return p;
	}

	@Override
	public String toString() {
		return rows + " spectra x " + bands + " bands from " + source;
	}
}
