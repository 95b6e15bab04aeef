package org.innsight.ood;

import java.util.ArrayList;
import java.util.List;

import org.innsight.io.Table;
import org.innsight.request.Outputs;

import com.google.gson.JsonObject;

/** The OOD scores of a table's spectra, one row per spectrum ({@code innsight ood --table}). */
public final class OodTableScores {

	/** Name of the output table. */
	public static final String SCORES = "ood_scores";

	/** Names of the statistics: spectra flagged, spectra scored, the model's threshold. */
	public static final String FLAGGED = "flagged", SPECTRA = "spectra", THRESHOLD = "threshold";

	private OodTableScores() {}

	/**
	 * Table {@value #SCORES} with columns {@code row}, {@code ood_score} (-WAIC per band), {@code ood_flag} (1 =
	 * above the model's threshold, or intensity or highlight outside their bounds: {@link OodModel#judge}),
	 * {@code intensity_z} (only when the card has an {@link IntensityScore}), {@code highlight} (only when it has a {@link HighlightScore}) and {@code ood_spread} (standard deviation of log p over the members), its header
	 * naming the model, threshold and {@code source}; statistics {@value #FLAGGED}, {@value #SPECTRA},
	 * {@value #THRESHOLD}.
	 *
	 * @param source where the spectra came from (the input table's path, as given), for the header
	 * @throws IllegalArgumentException if the spectra have another number of bands than the model
	 */
	public static Outputs run(final TableSpectra spectra, final OodModel model, final String source) {
		if (spectra.bands() != model.bands())
			throw new IllegalArgumentException(source + ": " + spectra.bands() + " spectral columns, model " + model.name() + " expects " + model.bands());
		final OodModel.Verdicts v = model.judge(spectra.values(), spectra.rows());
		final Waic.Scores scores = v.waic();
		final float[] z = v.intensityZ(), h = v.highlight();
		final int n = spectra.rows();
		final float[] row = new float[n], flag = new float[n];
		for (int i = 0; i < n; i++) {
			row[i] = i;
			flag[i] = v.flag()[i] ? 1 : 0;
		}
		final int flagged = v.flagged();
		final JsonObject header = new JsonObject();
		header.addProperty("ood_model", model.name());
		header.addProperty("threshold", model.threshold());
		header.addProperty("input", source);
		header.addProperty("score", "-WAIC per band (nats); ood_flag 1 = above the threshold" + (z == null ? "" : " or intensity_z outside the bounds") +
			(h == null ? "" : " or highlight above its threshold") + "; ood_spread = sd of log p over members (nats)" +
			(z == null ? "" : "; intensity_z = z of ln(mean over bands)") +
			(h == null ? "" : "; highlight = score minus the best score of the spectrum less a white offset"));
		if (z == null) header.addProperty("intensity", "the model's card has no intensity score: WAIC only");
		else header.add("intensity", model.intensity().toJson());
		if (h != null) header.add("highlight", model.highlight().toJson());
		final List<String> names = new ArrayList<>(List.of("row", "ood_score", "ood_flag", "ood_spread"));
		final List<float[]> cols = new ArrayList<>(List.of(row, scores.score(), flag, scores.spread()));
		if (z != null) {
			names.add("intensity_z");
			cols.add(z);
		}
		if (h != null) {
			names.add("highlight");
			cols.add(h);
		}
		final Table table = new Table(names, cols.toArray(new float[0][]), header, "ood scores");
		return new Outputs().table(SCORES, table).statistic(FLAGGED, flagged).statistic(SPECTRA, n).statistic(THRESHOLD, model.threshold());
	}
}
