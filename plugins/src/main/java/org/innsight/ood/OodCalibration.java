package org.innsight.ood;

import java.util.SplittableRandom;

import org.innsight.engine.ModelCard;
import org.innsight.image.Normalisation;
import org.innsight.inn.InnTrainer;

import com.google.gson.JsonObject;

/**
 * Adds an {@link IntensityScore} and optionally a {@link HighlightScore} to an OOD model trained without them and
 * recalibrates its WAIC threshold, so that the final flag (WAIC above the threshold OR intensity outside its bounds
 * OR highlight above its threshold) flags at most about {@code waicFpr + intensityShare + highlightShare} of
 * ordinary tissue (less where the scores flag the same rows). All are calibrated on the rows {@link OodTrainer} held out from every member: the
 * same seeded permutation of the training table ({@code training.seed}, {@code details.calibration_rows}), so the
 * table must be the card's own training table (the caller checks its SHA-256). Only the card changes.
 */
public final class OodCalibration {

	/**
	 * @param threshold the new WAIC threshold (flags {@code waicFpr} of the calibration rows)
	 * @param previousThreshold the card's threshold before
	 * @param rows calibration rows used
	 * @param waicShare share of them the new threshold flags
	 * @param intensityShare share the intensity bounds flag
	 * @param highlight the highlight score, null when none was asked for
	 * @param highlightShare share it flags (0 without one)
	 * @param combinedShare share the final flag flags
	 */
	public record Result(IntensityScore intensity, double threshold, double previousThreshold, double waicFpr, int rows, double waicShare,
		double intensityShare, HighlightScore highlight, double highlightShare, double combinedShare)
	{}

	/** Most training rows the shape regression is fitted on. */
	public static final int MAX_FIT_ROWS = 100_000;

	private OodCalibration() {}

	/**
	 * @param model the loaded model (its card names the training seed and calibration rows)
	 * @param training the card's training table, band columns as the card's inputs
	 * @param highlightShare share of the calibration rows the highlight score may flag; 0 for no highlight score
	 * @param givenShape the shape-conditioned intensity score ({@link IntensityScore#KIND_GIVEN_SHAPE}), its regression fitted on
	 *        the rows the members were trained on (at most {@value #MAX_FIT_ROWS}), not on the calibration rows
	 * @param where the card file, for messages
	 */
	public static Result run(final OodModel model, final TableSpectra training, final double intensityShare, final double waicFpr,
		final double highlightShare, final boolean givenShape, final String where)
	{
		final ModelCard card = model.card();
		if (model.normalisation() != Normalisation.NONE)
			throw new IllegalArgumentException(where + ": the model normalises each spectrum (" + model.normalisation() +
				"); its training table holds normalised spectra, whose brightness says nothing about exposure. The intensity score needs raw spectra.");
		if (!(waicFpr > 0 && waicFpr < 0.5)) throw new IllegalArgumentException("--fpr must be in (0, 0.5), got " + waicFpr);
		if (!(highlightShare >= 0 && highlightShare < 0.5)) throw new IllegalArgumentException("--highlight-share must be in [0, 0.5), got " + highlightShare);
		if (!card.details.has("calibration_rows")) throw new IllegalArgumentException(where + ": 'details.calibration_rows' is missing");
		final int n = training.rows(), d = training.bands(), m = card.details.get("calibration_rows").getAsInt();
		if (m < 20 || m >= n) throw new IllegalArgumentException(where + ": " + m + " calibration rows of a " + n + "-row table cannot be right");
		// the trainer's split: the first calibration_rows of a permutation seeded with training.seed
		final int[] order = InnTrainer.permutation(n, new SplittableRandom(card.training.seed));
		final float[] x = new float[m * d], all = training.values();
		for (int i = 0; i < m; i++) System.arraycopy(all, order[i] * d, x, i * d, d);
		final float[] score = model.score(x, m);
		final double threshold = Roc.thresholdAtFpr(score, waicFpr);
		double[] coefficients = null;
		if (givenShape) {
			final int fit = Math.min(n - m, MAX_FIT_ROWS);
			final float[] f = new float[fit * d];
			for (int i = 0; i < fit; i++) System.arraycopy(all, order[m + i] * d, f, i * d, d);
			coefficients = IntensityScore.fitShape(f, fit, d);
		}
		final IntensityScore intensity = IntensityScore.calibrate(x, m, d, intensityShare, coefficients);
		final float[] z = intensity.z(x, m, d);
		HighlightScore highlight = null;
		float[] h = null;
		if (highlightShare > 0) {
			final HighlightScore uncalibrated = new HighlightScore(HighlightScore.DEFAULT_OFFSETS, white(training), 0);
			h = uncalibrated.values(model, x, m, score);
			final double t = Roc.thresholdAtFpr(h, highlightShare);
			if (!Double.isFinite(t))
				throw new IllegalArgumentException(where + ": the highlight score cannot be calibrated: more than " + 100 * highlightShare +
					"% of the calibration rows of the training table cannot be scored");
			highlight = uncalibrated.withThreshold(t);
		}
		int byWaic = 0, byIntensity = 0, byHighlight = 0, any = 0;
		for (int i = 0; i < m; i++) {
			final boolean w = OodModel.isOutOfDistributionAt(score[i], threshold), in = intensity.outside(z[i]), hi = highlight != null && highlight.outside(h[i]);
			if (w) byWaic++;
			if (in) byIntensity++;
			if (hi) byHighlight++;
			if (w || in || hi) any++;
		}
		return new Result(intensity, threshold, model.threshold(), waicFpr, m, byWaic / (double) m, byIntensity / (double) m, highlight,
			byHighlight / (double) m, any / (double) m);
	}

	/**
	 * The camera's response to a white reflector, per band: the gains of the camera the table's header records (a
	 * highlight adds offset x gain to each band, as {@link OodSets} simulates it), or 1 per band without a camera.
	 */
	static float[] white(final TableSpectra training) {
		final float[] w = new float[training.bands()];
		java.util.Arrays.fill(w, 1f);
		final JsonObject camera = training.camera();
		if (camera != null && camera.has("gain")) {
			final com.google.gson.JsonElement g = camera.get("gain");
			if (g.isJsonArray() && g.getAsJsonArray().size() == w.length)
				for (int j = 0; j < w.length; j++) w[j] = g.getAsJsonArray().get(j).getAsFloat();
			else if (g.isJsonPrimitive()) java.util.Arrays.fill(w, g.getAsFloat());
		}
		return w;
	}

	/** Writes the result into a card's JSON (details.intensity, the new threshold, the old one kept beside it). */
	public static JsonObject apply(final JsonObject card, final Result r) {
		final JsonObject details = card.getAsJsonObject("details");
		details.add(IntensityScore.DETAILS, r.intensity().toJson());
		if (r.highlight() != null) details.add(HighlightScore.DETAILS, r.highlight().toJson());
		else details.remove(HighlightScore.DETAILS);
		if (!details.has("threshold_waic_only")) {
			details.add("threshold_waic_only", details.get("threshold"));
			if (details.has("fpr")) details.add("fpr_waic_only", details.get("fpr"));
		}
		details.addProperty("threshold", r.threshold());
		details.addProperty("fpr", r.waicFpr());
		final JsonObject v = card.has("validation") ? card.getAsJsonObject("validation") : new JsonObject();
		v.addProperty("calibration_waic_flagged_fraction", r.waicShare());
		v.addProperty("calibration_intensity_flagged_fraction", r.intensityShare());
		if (r.highlight() != null) v.addProperty("calibration_highlight_flagged_fraction", r.highlightShare());
		else v.remove("calibration_highlight_flagged_fraction");
		v.addProperty("calibration_combined_flagged_fraction", r.combinedShare());
		card.add("validation", v);
		return card;
	}
}
