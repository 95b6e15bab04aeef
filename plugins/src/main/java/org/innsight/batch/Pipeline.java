package org.innsight.batch;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.innsight.io.Checksums;
import org.innsight.io.JsonFiles;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * A pipeline file as written: an ordered list of steps, each {@code {"step": name, "options": {...}}} plus the
 * optional keys {@code "from"} (which earlier image to take; default: the one the previous step passed on),
 * {@code "as"} (rename the step's outputs) and {@code "save"} (false = keep in memory for later steps only).
 * The file is either such a list or an object {@code {"description": "...", "steps": [...]}}.
 * Checked against the known steps by {@link Plan#of}.
 */
public final class Pipeline {

	/** One step as written in the file. */
	public record Entry(String step, JsonObject options, String from, String as, boolean save) {}

	private static final Set<String> ENTRY_KEYS = Set.of("step", "options", "from", "as", "save");
	private static final Set<String> FILE_KEYS = Set.of("description", "steps");

	private final List<Entry> steps;
	private final String description;
	private final Path baseFolder;
	private final Path file;

	public Pipeline(final List<Entry> steps, final String description, final Path baseFolder) {
		this(steps, description, baseFolder, null);
	}

	private Pipeline(final List<Entry> steps, final String description, final Path baseFolder, final Path file) {
		if (steps.isEmpty()) throw new IllegalArgumentException("the pipeline has no steps");
		this.steps = List.copyOf(steps);
		this.description = description == null ? "" : description;
		this.baseFolder = baseFolder;
		this.file = file;
	}

	/**
	 * Reads a pipeline file (UTF-8 JSON); relative paths in its options resolve against the file's folder. Every
	 * problem names the file: {@code pipeline file not found: qc.json}, {@code pipeline qc.json: not valid JSON
	 * at line 3, column 12: ...}.
	 */
	public static Pipeline read(final Path file) throws IOException {
		if (!Files.exists(file)) throw new FileNotFoundException("pipeline file not found: " + file + " (give the path of a pipeline " +
			".json file; examples are in pipelines/)");
		if (Files.isDirectory(file)) throw new IOException("pipeline " + file + " is a folder; give the pipeline's .json file");
		final String text;
		try {
			text = JsonFiles.readUtf8(file, "a pipeline must be UTF-8 JSON; save it as UTF-8");
		}
		catch (final IOException e) {
			throw new IOException("cannot read pipeline " + file + ": " + e.getMessage(), e);
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("pipeline " + e.getMessage(), e);
		}
		try {
			final Pipeline p = parse(text, file.toAbsolutePath().getParent());
			return new Pipeline(p.steps, p.description, p.baseFolder, file);
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("pipeline " + file + ": " + e.getMessage(), e);
		}
	}

	public static Pipeline parse(final String json, final Path baseFolder) {
		final JsonElement root = JsonFiles.parse(json);
		JsonElement list = root;
		String description = null;
		if (root.isJsonObject()) {
			final JsonObject o = root.getAsJsonObject();
			for (final String k : o.keySet())
				if (!FILE_KEYS.contains(k)) throw new IllegalArgumentException("unknown key \"" + k + "\"; a pipeline has " + FILE_KEYS);
			if (o.has("description")) description = o.get("description").getAsString();
			list = o.get("steps");
			if (list == null) throw new IllegalArgumentException("no \"steps\" list");
		}
		if (list == null || !list.isJsonArray())
			throw new IllegalArgumentException("expected a list of steps like [{\"step\": \"statistics\"}], got " + abbreviate(root));
		final List<Entry> entries = new ArrayList<>();
		final JsonArray array = list.getAsJsonArray();
		for (int i = 0; i < array.size(); i++)
			entries.add(entry(array.get(i), i + 1));
		return new Pipeline(entries, description, baseFolder);
	}

	private static Entry entry(final JsonElement e, final int number) {
		final String where = "step " + number + ": ";
		if (!e.isJsonObject()) throw new IllegalArgumentException(where + "expected {\"step\": name, \"options\": {...}}, got " + abbreviate(e));
		final JsonObject o = e.getAsJsonObject();
		for (final String k : o.keySet())
			if (!ENTRY_KEYS.contains(k)) throw new IllegalArgumentException(where + "unknown key \"" + k + "\"; a step has step, options, from, as, save");
		final String name = text(o, "step", where);
		if (name == null) throw new IllegalArgumentException(where + "\"step\" (the step's name) is missing");
		final JsonElement options = o.get("options");
		if (options != null && !options.isJsonNull() && !options.isJsonObject())
			throw new IllegalArgumentException(where + "\"options\" must be an object, got " + abbreviate(options));
		boolean save = true;
		if (o.has("save")) {
			final JsonElement s = o.get("save");
			if (!s.isJsonPrimitive() || !s.getAsJsonPrimitive().isBoolean())
				throw new IllegalArgumentException(where + "\"save\" must be true or false");
			save = s.getAsBoolean();
		}
		final JsonObject opts = options == null || options.isJsonNull() ? new JsonObject() : options.getAsJsonObject().deepCopy();
		return new Entry(name, opts, text(o, "from", where), text(o, "as", where), save);
	}

	private static String text(final JsonObject o, final String key, final String where) {
		final JsonElement e = o.get(key);
		if (e == null || e.isJsonNull()) return null;
		if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString())
			throw new IllegalArgumentException(where + "\"" + key + "\" must be text, got " + e);
		return e.getAsString();
	}

	/** This pipeline with {@code step} appended (how Fiji builds a pipeline one step at a time). */
	public Pipeline with(final Entry step) {
		final List<Entry> more = new ArrayList<>(steps);
		more.add(new Entry(step.step(), step.options() == null ? new JsonObject() : step.options().deepCopy(), step.from(), step.as(), step.save()));
		return new Pipeline(more, description, baseFolder, file);
	}

	/**
	 * The options of one step from text: a JSON object, written strictly or leniently as in ImageJ macros, where
	 * double quotes are awkward ({@code {model: 'msi-tissue-16band', samples: 100}}); blank = no options.
	 */
	public static JsonObject options(final String text) {
		if (text == null || text.isBlank()) return new JsonObject();
		final JsonElement e;
		try {
			e = JsonFiles.parse(text.trim());
		}
		catch (final IllegalArgumentException x) {
			throw new IllegalArgumentException("options are not a JSON object like {model: 'msi-tissue-16band', samples: 100}: " + x.getMessage());
		}
		if (!e.isJsonObject()) throw new IllegalArgumentException("options must be an object like {samples: 100}, got " + abbreviate(e));
		return e.getAsJsonObject();
	}

	public List<Entry> steps() {
		return steps;
	}

	public String description() {
		return description;
	}

	/** The file this pipeline was read from, for messages; null when it was made otherwise (parsed text, Fiji). */
	public Path file() {
		return file;
	}

	/** The folder relative paths in options resolve against; null = the working directory. */
	public Path baseFolder() {
		return baseFolder;
	}

	/**
	 * SHA-256 of the steps in a canonical form: key order, whitespace and number spelling ({@code 1} vs
	 * {@code 1.0}) do not matter, any change of a step, option, from/as/save does. The description does not count.
	 */
	public String sha256() {
		return Checksums.sha256(canonical(toJsonTree().get("steps")).toString());
	}

	/** The pipeline as a file would hold it, pretty-printed (what Fiji exports). */
	public String toJson() {
		return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(toJsonTree());
	}

	private JsonObject toJsonTree() {
		final JsonObject root = new JsonObject();
		if (!description.isEmpty()) root.addProperty("description", description);
		final JsonArray list = new JsonArray();
		for (final Entry e : steps) {
			final JsonObject o = new JsonObject();
			o.addProperty("step", e.step());
			if (e.options().size() > 0) o.add("options", e.options().deepCopy());
			if (e.from() != null) o.addProperty("from", e.from());
			if (e.as() != null) o.addProperty("as", e.as());
			if (!e.save()) o.addProperty("save", false);
			list.add(o);
		}
		root.add("steps", list);
		return root;
	}

	static JsonElement canonical(final JsonElement e) {
		if (e.isJsonObject()) {
			final Map<String, JsonElement> sorted = new TreeMap<>();
			for (final Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet())
				sorted.put(m.getKey(), canonical(m.getValue()));
			final JsonObject o = new JsonObject();
			sorted.forEach(o::add);
			return o;
		}
		if (e.isJsonArray()) {
			final JsonArray a = new JsonArray();
			for (final JsonElement x : e.getAsJsonArray())
				a.add(canonical(x));
			return a;
		}
		if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
			final BigDecimal d = new BigDecimal(e.getAsJsonPrimitive().getAsString()).stripTrailingZeros();
			return new JsonPrimitive(d.signum() == 0 ? BigDecimal.ZERO : d);
		}
		return e;
	}

	private static String abbreviate(final JsonElement e) {
		final String s = String.valueOf(e);
		return s.length() > 60 ? s.substring(0, 57) + "..." : s;
	}

	@Override
	public String toString() {
		final List<String> names = new ArrayList<>();
		for (final Entry e : steps)
			names.add(e.step());
		return String.join(" -> ", Collections.unmodifiableList(names));
	}
}
