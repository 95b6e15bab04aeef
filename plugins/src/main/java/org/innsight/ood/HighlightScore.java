package org.innsight.ood;

import java.util.Arrays;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The third OOD score: whether a spectrum is better explained as some spectrum plus a white specular highlight.
 * A weak highlight (a white offset of 0.1 in reflectance) lifts the dark haemoglobin bands and flattens the
 * spectrum so that it still lies near the tissue manifold: the WAIC ensemble, which has to look in every direction
 * at once, lets a third of such spectra through, though a classifier told about highlights separates them almost
 * perfectly. This score asks the ensemble the one question a highlight poses, a generalised likelihood-ratio test
 * for a known artefact:
 * <pre>
 *     h(x) = score(x) - min_k score(x - s_k w)          (score = -WAIC / D of {@link OodModel#score})
 * </pre>
 * with w the camera's response to a white reflector (its per-band gains; a highlight adds {@code offset x gain} to
 * each band) and s_k a fixed grid of offsets. For ordinary tissue, taking light away moves the spectrum off the
 * tissue manifold and every shifted score is worse, so h stays near 0 or below; for tissue under a highlight, one
 * offset moves it back onto the manifold and h is large. A shifted spectrum below the camera's noise floor scores
 * +infinity and drops out of the minimum. A spectrum is out of distribution when h is above the threshold,
 * calibrated on held-out tissue ({@link OodCalibration}); h is NaN when neither x nor any shift can be scored
 * (such spectra are flagged by the WAIC score itself). Costs {@code offsets} more ensemble evaluations per spectrum.
 * Stored in the OOD card under {@code details.highlight} ({@link #toJson()}).
 */
public final class HighlightScore {

	/** The card's {@code details} entry. */
	public static final String DETAILS = "highlight";
	/** {@code details.highlight.kind}. */
	public static final String KIND = "white-offset-likelihood-ratio";

	/** The default grid of offsets (reflectance units): 0.03 x sqrt(2)^k, k = 0..7, up to 0.34. */
	public static final double[] DEFAULT_OFFSETS = { 0.03, 0.0424, 0.06, 0.0849, 0.12, 0.17, 0.24, 0.34 };

	private final double[] offsets;
	private final float[] white;
	private final double threshold;

	/**
	 * @param offsets the offsets s_k, positive and finite
	 * @param white the highlight's direction w per band (the camera's gains), finite, not all zero
	 * @param threshold h above it flags a spectrum (finite)
	 */
	public HighlightScore(final double[] offsets, final float[] white, final double threshold) {
		final String p = problem(offsets, white, threshold);
		if (p != null) throw new IllegalArgumentException(p);
		this.offsets = offsets.clone();
		this.white = white.clone();
		this.threshold = threshold;
	}

	private static String problem(final double[] offsets, final float[] white, final double threshold) {
		if (offsets.length == 0) return "there must be at least one offset";
		for (final double s : offsets) if (!(s > 0 && Double.isFinite(s))) return "offsets must be positive finite numbers, not " + s;
		boolean any = false;
		for (final float v : white) {
			if (!Float.isFinite(v)) return "the white response must be finite numbers, not " + v;
			any |= v != 0;
		}
		if (!any) return "the white response is zero in every band";
		if (!Double.isFinite(threshold)) return "the threshold must be a finite number, not " + threshold;
		return null;
	}

	/**
	 * h of each of {@code rows} raw spectra, given their own scores.
	 *
	 * @param model scores the shifted spectra
	 * @param score {@code model.score(spectra, rows)}
	 */
	public float[] values(final OodModel model, final float[] spectra, final int rows, final float[] score) {
		final int b = white.length;
		if (b != model.bands()) throw new IllegalArgumentException("the highlight score has " + b + " bands, the model " + model.bands());
		final float[] best = new float[rows];
		Arrays.fill(best, Float.POSITIVE_INFINITY);
		final float[] shifted = new float[spectra.length];
		for (final double s : offsets) {
			for (int r = 0; r < rows; r++)
				for (int j = 0; j < b; j++) shifted[r * b + j] = (float) (spectra[r * b + j] - s * white[j]);
			final float[] sc = model.score(shifted, rows);
			for (int r = 0; r < rows; r++) if (sc[r] < best[r]) best[r] = sc[r];
		}
		final float[] h = new float[rows];
		for (int r = 0; r < rows; r++) {
			// an unscorable spectrum (+inf) that some shift makes scorable gets +inf; nothing scorable gives NaN
			h[r] = best[r] == Float.POSITIVE_INFINITY ? (score[r] < Float.POSITIVE_INFINITY ? Float.NEGATIVE_INFINITY : Float.NaN) : score[r] - best[r];
		}
		return h;
	}

	/** Whether h flags a spectrum: above the threshold (NaN does not; the WAIC score flags those spectra). */
	public boolean outside(final double h) {
		return h > threshold;
	}

	public double threshold() {
		return threshold;
	}

	/** This score with another threshold. */
	public HighlightScore withThreshold(final double t) {
		return new HighlightScore(offsets, white, t);
	}

	public double[] offsets() {
		return offsets.clone();
	}

	public float[] white() {
		return white.clone();
	}

	/** The card entry. */
	public JsonObject toJson() {
		final JsonObject o = new JsonObject();
		o.addProperty("kind", KIND);
		o.addProperty("formula", "h = score(x) - min_k score(x - offsets_k * white); flagged when h > threshold");
		final JsonArray s = new JsonArray(), w = new JsonArray();
		for (final double v : offsets) s.add(v);
		for (final float v : white) w.add(v);
		o.add("offsets", s);
		o.add("white", w);
		o.addProperty("threshold", threshold);
		return o;
	}

	/**
	 * Reads a card entry.
	 *
	 * @param bands the card's band count
	 * @param where the card file, named in every message
	 */
	public static HighlightScore fromJson(final JsonElement e, final int bands, final String where) {
		final String at = where + ": 'details." + DETAILS;
		if (e == null || !e.isJsonObject()) throw new IllegalArgumentException(at + "' must be an object");
		final JsonObject o = e.getAsJsonObject();
		if (o.has("kind") && !KIND.equals(o.get("kind").getAsString()))
			throw new IllegalArgumentException(at + ".kind' is '" + o.get("kind").getAsString() + "', expected " + KIND);
		final double[] offsets = numbers(o, "offsets", at);
		final double[] w = numbers(o, "white", at);
		if (w.length != bands) throw new IllegalArgumentException(at + ".white' has " + w.length + " values, the model has " + bands + " bands");
		final float[] white = new float[w.length];
		for (int j = 0; j < w.length; j++) white[j] = (float) w[j];
		final JsonElement t = o.get("threshold");
		if (t == null || !t.isJsonPrimitive() || !t.getAsJsonPrimitive().isNumber()) throw new IllegalArgumentException(at + ".threshold' is missing or not a number");
		final String p = problem(offsets, white, t.getAsDouble());
		if (p != null) throw new IllegalArgumentException(at + "': " + p + "; recalibrate it (innsight ood-calibrate)");
		return new HighlightScore(offsets, white, t.getAsDouble());
	}

	private static double[] numbers(final JsonObject o, final String key, final String at) {
		final JsonElement v = o.get(key);
		if (v == null || !v.isJsonArray()) throw new IllegalArgumentException(at + "." + key + "' is missing or not a list of numbers");
		final JsonArray a = v.getAsJsonArray();
		final double[] out = new double[a.size()];
		for (int i = 0; i < out.length; i++) {
			final JsonElement x = a.get(i);
			if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) throw new IllegalArgumentException(at + "." + key + "' holds " + x + ", not a number");
			out[i] = x.getAsDouble();
		}
		return out;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "highlight likelihood ratio over %d white offsets %.3f-%.3f, threshold %.4f", offsets.length, offsets[0],
			offsets[offsets.length - 1], threshold);
	}
}
