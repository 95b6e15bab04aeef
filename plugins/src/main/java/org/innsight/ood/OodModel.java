package org.innsight.ood;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.engine.InputRange;
import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelLookup;
import org.innsight.engine.ModelFolder;
import org.innsight.inn.InnArchitecture;
import org.innsight.inn.InnModel;
import org.innsight.inn.InvertibleNetwork;
import org.innsight.image.Normalisation;
import org.innsight.io.Table;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import ai.djl.ndarray.NDManager;

/**
 * An out-of-distribution model: an ensemble of unconditional INN density models of camera spectra, and the
 * score threshold calibrated on held-out in-distribution spectra. What other capabilities use:
 * <pre>
 * try (OodModel ood = OodModel.load("msi-ood-16band", Device.AUTO)) {
 *     float[] score = ood.score(spectra, rows);       // raw camera spectra, rows x ood.bands()
 *     boolean out = ood.isOutOfDistribution(score[i]); // score > ood.threshold(), or not finite
 * }
 * </pre>
 * Spectra go in as the camera measures them (an image's raw pixels) or as a table stores them: each is first
 * normalised like the training table's camera (none, L1 or L2 — idempotent, so normalised table rows are
 * unchanged), then mapped by the camera's variance-stabilising {@link NoiseStabiliser} (when the card has one),
 * then every member computes log p_m(x) (its standardisation's Jacobian included), and {@link Waic} turns them into
 * the score -WAIC / D. Thread-safe for concurrent scoring.
 */
public final class OodModel implements AutoCloseable {

	/** The card's {@code kind}. */
	public static final String KIND = "ood-waic-ensemble";
	/** What the card's single output is. */
	public static final String SCORE = "ood_score";
	/** The card's {@code details} entry describing the {@link NoiseStabiliser}. */
	public static final String TRANSFORM = "spectrum_transform";

	private final ModelCard card;
	private final List<InvertibleNetwork> networks;
	private final List<InnModel> members;
	private final NDManager root;
	private final Normalisation normalisation;
	private final NoiseStabiliser stabiliser;
	private final double threshold;
	private final IntensityScore intensity;
	private final HighlightScore highlight;

	OodModel(final ModelCard card, final List<InvertibleNetwork> networks, final NDManager root) {
		this.card = card;
		this.networks = List.copyOf(networks);
		this.root = root;
		final List<InnModel> ms = new ArrayList<>();
		for (final InvertibleNetwork net : networks) ms.add(InnModel.of(net, memberCard(card, net.architecture().targets)));
		this.members = Collections.unmodifiableList(ms);
		this.normalisation = Normalisation.parse(card.inputs.normalisation == null ? "none" : card.inputs.normalisation.kind);
		this.stabiliser = NoiseStabiliser.fromJson(card.details.has(TRANSFORM) ? card.details.getAsJsonObject(TRANSFORM) : null, card.name);
		this.threshold = card.details.has("threshold") ? card.details.get("threshold").getAsDouble() : Double.NaN;
		this.intensity = card.details.has(IntensityScore.DETAILS) ? IntensityScore.fromJson(card.details.get(IntensityScore.DETAILS), card.inputs.names.size(), card.name)
			: null;
		this.highlight = card.details.has(HighlightScore.DETAILS)
			? HighlightScore.fromJson(card.details.get(HighlightScore.DETAILS), card.inputs.names.size(), card.name) : null;
	}

	/** Loads a model by folder path or by name, looked up by {@link ModelLookup}. */
	public static OodModel load(final String nameOrPath, final Device device) throws IOException {
		return load(ModelLookup.standard().resolve(nameOrPath), device);
	}

	/** Loads a model folder (checked against its card's SHA-256 sums). */
	public static OodModel load(final Path folder, final Device device) throws IOException {
		return load(ModelFolder.load(folder), device);
	}

	public static OodModel load(final ModelFolder folder, final Device device) throws IOException {
		final ModelCard card = folder.card();
		final String where = folder.dir().resolve(ModelCard.FILE_NAME).toString();
		if (!KIND.equals(card.kind))
			throw new IllegalArgumentException(where + ": model '" + card.name + "' is a '" + card.kind + "' model, not an OOD model (" + KIND + ")");
		if (!card.details.has("members") || !card.details.get("members").isJsonArray() || card.details.getAsJsonArray("members").isEmpty())
			throw new IllegalArgumentException(where + ": 'details.members' is missing or empty");
		if (!card.details.has("threshold")) throw new IllegalArgumentException(where + ": 'details.threshold' is missing");
		if (!finiteNumber(card.details.get("threshold")))
			throw new IllegalArgumentException(where + ": 'details.threshold' must be a finite number, not " + card.details.get("threshold") +
				"; calibrate the model again (innsight train-ood)");
		if (card.details.has(IntensityScore.DETAILS)) IntensityScore.fromJson(card.details.get(IntensityScore.DETAILS), card.inputs.names.size(), where);
		if (card.details.has(HighlightScore.DETAILS)) HighlightScore.fromJson(card.details.get(HighlightScore.DETAILS), card.inputs.names.size(), where);
		final NDManager root = Engines.newManager(device);
		final List<InvertibleNetwork> nets = new ArrayList<>();
		try {
			for (final var e : card.details.getAsJsonArray("members")) {
				final JsonObject m = e.getAsJsonObject();
				final InnArchitecture arch = InnArchitecture.fromJson(m.getAsJsonObject("architecture"), where);
				if (arch.conditions != 0 || arch.targets != card.inputs.names.size() || arch.padding != 0)
					throw new IllegalArgumentException(where + ": member " + m.get("file") + " must model " + card.inputs.names.size() +
						" bands unconditionally, its architecture has " + arch.targets + " targets, " + arch.padding + " padding, " +
						arch.conditions + " conditions");
				final InvertibleNetwork net = InvertibleNetwork.create(arch, root);
				nets.add(net);
				final Path weights = folder.file(m.get("file").getAsString());
				try (InputStream in = Files.newInputStream(weights)) {
					net.load(in, weights.toString());
				}
			}
			return new OodModel(card, nets, root);
		}
		catch (final IOException | RuntimeException e) {
			for (final InvertibleNetwork n : nets) n.close();
			root.close();
			throw e;
		}
	}

	private static boolean finiteNumber(final JsonElement e) {
		return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() && Double.isFinite(e.getAsDouble());
	}

	/** Writes the members' weights and the card to a new model folder (or over an old one with {@code replace}). */
	public ModelFolder save(final Path dir, final boolean replace) throws IOException {
		final Map<String, ModelFolder.Content> files = new LinkedHashMap<>();
		final JsonArray ms = card.details.getAsJsonArray("members");
		for (int k = 0; k < networks.size(); k++) files.put(ms.get(k).getAsJsonObject().get("file").getAsString(), networks.get(k)::save);
		return ModelFolder.save(dir, card, files, replace);
	}

	/**
	 * Per spectrum: the OOD score (-WAIC / D), the members' mean log-density and their spread.
	 *
	 * @param spectra rows x {@link #bands()} values, row-major, band order as {@link #wavelengthsNm()}; not changed
	 */
	public Waic.Scores evaluate(final float[] spectra, final int rows) {
		return Waic.of(memberLogDensities(spectra, rows), bands());
	}

	/** The OOD score of each spectrum (higher = more out of distribution; +infinity if it cannot be scored). */
	public float[] score(final float[] spectra, final int rows) {
		return evaluate(spectra, rows).score();
	}

	/**
	 * log p_m of each spectrum under each member m: [member][row], in nats, as a density of the normalised and
	 * noise-stabilised spectrum (see the class comment). Spectra with a non-finite value, or below the camera's
	 * noise floor, get -infinity from every member.
	 */
	public double[][] memberLogDensities(final float[] spectra, final int rows) {
		final int b = bands();
		if (rows < 0 || spectra.length != (long) rows * b)
			throw new IllegalArgumentException("expected " + rows + " spectra x " + b + " bands (" + card.name + "), got " + spectra.length + " values");
		final float[] x = spectra.clone();
		for (int r = 0; r < rows; r++) {
			normalisation.apply(x, r * b, b);
			stabiliser.apply(x, r * b, b);
		}
		return memberLogDensitiesOfTransformed(x, rows);
	}

	/** {@link #memberLogDensities} of spectra already normalised and stabilised; {@code x} may be changed. */
	double[][] memberLogDensitiesOfTransformed(final float[] x, final int rows) {
		final int b = bands();
		final boolean[] bad = new boolean[rows];
		for (int r = 0; r < rows; r++) {
			boolean finite = true;
			for (int j = 0; j < b; j++) finite &= Float.isFinite(x[r * b + j]);
			if (!finite) {
				bad[r] = true; // scored as zeros, then overwritten: the networks never see NaN
				java.util.Arrays.fill(x, r * b, (r + 1) * b, 0f);
			}
		}
		final double[][] out = new double[members.size()][];
		for (int m = 0; m < out.length; m++) {
			out[m] = members.get(m).logDensity(x, null, rows);
			for (int r = 0; r < rows; r++) if (bad[r]) out[m][r] = Double.NEGATIVE_INFINITY;
		}
		return out;
	}

	/** Scores above this flag a spectrum (calibrated to flag {@link #calibrationFpr()} of held-out training spectra). */
	public double threshold() {
		return threshold;
	}

	/** The false-positive rate the threshold was calibrated for. */
	public double calibrationFpr() {
		return card.details.has("fpr") ? card.details.get("fpr").getAsDouble() : Double.NaN;
	}

	/** Whether a score means "out of distribution": above the threshold, or not a finite number. */
	public boolean isOutOfDistribution(final float score) {
		return isOutOfDistributionAt(score, threshold);
	}

	static boolean isOutOfDistributionAt(final float score, final double threshold) {
		return !(score <= threshold);
	}

	/**
	 * The final flag of a spectrum: its WAIC score above the threshold (or not finite) OR, when the card has an
	 * {@link IntensityScore}, its intensity z outside the bounds OR, when it has a {@link HighlightScore}, its
	 * highlight ratio h above that threshold. {@code intensityZ} and {@code highlight} are ignored without them.
	 */
	public boolean isOutOfDistribution(final float score, final float intensityZ, final float highlight) {
		return isOutOfDistribution(score) || this.intensity != null && this.intensity.outside(intensityZ) ||
			this.highlight != null && this.highlight.outside(highlight);
	}

	/** The card's intensity score, or null for an older card (WAIC only). */
	public IntensityScore intensity() {
		return intensity;
	}

	/** The card's highlight score, or null for a card without one. */
	public HighlightScore highlight() {
		return highlight;
	}

	/** The intensity z of each raw spectrum (rows x {@link #bands()}), or null when the card has no intensity score. */
	public float[] intensityZ(final float[] spectra, final int rows) {
		return intensity == null ? null : intensity.z(spectra, rows, bands());
	}

	/**
	 * Every score of every spectrum and the final flag.
	 *
	 * @param waic the ensemble's scores and spread
	 * @param intensityZ null when the card has no {@link IntensityScore}
	 * @param highlight h of the {@link HighlightScore}, null when the card has none
	 * @param flag the final flag ({@link #isOutOfDistribution(float, float, float)})
	 * @param flagged spectra the final flag flags
	 * @param waicFlagged spectra the WAIC score alone flags
	 * @param intensityFlagged spectra the intensity score alone flags (0 without one)
	 * @param highlightFlagged spectra the highlight score alone flags (0 without one)
	 */
	public record Verdicts(Waic.Scores waic, float[] intensityZ, float[] highlight, boolean[] flag, int flagged, int waicFlagged, int intensityFlagged,
		int highlightFlagged)
	{}

	/** Scores {@code rows} raw spectra (rows x {@link #bands()}) with everything the card has and flags them. */
	public Verdicts judge(final float[] spectra, final int rows) {
		return judge(spectra, rows, evaluate(spectra, rows));
	}

	/** As {@link #judge(float[], int)}, with the spectra's WAIC scores already at hand ({@link #evaluate}). */
	public Verdicts judge(final float[] spectra, final int rows, final Waic.Scores s) {
		final float[] z = intensityZ(spectra, rows);
		final float[] h = highlight == null ? null : highlight.values(this, spectra, rows, s.score());
		final boolean[] f = new boolean[rows];
		int flagged = 0, byWaic = 0, byIntensity = 0, byHighlight = 0;
		for (int i = 0; i < rows; i++) {
			final float zi = z == null ? Float.NaN : z[i], hi = h == null ? Float.NaN : h[i];
			f[i] = isOutOfDistribution(s.score()[i], zi, hi);
			if (f[i]) flagged++;
			if (isOutOfDistribution(s.score()[i])) byWaic++;
			if (intensity != null && intensity.outside(zi)) byIntensity++;
			if (highlight != null && highlight.outside(hi)) byHighlight++;
		}
		return new Verdicts(s, z, h, f, flagged, byWaic, byIntensity, byHighlight);
	}

	/** The final flag of each spectrum ({@link #judge}). */
	public boolean[] flags(final float[] spectra, final int rows) {
		return judge(spectra, rows).flag();
	}

	public int bands() {
		return card.inputs.names.size();
	}

	public int members() {
		return members.size();
	}

	/** The bands' centre wavelengths (nm), or null when the training table did not say. */
	public double[] wavelengthsNm() {
		return card.inputs.wavelengthsNm == null ? null : card.inputs.wavelengthsNm.clone();
	}

	/** The noise-stabilising map applied after the normalisation. */
	public NoiseStabiliser stabiliser() {
		return stabiliser;
	}

	/** The per-spectrum normalisation applied before scoring (the training table's camera's). */
	public Normalisation normalisation() {
		return normalisation;
	}

	public String name() {
		return card.name;
	}

	/**
	 * The range of an OOD card's spectra in its training table (the card's {@code inputs.names} columns, normalised
	 * as the model normalises them): what {@code train-ood} records, for cards made before it did
	 * ({@code innsight model-range}).
	 */
	public static InputRange trainingRange(final ModelCard card, final Table table) {
		final TableSpectra s = TableSpectra.of(table, String.join(",", card.inputs.names));
		return InputRange.of(s.values(), s.bands(), Normalisation.parse(card.inputs.normalisation == null ? "none" : card.inputs.normalisation.kind),
			s.quantity());
	}

	/** The training spectra's values (the card's {@code inputs.range}), checked before scoring an image; null when the card has none. */
	public InputRange inputRange() {
		return card.inputs.range;
	}

	/** The card (a copy). */
	public ModelCard card() {
		return card.copy();
	}

	/** A card for one member, as {@link InnModel} needs it: the bands are its targets. */
	private static ModelCard memberCard(final ModelCard ensemble, final int targets) {
		final ModelCard c = new ModelCard();
		c.name = ensemble.name + " member";
		c.kind = "density-inn";
		c.version = ensemble.version;
		for (int j = 0; j < targets; j++) c.outputs.add(ModelCard.Output.of(ensemble.inputs.names.get(j), null, null));
		return c;
	}

	@Override
	public void close() {
		for (final InnModel m : members) m.close();
		for (final InvertibleNetwork n : networks) n.close();
		if (root != null) root.close();
	}
}
