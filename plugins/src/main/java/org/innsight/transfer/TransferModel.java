package org.innsight.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.innsight.engine.Device;
import org.innsight.engine.InputRange;
import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelFolder;
import org.innsight.image.Normalisation;
import org.innsight.inn.InnModel;
import org.innsight.inn.InvertibleNetwork;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ai.djl.ndarray.NDManager;

/**
 * A trained domain transfer: one conditional INN z = f(x; c) over normalised spectra of both domains, with each
 * domain's {@link DomainNormalisation}. Transfer is x' = f^-1(f(x; c_from); c_to): both domains share the latent
 * space, so the way back is exact up to float rounding (cycle consistency by construction).
 * <p>
 * Works on plain row-major float arrays; thread-safe for concurrent calls (each call has its own native scope).
 */
public final class TransferModel implements AutoCloseable {

	public static final String KIND = "transfer-cinn";
	static final int ROWS_PER_CALL = 16384;

	private final InnModel flow;
	/** The native manager of a freshly trained network (closed with the model); null when {@link #flow} owns it. */
	private final NDManager ownRoot;
	private final DomainNormalisation[] normalisation;
	private final DomainConditions conditions;
	private final String classColumn;
	private final double[][] wavelengths;
	private final String[] descriptions;

	private TransferModel(final InnModel flow, final NDManager ownRoot, final DomainNormalisation source, final DomainNormalisation target,
		final DomainConditions conditions, final String classColumn, final double[] sourceNm, final double[] targetNm,
		final String sourceDescription, final String targetDescription)
	{
		final int dims = flow.flow().dimension();
		if (source.bands() != target.bands() || source.bands() != dims || flow.targets() != dims)
			throw new IllegalArgumentException("source has " + source.bands() + " bands, target " + target.bands() + ", network " + dims);
		if (conditions.columns() != flow.observations())
			throw new IllegalArgumentException("condition has " + conditions.columns() + " columns, the network expects " + flow.observations());
		this.flow = flow;
		this.ownRoot = ownRoot;
		this.normalisation = new DomainNormalisation[] { source, target };
		this.conditions = conditions;
		this.classColumn = classColumn;
		this.wavelengths = new double[][] { sourceNm, targetNm };
		this.descriptions = new String[] { sourceDescription, targetDescription };
	}

	/** A freshly trained network (its weights live on {@code root}, which this model closes). */
	static TransferModel trained(final InvertibleNetwork net, final NDManager root, final DomainNormalisation source,
		final DomainNormalisation target, final DomainConditions conditions, final String classColumn, final double[] sourceNm,
		final double[] targetNm, final String sourceDescription, final String targetDescription)
	{
		final ModelCard c = new ModelCard();
		c.name = "unsaved transfer";
		c.kind = KIND;
		c.version = "1";
		return new TransferModel(InnModel.of(net, describeShape(c, net.dimension(), conditions)), root, source, target,
			conditions, classColumn, sourceNm, targetNm, sourceDescription, targetDescription);
	}

	/** Inputs (the condition columns) and outputs (the bands) as {@link InnModel} cards name them. */
	private static ModelCard describeShape(final ModelCard c, final int bands, final DomainConditions conditions) {
		c.inputs = new ModelCard.Inputs();
		c.inputs.names = new ArrayList<>(List.of("domain_source", "domain_target"));
		for (int k = 0; k < conditions.classes(); k++) c.inputs.names.add("class_" + k);
		c.inputs.description = "the condition: domain one-hot" + (conditions.classes() > 0 ? " + tissue-class one-hot" : "") +
			" (label-smoothed in training, unsmoothed for transfer)";
		c.outputs = new ArrayList<>();
		for (final String n : bandNames(bands)) c.outputs.add(ModelCard.Output.of(n, "normalised (L2, then the domain's standardisation)", null));
		return c;
	}

	/** Bands of every spectrum (equal in both domains). */
	public int bands() {
		return flow.targets();
	}

	public DomainConditions conditions() {
		return conditions;
	}

	/** The table column holding tissue classes when the model is conditioned on them, else null. */
	public String classColumn() {
		return classColumn;
	}

	public DomainNormalisation normalisation(final int domain) {
		return normalisation[domain];
	}

	/** Band centres (nm) of a domain, or null when unknown. */
	public double[] wavelengthsNm(final int domain) {
		return wavelengths[domain] == null ? null : wavelengths[domain].clone();
	}

	public String description(final int domain) {
		return descriptions[domain];
	}

	/**
	 * A domain's training range: its spectra L2-normalised, as the model normalises them ({@code train-transfer}
	 * records one per domain; {@code innsight model-range} adds them to cards made before it did).
	 *
	 * @param quantity what the spectra measure (a simulation table's {@code model_details.quantity}), or null
	 */
	public static InputRange trainingRange(final Spectra spectra, final String quantity) {
		return InputRange.of(spectra.values(), spectra.bands(), Normalisation.L2, quantity);
	}

	/**
	 * The training spectra's values of a domain (its {@code details.domains[i].range} in the card: L2-normalised),
	 * checked before transferring from that domain; null when the card has none (or the model is not saved yet).
	 */
	public InputRange inputRange(final int domain) {
		final JsonObject d = flow.card().details;
		if (d == null || !d.has("domains")) return null;
		final JsonObject o = d.getAsJsonArray("domains").get(domain).getAsJsonObject();
		return o.has("range") && o.get("range").isJsonObject() ? ModelCard.gson().fromJson(o.get("range"), InputRange.class) : null;
	}

	/** The card (as saved or loaded; a placeholder name before {@link #save}). */
	public ModelCard card() {
		return flow.card();
	}

	/** Raw spectra of {@code domain} -> normalised units (a copy; unusable rows become NaN). */
	public float[] normalise(final Spectra spectra, final int domain) {
		checkBands(spectra.bands(), spectra.source());
		final float[] x = spectra.values().clone();
		normalisation[domain].apply(x, spectra.rows());
		return x;
	}

	/**
	 * Transfers raw spectra of domain {@code from} to domain {@code to}: L2-normalised spectra as {@code to}'s
	 * camera would see the same tissue. The network's outputs lie within a fraction of a percent of the unit sphere
	 * (normalised training spectra all lie on it); they are projected onto it, so results are exactly L2-normalised.
	 * Rows that cannot be normalised (zero, NaN) stay NaN.
	 *
	 * @param classes tissue class per row when the model is conditioned on classes, else null
	 */
	public float[] transfer(final Spectra spectra, final int from, final int to, final int[] classes) {
		final float[] x = normalise(spectra, from);
		final float[] y = transferNormalised(x, spectra.rows(), from, to, classes);
		normalisation[to].invert(y, spectra.rows());
		for (int r = 0; r < spectra.rows(); r++) DomainNormalisation.l2(y, r * bands(), bands());
		return y;
	}

	/** Normalised units of {@code from} -> normalised units of {@code to}; NaN rows pass through as NaN. */
	public float[] transferNormalised(final float[] x, final int rows, final int from, final int to, final int[] classes) {
		return fromLatent(toLatent(x, rows, from, classes), rows, to, classes);
	}

	/** z = f(x; c_domain) for normalised spectra. */
	public float[] toLatent(final float[] x, final int rows, final int domain, final int[] classes) {
		return run(x, rows, domain, classes, true);
	}

	/** x = f^-1(z; c_domain), normalised units. */
	public float[] fromLatent(final float[] z, final int rows, final int domain, final int[] classes) {
		return run(z, rows, domain, classes, false);
	}

	private float[] run(final float[] in, final int rows, final int domain, final int[] classes, final boolean forward) {
		final int b = bands();
		if (in.length != (long) rows * b) throw new IllegalArgumentException(in.length + " values are not " + rows + " rows of " + b + " bands");
		final float[] out = new float[in.length];
		final float[] conditionRows = conditions.hard(domain, classes, rows);
		final int cols = conditions.columns();
		for (int from = 0; from < rows; from += ROWS_PER_CALL) {
			final int n = Math.min(ROWS_PER_CALL, rows - from);
			final float[] x = Arrays.copyOfRange(in, from * b, (from + n) * b);
			final float[] c = Arrays.copyOfRange(conditionRows, from * cols, (from + n) * cols);
			final float[] y = forward ? flow.toLatent(x, c, n) : flow.fromLatent(x, c, n);
			System.arraycopy(y, 0, out, from * b, n * b);
		}
		return out;
	}

	private void checkBands(final int bands, final String source) {
		if (bands != bands())
			throw new IllegalArgumentException(source + " has " + bands + " bands, but the transfer model expects " + bands() + " bands");
	}

	/**
	 * Saves the model as a folder: the network's weights and the card. The caller's card brings name,
	 * description and training provenance; kind, version, inputs, outputs, architecture and the domains (their
	 * normalisation and wavelengths, in {@code details}) are filled in here. Returns the saved model's card.
	 */
	public ModelCard save(final Path dir, final ModelCard base, final boolean replace) throws IOException {
		return save(dir, base, null, replace);
	}

	/** {@link #save(Path, ModelCard, boolean)}, recording each domain's training range ({@code ranges}: source, target; or null). */
	public ModelCard save(final Path dir, final ModelCard base, final List<InputRange> ranges, final boolean replace) throws IOException {
		if (!(flow.flow() instanceof InvertibleNetwork net)) throw new UnsupportedOperationException("only InnSight networks are saved here");
		final ModelCard c = base.copy();
		c.kind = KIND;
		if (c.version == null) c.version = "1";
		describeShape(c, bands(), conditions);
		c.details = details(ranges);
		// what the caller's card adds to the details (e.g. how training weighed an adversarial term) is kept
		if (base.details != null) for (final var e : base.details.entrySet())
			if (!c.details.has(e.getKey())) c.details.add(e.getKey(), e.getValue().deepCopy());
		return InnModel.of(net, c).save(dir, replace).card();
	}

	private JsonObject details(final List<InputRange> ranges) {
		final JsonObject d = new JsonObject();
		final JsonArray domains = new JsonArray();
		for (int i = 0; i < 2; i++) {
			final JsonObject o = new JsonObject();
			o.addProperty("name", DomainConditions.DOMAIN_NAMES[i]);
			o.addProperty("description", descriptions[i]);
			o.add("wavelengths_nm", ModelCard.gson().toJsonTree(wavelengths[i]));
			o.add("normalisation", ModelCard.gson().toJsonTree(normalisation[i].toCard()));
			if (ranges != null && ranges.get(i) != null) o.add("range", ModelCard.gson().toJsonTree(ranges.get(i)));
			domains.add(o);
		}
		d.add("domains", domains);
		final JsonObject cond = new JsonObject();
		cond.addProperty("classes", conditions.classes());
		if (classColumn != null) cond.addProperty("class_column", classColumn);
		cond.addProperty("training_smoothing_max", conditions.smoothing());
		cond.addProperty("transfer_condition", "unsmoothed one-hot");
		d.add("condition", cond);
		d.addProperty("transfer", "x' = f^-1(f(x; c_from); c_to) on L2-normalised, per-domain standardised spectra; " +
			"output: L2-normalised spectra of the destination domain");
		return d;
	}

	/** Loads a checked model folder of kind {@value #KIND}. */
	public static TransferModel load(final ModelFolder folder, final Device device) throws IOException {
		final ModelCard c = folder.card();
		final String where = folder.dir().resolve(ModelCard.FILE_NAME).toString();
		if (!KIND.equals(c.kind)) throw new IllegalArgumentException(where + ": a model of kind '" + c.kind + "', not a domain transfer (" + KIND + ")");
		final JsonObject d = c.details;
		if (d == null || !d.has("domains") || d.getAsJsonArray("domains").size() != 2 || !d.has("condition"))
			throw new IllegalArgumentException(where + ": 'details' needs 'domains' (source, target) and 'condition'");
		final DomainNormalisation[] norm = new DomainNormalisation[2];
		final double[][] nm = new double[2][];
		final String[] desc = new String[2];
		for (int i = 0; i < 2; i++) {
			final JsonObject o = d.getAsJsonArray("domains").get(i).getAsJsonObject();
			norm[i] = DomainNormalisation.fromCard(ModelCard.gson().fromJson(o.get("normalisation"), ModelCard.Normalisation.class), where + " domain " + i);
			if (o.has("range") && !o.get("range").isJsonNull())
				ModelCard.gson().fromJson(o.get("range"), InputRange.class).validate(where + ": 'details.domains[" + i + "].range'", norm[i].bands());
			nm[i] = o.has("wavelengths_nm") && !o.get("wavelengths_nm").isJsonNull() ? ModelCard.gson().fromJson(o.get("wavelengths_nm"), double[].class) : null;
			desc[i] = o.has("description") ? o.get("description").getAsString() : DomainConditions.DOMAIN_NAMES[i];
		}
		final JsonObject cond = d.getAsJsonObject("condition");
		final DomainConditions conditions = new DomainConditions(cond.get("classes").getAsInt(), cond.get("training_smoothing_max").getAsDouble());
		final String classColumn = cond.has("class_column") ? cond.get("class_column").getAsString() : null;
		final InnModel flow = InnModel.load(folder, device);
		try {
			return new TransferModel(flow, null, norm[0], norm[1], conditions, classColumn, nm[0], nm[1], desc[0], desc[1]);
		}
		catch (final RuntimeException e) {
			flow.close();
			throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
		}
	}

	/** Loads a model by folder path or by name, looked up by {@link org.innsight.engine.ModelLookup}. */
	public static TransferModel load(final String nameOrPath, final Device device) throws IOException {
		return load(org.innsight.engine.ModelLookup.standard().resolve(nameOrPath), device);
	}

	/** {@link #load(ModelFolder, Device)} from a folder path. */
	public static TransferModel load(final Path dir, final Device device) throws IOException {
		return load(ModelFolder.load(dir), device);
	}

	static List<String> bandNames(final int bands) {
		final List<String> names = new ArrayList<>();
		for (int i = 0; i < bands; i++) names.add(String.format(Locale.ROOT, "band_%02d", i));
		return names;
	}

	@Override
	public void close() {
		flow.close();
		if (ownRoot != null) {
			flow.flow().close();
			ownRoot.close();
		}
	}
}
