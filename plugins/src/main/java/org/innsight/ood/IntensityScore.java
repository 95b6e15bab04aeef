package org.innsight.ood;

import java.util.Arrays;
import java.util.Locale;

import org.innsight.math.Cholesky;

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
 * or, in the shape-conditioned kind ({@value #KIND_GIVEN_SHAPE}), the brightness the spectrum's shape predicts is
 * taken off first: z(x) = (b(x) - f(s(x)) - mu) / sigma, with s_j = ln(max(x_j, 1e-4 mean) / mean) the shape and f
 * a quadratic regression on it (intercept, the s_j and the products s_j s_k, j <= k), fitted by least squares on
 * tissue. Blood and scattering change brightness and shape together, an exposure change only the brightness, so the
 * residual spreads less over ordinary tissue than b itself and exposure stands out further.
 * and a spectrum is out of distribution when z lies outside [lo, hi], bounds chosen as quantiles of z over the
 * model's own held-out tissue so that a chosen share of ordinary tissue (e.g. 2%) falls outside. A spectrum whose
 * mean is not positive gets z = -infinity (flagged); a non-finite one NaN (flagged).
 * Stored in the OOD card under {@code details.intensity} ({@link #toJson()}); cards without it score WAIC only.
 */
public final class IntensityScore {

	/** The card's {@code details} entry. */
	public static final String DETAILS = "intensity";
	/** {@code details.intensity.kind}: brightness alone. */
	public static final String KIND = "log-mean-reflectance-z";
	/** {@code details.intensity.kind}: brightness less what the shape predicts. */
	public static final String KIND_GIVEN_SHAPE = "log-mean-reflectance-given-shape-z";

	private final double mu, sigma, lo, hi;
	/** The regression's coefficients (intercept, linear, quadratic) for {@link #KIND_GIVEN_SHAPE}; null for {@link #KIND}. */
	private final double[] coefficients;

	/**
	 * @param mu mean of ln(mean over bands) over the calibration tissue
	 * @param sigma its standard deviation (> 0)
	 * @param lo lower bound of z (finite)
	 * @param hi upper bound of z (finite, >= lo)
	 */
	public IntensityScore(final double mu, final double sigma, final double lo, final double hi) {
		this(mu, sigma, lo, hi, null);
	}

	/**
	 * The shape-conditioned kind when {@code coefficients} is not null: {@link #features(int) 1 + D + D(D+1)/2}
	 * finite values for D bands.
	 */
	public IntensityScore(final double mu, final double sigma, final double lo, final double hi, final double[] coefficients) {
		final String p = problem(mu, sigma, lo, hi);
		if (p != null) throw new IllegalArgumentException(p);
		if (coefficients != null) for (final double c : coefficients)
			if (!Double.isFinite(c)) throw new IllegalArgumentException("the shape regression's coefficients must be finite, not " + c);
		this.mu = mu;
		this.sigma = sigma;
		this.lo = lo;
		this.hi = hi;
		this.coefficients = coefficients == null ? null : coefficients.clone();
	}

	/** Number of regression features for {@code bands} bands: intercept, bands, and the products j <= k. */
	public static int features(final int bands) {
		return 1 + bands + bands * (bands + 1) / 2;
	}

	/** Whether the shape's prediction is taken off the brightness. */
	public boolean givenShape() {
		return coefficients != null;
	}

	/**
	 * The regression features of the spectrum at {@code offset} into {@code f} ({@link #features(int)} long);
	 * false (f unchanged) when its mean is not a positive finite number.
	 */
	static boolean shapeFeatures(final float[] spectra, final int offset, final int bands, final double[] f) {
		double sum = 0;
		for (int j = 0; j < bands; j++) sum += spectra[offset + j];
		final double mean = sum / bands;
		if (!(mean > 0 && Double.isFinite(mean))) return false;
		final double floor = 1e-4 * mean;
		f[0] = 1;
		for (int j = 0; j < bands; j++) f[1 + j] = Math.log(Math.max(spectra[offset + j], floor) / mean);
		int k = 1 + bands;
		for (int a = 0; a < bands; a++)
			for (int b = a; b < bands; b++) f[k++] = f[1 + a] * f[1 + b];
		return true;
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
		return (residual(spectra, offset, bands, coefficients, null) - mu) / sigma;
	}

	/** ln brightness less the shape's prediction (none without coefficients). */
	private static double residual(final float[] spectra, final int offset, final int bands, final double[] coefficients, final double[] buffer) {
		final double b = logBrightness(spectra, offset, bands);
		if (coefficients == null || !Double.isFinite(b)) return b;
		final double[] f = buffer != null ? buffer : new double[features(bands)];
		if (coefficients.length != f.length)
			throw new IllegalArgumentException("the shape regression has " + coefficients.length + " coefficients, " + bands + " bands need " + f.length);
		shapeFeatures(spectra, offset, bands, f);
		double p = 0;
		for (int i = 0; i < f.length; i++) p += coefficients[i] * f[i];
		return b - p;
	}

	/** z of each of {@code rows} spectra of {@code bands} values. */
	public float[] z(final float[] spectra, final int rows, final int bands) {
		final float[] out = new float[rows];
		final double[] buffer = coefficients == null ? null : new double[features(bands)];
		for (int r = 0; r < rows; r++) out[r] = (float) ((residual(spectra, r * bands, bands, coefficients, buffer) - mu) / sigma);
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
		return calibrate(spectra, rows, bands, share, null);
	}

	/**
	 * As {@link #calibrate(float[], int, int, double)}, of the residual of a shape regression when
	 * {@code coefficients} is not null ({@link #fitShape}).
	 */
	public static IntensityScore calibrate(final float[] spectra, final int rows, final int bands, final double share, final double[] coefficients) {
		if (!(share > 0 && share < 0.5)) throw new IllegalArgumentException("intensity share must be in (0, 0.5), got " + share);
		if (rows < 20) throw new IllegalArgumentException("need at least 20 spectra to calibrate the intensity score, got " + rows);
		final double[] b = new double[rows];
		double sum = 0;
		for (int r = 0; r < rows; r++) {
			b[r] = residual(spectra, r * bands, bands, coefficients, null);
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
		return new IntensityScore(mu, sigma, quantile(z, share / 2), quantile(z, 1 - share / 2), coefficients);
	}

	/**
	 * Least-squares fit of ln brightness on the shape features ({@link #shapeFeatures}) of {@code rows} tissue
	 * spectra, with a tiny ridge (1e-6 x the mean diagonal) for a well-posed solve; spectra without a positive mean
	 * are skipped.
	 *
	 * @throws IllegalArgumentException with fewer usable spectra than features
	 */
	public static double[] fitShape(final float[] spectra, final int rows, final int bands) {
		final int p = features(bands);
		final double[] a = new double[p * p], rhs = new double[p], f = new double[p];
		int used = 0;
		for (int r = 0; r < rows; r++) {
			if (!shapeFeatures(spectra, r * bands, bands, f)) continue;
			final double y = logBrightness(spectra, r * bands, bands);
			for (int i = 0; i < p; i++) {
				rhs[i] += f[i] * y;
				for (int k = i; k < p; k++) a[i * p + k] += f[i] * f[k];
			}
			used++;
		}
		if (used < 2 * p) throw new IllegalArgumentException("the shape regression needs at least " + 2 * p + " tissue spectra with a positive mean, got " + used);
		double diag = 0;
		for (int i = 0; i < p; i++) diag += a[i * p + i];
		final double ridge = 1e-6 * diag / p;
		for (int i = 0; i < p; i++) {
			a[i * p + i] += ridge;
			for (int k = 0; k < i; k++) a[i * p + k] = a[k * p + i];
		}
		final double[] x = new double[p];
		Cholesky.solve(a, rhs, x, p, 1e-300);
		return x;
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
		o.addProperty("kind", coefficients == null ? KIND : KIND_GIVEN_SHAPE);
		o.addProperty("formula", coefficients == null ? "z = (ln(mean over bands of the raw spectrum) - log_mean) / log_sd; flagged when z < z_lo or z > z_hi"
			: "z = (ln(mean over bands of the raw spectrum) - shape_coefficients . f(s) - log_mean) / log_sd, s_j = ln(max(x_j, 1e-4 mean) / mean), " +
				"f = (1, s_1..s_D, s_j s_k for j <= k in row order); flagged when z < z_lo or z > z_hi");
		o.addProperty("log_mean", mu);
		o.addProperty("log_sd", sigma);
		o.addProperty("z_lo", lo);
		o.addProperty("z_hi", hi);
		if (coefficients != null) {
			final com.google.gson.JsonArray c = new com.google.gson.JsonArray();
			for (final double v : coefficients) c.add(v);
			o.add("shape_coefficients", c);
		}
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
		final String kind = o.has("kind") ? o.get("kind").getAsString() : KIND;
		if (!KIND.equals(kind) && !KIND_GIVEN_SHAPE.equals(kind))
			throw new IllegalArgumentException(where + ": 'details." + DETAILS + ".kind' is '" + kind + "', expected " + KIND + " or " + KIND_GIVEN_SHAPE);
		double[] coefficients = null;
		if (KIND_GIVEN_SHAPE.equals(kind)) {
			final JsonElement c = o.get("shape_coefficients");
			if (c == null || !c.isJsonArray())
				throw new IllegalArgumentException(where + ": 'details." + DETAILS + ".shape_coefficients' is missing or not a list of numbers");
			coefficients = new double[c.getAsJsonArray().size()];
			for (int i = 0; i < coefficients.length; i++) {
				final JsonElement v = c.getAsJsonArray().get(i);
				if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber() || !Double.isFinite(v.getAsDouble()))
					throw new IllegalArgumentException(where + ": 'details." + DETAILS + ".shape_coefficients' holds " + v + ", not a finite number");
				coefficients[i] = v.getAsDouble();
			}
		}
		final double mu = number(o, "log_mean", where), sigma = number(o, "log_sd", where), lo = number(o, "z_lo", where), hi = number(o, "z_hi", where);
		final String p = problem(mu, sigma, lo, hi);
		if (p != null) throw new IllegalArgumentException(where + ": 'details." + DETAILS + "': " + p + "; recalibrate it (innsight ood-intensity)");
		return new IntensityScore(mu, sigma, lo, hi, coefficients);
	}

	/**
	 * As {@link #fromJson(JsonElement, String)}, checking that a shape regression fits {@code bands} bands.
	 */
	public static IntensityScore fromJson(final JsonElement e, final int bands, final String where) {
		final IntensityScore s = fromJson(e, where);
		if (s.coefficients != null && s.coefficients.length != features(bands))
			throw new IllegalArgumentException(where + ": 'details." + DETAILS + ".shape_coefficients' has " + s.coefficients.length + " values, " + bands +
				" bands need " + features(bands));
		return s;
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
		return String.format(Locale.ROOT, "intensity z of ln(mean reflectance)%s, mean %.4f sd %.4f, bounds [%.3f, %.3f]",
			coefficients == null ? "" : " less its shape's prediction", mu, sigma, lo, hi);
	}
}
