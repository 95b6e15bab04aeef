package org.innsight.ood;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * How well an OOD model separates in-distribution spectra from an out-of-distribution set, for the ensemble's
 * WAIC score and, for comparison, for plain likelihoods: the first member's negative log-likelihood (a single
 * model) and the ensemble's mean negative log-likelihood (no variance term).
 */
public final class OodValidation {

	/** One score's figures. */
	public record Method(String name, String description, Roc roc) {

		public double auroc() {
			return roc.auroc();
		}

		public double fprAt95Tpr() {
			return roc.fprAtTpr(0.95);
		}
	}

	/**
	 * @param threshold the model's stored threshold (WAIC score)
	 * @param idFlagged fraction of the in-distribution spectra the stored threshold flags
	 * @param oodFlagged fraction of the OOD spectra it flags
	 * @param intensity what the card's intensity and highlight scores and the final flag flag; null for a card with neither (WAIC only)
	 */
	public record Report(String model, int members, int idRows, int oodRows, List<Method> methods, double threshold, double idFlagged,
		double oodFlagged, FinalFlags intensity)
	{
		public Method method(final String name) {
			for (final Method m : methods) if (m.name().equals(name)) return m;
			throw new IllegalArgumentException("no method " + name);
		}

		/** The report as lines for a terminal. */
		public String text(final String idName, final String oodName) {
			final StringBuilder b = new StringBuilder();
			b.append(String.format(Locale.ROOT, "OOD model %s (%d members): in-distribution %s (%d spectra) vs out-of-distribution %s (%d spectra)%n",
				model, members, idName, idRows, oodName, oodRows));
			b.append(String.format(Locale.ROOT, "%-22s %8s %14s%n", "score", "AUROC", "FPR@95%TPR"));
			for (final Method m : methods)
				b.append(String.format(Locale.ROOT, "%-22s %8.4f %14.4f%n", m.name(), m.auroc(), m.fprAt95Tpr()));
			b.append(String.format(Locale.ROOT, "stored threshold %.4f flags %.2f%% of in-distribution and %.2f%% of out-of-distribution spectra%n",
				threshold, 100 * idFlagged, 100 * oodFlagged));
			if (intensity == null) b.append("the card has no intensity or highlight score (details.intensity, details.highlight): the final flag is WAIC only\n");
			else {
				if (intensity.intensity() != null) b.append(String.format(Locale.ROOT,
					"intensity bounds [%.3f, %.3f] flag %.2f%% of in-distribution and %.2f%% of out-of-distribution spectra%n", intensity.intensity().lo(),
					intensity.intensity().hi(), 100 * intensity.idIntensity(), 100 * intensity.oodIntensity()));
				if (intensity.highlight() != null) b.append(String.format(Locale.ROOT,
					"highlight threshold %.4f flags %.2f%% of in-distribution and %.2f%% of out-of-distribution spectra%n", intensity.highlight().threshold(),
					100 * intensity.idHighlight(), 100 * intensity.oodHighlight()));
				b.append(String.format(Locale.ROOT, "final flag (WAIC%s%s) flags %.2f%% of in-distribution and %.2f%% of out-of-distribution spectra%n",
					intensity.intensity() == null ? "" : " or intensity", intensity.highlight() == null ? "" : " or highlight", 100 * intensity.idFinal(),
					100 * intensity.oodFinal()));
			}
			return b.toString();
		}

		public JsonObject toJson(final String idName, final String oodName) {
			final JsonObject o = new JsonObject();
			o.addProperty("model", model);
			o.addProperty("members", members);
			o.addProperty("in_distribution", idName);
			o.addProperty("in_distribution_rows", idRows);
			o.addProperty("out_of_distribution", oodName);
			o.addProperty("out_of_distribution_rows", oodRows);
			final JsonArray ms = new JsonArray();
			for (final Method m : methods) {
				final JsonObject j = new JsonObject();
				j.addProperty("score", m.name());
				j.addProperty("description", m.description());
				j.addProperty("auroc", m.auroc());
				j.addProperty("fpr_at_95_tpr", m.fprAt95Tpr());
				ms.add(j);
			}
			o.add("scores", ms);
			o.addProperty("threshold", threshold);
			o.addProperty("in_distribution_flagged", idFlagged);
			o.addProperty("out_of_distribution_flagged", oodFlagged);
			if (intensity != null) {
				if (intensity.intensity() != null) {
					o.addProperty("intensity_z_lo", intensity.intensity().lo());
					o.addProperty("intensity_z_hi", intensity.intensity().hi());
					o.addProperty("in_distribution_intensity_flagged", intensity.idIntensity());
					o.addProperty("out_of_distribution_intensity_flagged", intensity.oodIntensity());
				}
				if (intensity.highlight() != null) {
					o.addProperty("highlight_threshold", intensity.highlight().threshold());
					o.addProperty("in_distribution_highlight_flagged", intensity.idHighlight());
					o.addProperty("out_of_distribution_highlight_flagged", intensity.oodHighlight());
				}
				o.addProperty("in_distribution_final_flagged", intensity.idFinal());
				o.addProperty("out_of_distribution_final_flagged", intensity.oodFinal());
			}
			return o;
		}
	}

	/**
	 * Shares flagged by the intensity score alone, the highlight score alone and the final flag (WAIC or intensity or
	 * highlight), of the in-distribution and the out-of-distribution set.
	 *
	 * @param intensity the card's, or null
	 * @param highlight the card's, or null
	 */
	public record FinalFlags(IntensityScore intensity, HighlightScore highlight, double idIntensity, double oodIntensity, double idHighlight,
		double oodHighlight, double idFinal, double oodFinal)
	{}

	public static final String WAIC = "waic", SINGLE = "single-model-nll", MEAN = "ensemble-mean-nll";

	private OodValidation() {}

	/** Scores both sets with every member and compares the three scores. */
	public static Report run(final OodModel model, final TableSpectra inDistribution, final TableSpectra outOfDistribution) {
		checkBands(model, inDistribution, "in-distribution");
		checkBands(model, outOfDistribution, "out-of-distribution");
		final double[][] idLogP = model.memberLogDensities(inDistribution.values(), inDistribution.rows());
		final double[][] oodLogP = model.memberLogDensities(outOfDistribution.values(), outOfDistribution.rows());
		final int d = model.bands();
		final List<Method> methods = new ArrayList<>();
		final Waic.Scores idScores = Waic.of(idLogP, d), oodScores = Waic.of(oodLogP, d);
		final float[] idWaic = idScores.score(), oodWaic = oodScores.score();
		methods.add(new Method(WAIC, "-WAIC/D of the " + model.members() + "-member ensemble", new Roc(idWaic, oodWaic)));
		methods.add(new Method(SINGLE, "-log p/D of member 1 alone", new Roc(nll(idLogP, 0, 1, d), nll(oodLogP, 0, 1, d))));
		if (model.members() > 1)
			methods.add(new Method(MEAN, "-mean_m log p_m/D (ensemble, no variance term)",
				new Roc(nll(idLogP, 0, idLogP.length, d), nll(oodLogP, 0, oodLogP.length, d))));
		final double t = model.threshold();
		final Roc waic = methods.get(0).roc();
		FinalFlags f = null;
		if (model.intensity() != null || model.highlight() != null) {
			final double[] id = shares(model, inDistribution, idScores), ood = shares(model, outOfDistribution, oodScores);
			f = new FinalFlags(model.intensity(), model.highlight(), id[0], ood[0], id[1], ood[1], id[2], ood[2]);
		}
		return new Report(model.name(), model.members(), inDistribution.rows(), outOfDistribution.rows(), methods, t, waic.falsePositiveRate(t),
			waic.truePositiveRate(t), f);
	}

	/** {share flagged by intensity alone, by highlight alone, by the final flag}, given the spectra's WAIC scores. */
	private static double[] shares(final OodModel model, final TableSpectra s, final Waic.Scores waic) {
		final OodModel.Verdicts v = model.judge(s.values(), s.rows(), waic);
		final double n = s.rows();
		return new double[] { v.intensityFlagged() / n, v.highlightFlagged() / n, v.flagged() / n };
	}

	/** -mean over members [from, to) of log p, per band; NaN-free: non-finite log p gives +infinity. */
	private static float[] nll(final double[][] logP, final int from, final int to, final int d) {
		final int n = logP[0].length;
		final float[] out = new float[n];
		for (int i = 0; i < n; i++) {
			double s = 0;
			for (int m = from; m < to; m++) s += logP[m][i];
			final double v = -s / (to - from) / d;
			out[i] = Double.isNaN(v) ? Float.POSITIVE_INFINITY : (float) v;
		}
		return out;
	}

	static void checkBands(final OodModel model, final TableSpectra s, final String what) {
		if (s.bands() != model.bands())
			throw new IllegalArgumentException("the " + what + " spectra have " + s.bands() + " bands, model " + model.name() + " expects " + model.bands());
		final double[] nm = model.wavelengthsNm();
		if (nm != null && s.wavelengthsNm() != null)
			org.innsight.image.Wavelengths.check(what + " table", s.wavelengthsNm(), model.name(), nm, org.innsight.image.Wavelengths.DEFAULT_TOLERANCE_NM);
	}
}
