package org.innsight.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.innsight.io.JsonFiles;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The JSON card ({@value #FILE_NAME}) that travels with every model: what it is, what it expects, what it
 * returns, how it was made and how well it did, and the SHA-256 of every file it needs.
 * <p>
 * JSON keys are the snake_case forms of the field names ({@code wavelengthsNm} -> {@code wavelengths_nm}).
 * Kind-specific data goes into the free objects {@link #architecture} (how to rebuild the network) and
 * {@link #details} (anything else a capability needs, e.g. an OOD threshold), so new kinds need no change here.
 */
public final class ModelCard {

	public static final String FILE_NAME = "model.json";

	/** For external models whose training data are unknown (e.g. imported TorchScript). */
	public static final String UNKNOWN_SHA256 = "unknown";

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private static final Gson GSON = new GsonBuilder().setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
		.setPrettyPrinting().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

	public String name;
	/** What the model does, e.g. {@code posterior-cinn}, {@code density-inn}, {@code transfer-cinn}. */
	public String kind;
	public String version;
	public String description;
	public Inputs inputs = new Inputs();
	public List<Output> outputs = new ArrayList<>();
	public Training training = new Training();
	public JsonObject validation = new JsonObject();
	/** File name (inside the model folder) -> lower-case hex SHA-256. */
	public Map<String, String> files = new LinkedHashMap<>();
	public JsonObject architecture = new JsonObject();
	public JsonObject details = new JsonObject();

	/** What goes into the model: named columns, the camera's wavelengths, and how they are normalised. */
	public static final class Inputs {
		public List<String> names = new ArrayList<>();
		/** Centre wavelength of each input band in nm, or null when the inputs are not spectral bands. */
		public double[] wavelengthsNm;
		public Normalisation normalisation = Normalisation.none();
		public String description;
		/** The inputs' values in the training data, checked before estimation; null for models made before it was recorded. */
		public InputRange range;
	}

	/** A per-column affine normalisation x' = (x - mean) / sd, after an optional named transform. */
	public static final class Normalisation {
		/** {@code none}, {@code standardise}, or a capability's own name (e.g. {@code l2+standardise}). */
		public String kind;
		public double[] mean;
		public double[] sd;

		public static Normalisation none() {
			final Normalisation n = new Normalisation();
			n.kind = "none";
			return n;
		}

		public static Normalisation standardise(final double[] mean, final double[] sd) {
			final Normalisation n = new Normalisation();
			n.kind = "standardise";
			n.mean = mean.clone();
			n.sd = sd.clone();
			return n;
		}
	}

	/** One quantity the model returns (e.g. sO2), with its unit and range. */
	public static final class Output {
		public String name;
		public String unit;
		/** {lower, upper}, or null if unbounded. */
		public double[] range;
		/** How the value is mapped before the network: {@code identity} or {@code logit} (of the range-rescaled value). */
		public String transform;
		/** Standardisation after {@link #transform}: mean and sd in the transformed space. */
		public Double mean;
		public Double sd;

		public static Output of(final String name, final String unit, final double[] range) {
			final Output o = new Output();
			o.name = name;
			o.unit = unit;
			o.range = range == null ? null : range.clone();
			return o;
		}
	}

	/** How the model was made: enough to make it again. */
	public static final class Training {
		/** The exact command line that produced the model. */
		public String command;
		public Long seed;
		/** SHA-256 of the training data (for several files: of their concatenated hashes), or {@value #UNKNOWN_SHA256}. */
		public String dataSha256;
		public String dataDescription;
		public String date;
		public String device;
		public JsonObject settings = new JsonObject();
	}

	/** Parses a card; {@code where} names the file in error messages. */
	public static ModelCard fromJson(final String json, final String where) {
		final JsonElement tree;
		try {
			tree = JsonFiles.parse(json); // a key written twice is refused, not silently replaced
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("model card " + where + ": " + e.getMessage(), e);
		}
		final ModelCard card;
		try {
			card = GSON.fromJson(tree, ModelCard.class);
		}
		catch (final RuntimeException e) {
			throw new IllegalArgumentException("model card " + where + ": a field has the wrong form: " + JsonFiles.formProblem(e), e);
		}
		if (card == null) throw new IllegalArgumentException("model card " + where + " is empty");
		card.validate(where);
		return card;
	}

	public String toJson() {
		return GSON.toJson(this);
	}

	/** A deep copy (through JSON). */
	public ModelCard copy() {
		return GSON.fromJson(toJson(), ModelCard.class);
	}

	/** The shared Gson setup (snake_case keys), for capabilities that store their own objects in the free parts. */
	public static Gson gson() {
		return GSON;
	}

	/**
	 * Checks the required fields and their forms; throws an {@link IllegalArgumentException} naming
	 * {@code where} and the first bad field.
	 */
	public void validate(final String where) {
		final String p = "model card " + where + ": ";
		require(name, p, "name");
		require(kind, p, "kind");
		require(version, p, "version");
		if (inputs == null) throw new IllegalArgumentException(p + "field 'inputs' is missing");
		if (inputs.names == null) throw new IllegalArgumentException(p + "field 'inputs.names' is missing");
		if (inputs.wavelengthsNm != null && inputs.wavelengthsNm.length != inputs.names.size())
			throw new IllegalArgumentException(p + "'inputs.wavelengths_nm' has " + inputs.wavelengthsNm.length +
				" entries but 'inputs.names' has " + inputs.names.size());
		if (inputs.normalisation != null) checkNormalisation(inputs.normalisation, inputs.names.size(), p);
		if (inputs.range != null) inputs.range.validate(p + "'inputs.range'", inputs.names.size());
		if (outputs == null || outputs.isEmpty()) throw new IllegalArgumentException(p + "field 'outputs' is missing or empty");
		for (int i = 0; i < outputs.size(); i++) {
			final Output o = outputs.get(i);
			if (o == null) throw new IllegalArgumentException(p + "'outputs[" + i + "]' is null");
			require(o.name, p, "outputs[" + i + "].name");
			if (o.range != null && (o.range.length != 2 || !(o.range[0] < o.range[1])))
				throw new IllegalArgumentException(p + "'outputs[" + i + "].range' must be [lower, upper] with lower < upper");
			if ("logit".equals(o.transform) && o.range == null)
				throw new IllegalArgumentException(p + "'outputs[" + i + "]' has transform 'logit' but no range");
		}
		if (training == null) throw new IllegalArgumentException(p + "field 'training' is missing");
		require(training.command, p, "training.command");
		if (training.seed == null) throw new IllegalArgumentException(p + "field 'training.seed' is missing");
		require(training.dataSha256, p, "training.data_sha256");
		if (!UNKNOWN_SHA256.equals(training.dataSha256) && !SHA256.matcher(training.dataSha256).matches())
			throw new IllegalArgumentException(p + "'training.data_sha256' must be 64 lower-case hex digits or '" +
				UNKNOWN_SHA256 + "', got '" + training.dataSha256 + "'");
		if (files == null || files.isEmpty()) throw new IllegalArgumentException(p + "field 'files' is missing or empty");
		for (final Map.Entry<String, String> e : files.entrySet()) {
			final String f = e.getKey();
			if (f.isEmpty() || f.contains("/") || f.contains("\\") || f.equals(".") || f.equals("..") || f.equals(FILE_NAME))
				throw new IllegalArgumentException(p + "'files' entry '" + f + "' is not a plain file name inside the model folder");
			if (e.getValue() == null || !SHA256.matcher(e.getValue()).matches())
				throw new IllegalArgumentException(p + "'files." + f + "' must be a SHA-256 (64 lower-case hex digits)");
		}
	}

	private static void checkNormalisation(final Normalisation n, final int columns, final String p) {
		require(n.kind, p, "inputs.normalisation.kind");
		if (n.mean == null && n.sd == null) return;
		if (n.mean == null || n.sd == null || n.mean.length != columns || n.sd.length != columns)
			throw new IllegalArgumentException(p + "'inputs.normalisation' needs 'mean' and 'sd' with one entry per input (" +
				columns + ")");
		for (int i = 0; i < columns; i++)
			if (!(n.sd[i] > 0) || !Double.isFinite(n.mean[i]))
				throw new IllegalArgumentException(p + "'inputs.normalisation' entry " + i + " needs a finite mean and sd > 0");
	}

	private static void require(final String value, final String prefix, final String field) {
		if (value == null || value.isBlank()) throw new IllegalArgumentException(prefix + "field '" + field + "' is missing");
	}
}
