package org.innsight.ood;

import java.util.Arrays;
import java.util.Locale;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The second OOD score: how bright a spectrum is overall, which the WAIC ensemble hardly sees (its members model
 * the spectrum's shape in noise-whitened units, and a half-exposed tissue spectrum has the shape of darker tissue).
 * Per spectrum
 * <pre>
 *     b(x) = ln( mean_j x_j )                 (mean over the bands of the raw camera spectrum, before any normalisation)
 *     z(x) = (b(x) - mu) / sigma              (mu, sigma: mean and standard deviation of b over the model's tissue)
 * </pre>
 * and a spectrum is out of distribution when z lies outside [lo, hi], bounds chosen as quantiles of z over the
 * model's own held-out tissue so that a chosen share of ordinary tissue (e.g. 2%) falls outside. A spectrum whose
 * mean is not positive gets z = -infinity (flagged); a non-finite one NaN (flagged).
 * Stored in the OOD card under {@code details.intensity} ({@link #toJson()}); cards without it score WAIC only.
 */
public final class IntensityScore {

	/** The card's {@code details} entry. */
	public static final String DETAILS = "intensity";
	/** {@code details.intensity.kind}. */
	public static final String KIND = "log-mean-reflectance-z";

	private final double mu, sigma, lo, hi;

	/**
	 * @param mu mean of ln(mean over bands) over the calibration tissue
	 * @param sigma its standard deviation (> 0)
	 * @param lo lower bound of z (finite)
	 * @param hi upper bound of z (finite, >= lo)
	 */
	public IntensityScore(final double mu, final double sigma, final double lo, final double hi) {
		final String p = problem(mu, sigma, lo, hi);
		if (p != null) throw new IllegalArgumentException(p);
		this.mu = mu;
		this.sigma = sigma;
		this.lo = lo;
		this.hi = hi;
	}

	private static String problem(final double mu, final double sigma, final double lo, final double hi) {
		if (!Double.isFinite(mu)) return "log_mean must be a finite number, not " + mu;
		if (!(Double.isFinite(sigma) && sigma > 0)) return "log_sd must be a finite number > 0, not " + sigma;
		if (!Double.isFinite(lo) || !Double.isFinite(hi)) return "the bounds z_lo and z_hi must be finite numbers, not " + lo + " and " + hi;
		if (lo > hi) return "z_lo (" + lo + ") is above z_hi (" + hi + ")";
		return null;
	}

	/** ln of the mean over {@code bands} values from {@code offset}; -infinity if the mean is not positive, NaN if a value is not finite. */
	public static double logBrightness(final float[] spectra, final int offset, final int bands) {
		double s = 0;
		for (int j = 0; j < bands; j++) s += spectra[offset + j];
		if (Double.isNaN(s) || Double.isInfinite(s)) return Double.NaN;
		final double mean = s / bands;
		return mean > 0 ? Math.log(mean) : Double.NEGATIVE_INFINITY;
	}

	/** z of one spectrum at {@code offset}. */
	public double zAt(final float[] spectra, final int offset, final int bands) {
		return (logBrightness(spectra, offset, bands) - mu) / sigma;
	}

	/** z of each of {@code rows} spectra of {@code bands} values. */
	public float[] z(final float[] spectra, final int rows, final int bands) {
		final float[] out = new float[rows];
		for (int r = 0; r < rows; r++) out[r] = (float) zAt(spectra, r * bands, bands);
		return out;
	}

	/** Whether z is outside [lo, hi] (or NaN). */
	public boolean outside(final double z) {
		return !(z >= lo && z <= hi);
	}

	public double mu() {
		return mu;
	}

	public double sigma() {
		return sigma;
	}

	public double lo() {
		return lo;
	}

	public double hi() {
		return hi;
	}

	/**
	 * Calibrates on in-distribution spectra: mu and sigma of ln(mean), then [lo, hi] the z quantiles at share/2 and
	 * 1 - share/2 (type-7, linear interpolation), so that about {@code share} of them fall outside.
	 */
	public static IntensityScore calibrate(final float[] spectra, final int rows, final int bands, final double share) {
		if (!(share > 0 && share < 0.5)) throw new IllegalArgumentException("intensity share must be in (0, 0.5), got " + share);
		if (rows < 20) throw new IllegalArgumentException("need at least 20 spectra to calibrate the intensity score, got " + rows);
		final double[] b = new double[rows];
		double sum = 0;
		for (int r = 0; r < rows; r++) {
			b[r] = logBrightness(spectra, r * bands, bands);
			if (!Double.isFinite(b[r]))
				throw new IllegalArgumentException("calibration spectrum " + r + " has no positive finite mean brightness; is it tissue from this camera?");
			sum += b[r];
		}
		final double mu = sum / rows;
		double ss = 0;
		for (final double v : b) ss += (v - mu) * (v - mu);
		final double sigma = Math.sqrt(ss / (rows - 1));
		final double[] z = new double[rows];
		for (int r = 0; r < rows; r++) z[r] = (b[r] - mu) / sigma;
		Arrays.sort(z);
		return new IntensityScore(mu, sigma, quantile(z, share / 2), quantile(z, 1 - share / 2));
	}

	/** Type-7 quantile of sorted values. */
	static double quantile(final double[] sorted, final double p) {
		final double h = (sorted.length - 1) * p;
		final int i = (int) Math.floor(h);
		return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
	}

	/** The card entry. */
	public JsonObject toJson() {
		final JsonObject o = new JsonObject();
		o.addProperty("kind", KIND);
		o.addProperty("formula", "z = (ln(mean over bands of the raw spectrum) - log_mean) / log_sd; flagged when z < z_lo or z > z_hi");
		o.addProperty("log_mean", mu);
		o.addProperty("log_sd", sigma);
		o.addProperty("z_lo", lo);
		o.addProperty("z_hi", hi);
		return o;
	}

	/**
	 * Reads a card entry.
	 *
	 * @param where the card file, named in every message
	 * @throws IllegalArgumentException naming {@code where} if a value is missing, not a number, not finite, or lo > hi
	 */
	public static IntensityScore fromJson(final JsonElement e, final String where) {
		if (e == null || !e.isJsonObject()) throw new IllegalArgumentException(where + ": 'details." + DETAILS + "' must be an object");
		final JsonObject o = e.getAsJsonObject();
		if (o.has("kind") && !KIND.equals(o.get("kind").getAsString()))
			throw new IllegalArgumentException(where + ": 'details." + DETAILS + ".kind' is '" + o.get("kind").getAsString() + "', expected " + KIND);
		final double mu = number(o, "log_mean", where), sigma = number(o, "log_sd", where), lo = number(o, "z_lo", where), hi = number(o, "z_hi", where);
		final String p = problem(mu, sigma, lo, hi);
		if (p != null) throw new IllegalArgumentException(where + ": 'details." + DETAILS + "': " + p + "; recalibrate it (innsight ood-intensity)");
		return new IntensityScore(mu, sigma, lo, hi);
	}

	private static double number(final JsonObject o, final String key, final String where) {
		final JsonElement v = o.get(key);
		if (v == null || !v.isJsonPrimitive())
			throw new IllegalArgumentException(where + ": 'details." + DETAILS + "." + key + "' is missing or not a number");
		if (v.getAsJsonPrimitive().isNumber()) return v.getAsDouble();
		// Gson writes non-finite doubles as the strings NaN / Infinity
		try {
			return Double.parseDouble(v.getAsString());
		}
		catch (final NumberFormatException x) {
			throw new IllegalArgumentException(where + ": 'details." + DETAILS + "." + key + "' is not a number: " + v);
		}
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "intensity z of ln(mean reflectance), mean %.4f sd %.4f, bounds [%.3f, %.3f]", mu, sigma, lo, hi);
	}
}
