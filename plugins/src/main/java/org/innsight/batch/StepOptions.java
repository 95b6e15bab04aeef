package org.innsight.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.innsight.engine.Device;
import org.innsight.engine.ModelLookup;
import org.innsight.engine.ModelFolder;
import org.innsight.request.Setting;
import org.innsight.request.Settings;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The {@code "options"} object of one pipeline step, read through typed getters whose errors name the step and
 * the option. It remembers which keys a step read, so the pipeline can reject keys no step knows (a typo like
 * {@code "bnads"} would otherwise be ignored silently and the night's batch would run with the default).
 */
public final class StepOptions {

	private final String step;
	private final JsonObject json;
	private final Path baseFolder;
	private final Device device;
	private final Set<String> read = new LinkedHashSet<>();

	/**
	 * @param step the step's name, for messages
	 * @param json the options object (may be null = no options)
	 * @param baseFolder folder against which relative paths in options resolve (the pipeline file's folder)
	 */
	public StepOptions(final String step, final JsonObject json, final Path baseFolder) {
		this(step, json, baseFolder, Device.CPU);
	}

	/** As above, for a run on {@code device} (where steps load their networks). */
	public StepOptions(final String step, final JsonObject json, final Path baseFolder, final Device device) {
		this.step = step;
		this.json = json == null ? new JsonObject() : json;
		this.baseFolder = baseFolder;
		this.device = device;
	}

	/** The device of the run ({@code --device}): steps load their networks onto it in {@code configure}. */
	public Device device() {
		return device;
	}

	public String step() {
		return step;
	}

	public boolean has(final String key) {
		read.add(key);
		return json.has(key) && !json.get(key).isJsonNull();
	}

	public String string(final String key, final String fallback) {
		final JsonPrimitive p = primitive(key);
		if (p == null) return fallback;
		if (!p.isString()) throw bad(key, "must be text, got " + p);
		return p.getAsString();
	}

	/** Text that must be one of {@code allowed} (compared case-insensitively; returned as in {@code allowed}). */
	public String choice(final String key, final String fallback, final String... allowed) {
		final String value = string(key, fallback);
		if (value == null) return null;
		for (final String a : allowed)
			if (a.equalsIgnoreCase(value)) return a;
		throw bad(key, "must be one of " + String.join(", ", allowed) + ", got \"" + value + "\"");
	}

	public double number(final String key, final double fallback) {
		final JsonPrimitive p = primitive(key);
		if (p == null) return fallback;
		if (!p.isNumber()) throw bad(key, "must be a number, got " + p);
		return p.getAsDouble();
	}

	/** A number in [{@code min}, {@code max}]. */
	public double number(final String key, final double fallback, final double min, final double max) {
		final double v = number(key, fallback);
		if (!(v >= min && v <= max)) throw bad(key, "must be between " + min + " and " + max + ", got " + v);
		return v;
	}

	/** A whole number in [{@code min}, {@code max}]; {@code fallback} is returned as is when the key is absent. */
	public int integer(final String key, final int fallback, final int min, final int max) {
		final JsonPrimitive p = primitive(key);
		if (p == null) return fallback;
		if (!p.isNumber()) throw bad(key, "must be a whole number, got " + p);
		final double d = p.getAsDouble();
		if (d != Math.rint(d)) throw bad(key, "must be a whole number, got " + p);
		if (d < min || d > max) throw bad(key, "must be between " + min + " and " + max + ", got " + p);
		return (int) d;
	}

	public boolean flag(final String key, final boolean fallback) {
		final JsonPrimitive p = primitive(key);
		if (p == null) return fallback;
		if (!p.isBoolean()) throw bad(key, "must be true or false, got " + p);
		return p.getAsBoolean();
	}

	/** A list of numbers; a single number counts as a list of one. */
	public double[] numbers(final String key, final double... fallback) {
		if (!has(key)) return fallback;
		final JsonElement e = json.get(key);
		if (e.isJsonPrimitive()) return new double[] { number(key, 0) };
		if (!e.isJsonArray()) throw bad(key, "must be a list of numbers, got " + e);
		final JsonArray a = e.getAsJsonArray();
		final double[] values = new double[a.size()];
		for (int i = 0; i < values.length; i++) {
			final JsonElement v = a.get(i);
			if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber())
				throw bad(key, "must be a list of numbers, element " + (i + 1) + " is " + v);
			values[i] = v.getAsDouble();
		}
		return values;
	}

	/** A list of whole numbers in [{@code min}, {@code max}]; a single number counts as a list of one. */
	public int[] integers(final String key, final int min, final int max, final int... fallback) {
		if (!has(key)) return fallback;
		final double[] values = numbers(key);
		final int[] out = new int[values.length];
		for (int i = 0; i < values.length; i++) {
			if (values[i] != Math.rint(values[i]) || values[i] < min || values[i] > max)
				throw bad(key, "must hold whole numbers between " + min + " and " + max + ", got " + json.get(key));
			out[i] = (int) values[i];
		}
		return out;
	}

	/**
	 * A non-empty list of equally long lists of whole numbers, e.g. offsets {@code [[-1, 0], [0, -1]]}; null when
	 * the key is absent.
	 */
	public int[][] integerLists(final String key) {
		if (!has(key)) return null;
		final JsonElement e = json.get(key);
		final String expected = "must be a list of lists of whole numbers, e.g. [[-1, 0], [0, -1]], got " + e;
		if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) throw bad(key, expected);
		final JsonArray a = e.getAsJsonArray();
		final int[][] lists = new int[a.size()][];
		for (int i = 0; i < lists.length; i++) {
			if (!a.get(i).isJsonArray() || a.get(i).getAsJsonArray().isEmpty()) throw bad(key, expected);
			final JsonArray inner = a.get(i).getAsJsonArray();
			lists[i] = new int[inner.size()];
			for (int j = 0; j < lists[i].length; j++) {
				final JsonElement v = inner.get(j);
				if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber() || v.getAsDouble() != Math.rint(v.getAsDouble()) ||
					Math.abs(v.getAsDouble()) > Integer.MAX_VALUE)
					throw bad(key, "must hold whole numbers, list " + (i + 1) + " has " + v);
				lists[i][j] = v.getAsInt();
			}
			if (lists[i].length != lists[0].length)
				throw bad(key, "lists must be equally long: list " + (i + 1) + " has " + lists[i].length + " numbers, list 1 has " + lists[0].length);
		}
		return lists;
	}

	/** A path typed in the options, resolved against the pipeline file's folder; not checked (see {@link #existingPath}). */
	public Path resolve(final String path) {
		return baseFolder == null ? Path.of(path) : baseFolder.resolve(path);
	}

	/** A list of text; a single text counts as a list of one, numbers count as their text ([256, 256, 16]). */
	public List<String> texts(final String key, final String... fallback) {
		if (!has(key)) return List.of(fallback);
		final JsonElement e = json.get(key);
		if (e.isJsonPrimitive()) return List.of(string(key, null));
		if (!e.isJsonArray()) throw bad(key, "must be a list of text, got " + e);
		final List<String> values = new ArrayList<>();
		for (final JsonElement v : e.getAsJsonArray()) {
			if (!v.isJsonPrimitive() || v.getAsJsonPrimitive().isBoolean())
				throw bad(key, "must be a list of text, element " + (values.size() + 1) + " is " + v);
			values.add(v.getAsString());
		}
		return values;
	}

	/**
	 * A file or folder named in the options; relative paths resolve against the pipeline file's folder, so a
	 * pipeline and its models can move together. Existence is checked here, before any scan is read.
	 */
	public Path existingPath(final String key) {
		final String s = string(key, null);
		if (s == null) throw bad(key, "is required");
		final Path p = resolve(s);
		if (!java.nio.file.Files.exists(p)) throw bad(key, "names " + p + ", which does not exist");
		return p.toAbsolutePath().normalize();
	}

	/**
	 * A model named in the options, loaded and checked against its card's checksums: a folder or card file
	 * (relative to the pipeline file's folder), else the name of a model found by {@link ModelLookup}
	 * ({@code "msi-tissue-16band"}), else {@code fallback} (null: the option is required).
	 */
	public ModelFolder model(final String key, final String fallback) {
		final String s = string(key, fallback);
		if (s == null) throw bad(key, "is required (a model folder, or the name of a model: see 'innsight info' or Engine Info)");
		final Path p = resolve(s);
		try {
			// a path is relative to the pipeline's folder, never the working directory; else a name for the one lookup
			return java.nio.file.Files.exists(p) ? ModelFolder.load(p) : ModelLookup.standard().resolveName(s);
		}
		catch (final ModelLookup.NoSuchModelException e) {
			throw bad(key, "names " + p + ", which does not exist; " + e.getReason());
		}
		catch (final java.nio.file.NoSuchFileException e) {
			throw bad(key, "\"" + s + "\": " + (e.getReason() != null ? e.getReason() : "no such file"));
		}
		catch (final IOException | RuntimeException e) {
			throw bad(key, "\"" + s + "\": " + e.getMessage());
		}
	}

	/**
	 * A capability's settings read from the options by their keys ({@link Setting#key()}), each checked against
	 * its definition; absent keys keep their defaults. Text settings also take a list ({@code ["median", "IQR"]}),
	 * held as comma-separated text. A number setting with an auto word takes that word ({@code "auto"}).
	 */
	public Settings settings(final List<Setting<?>> definitions) {
		Settings values = Settings.defaults(definitions);
		for (final Setting<?> d : definitions) {
			if (!has(d.key())) continue;
			final Object value;
			if (d.type() == String.class) value = String.join(",", texts(d.key()));
			else if (d.type() == Boolean.class) value = flag(d.key(), false);
			else if (d.autoWord() != null && primitive(d.key()).isString()) value = string(d.key(), null);
			else if (d.type() == Integer.class || d.type() == Long.class) {
				final double v = number(d.key(), 0);
				if (v != Math.rint(v) || Math.abs(v) > Long.MAX_VALUE / 2.0) throw bad(d.key(), "must be a whole number, got " + json.get(d.key()));
				value = (long) v;
			}
			else value = number(d.key(), 0);
			try {
				values = values.withValue(d, value);
			}
			catch (final IllegalArgumentException e) {
				throw bad(d.key(), e.getMessage().startsWith(d.key() + ": ") ? e.getMessage().substring(d.key().length() + 2) : e.getMessage());
			}
			final String problem = problem(values, d);
			if (problem != null) throw bad(d.key(), problem);
		}
		return values;
	}

	private static <T> String problem(final Settings values, final Setting<T> d) {
		return d.problem(values.get(d));
	}

	/** Keys present in the options that the step never asked for, sorted. */
	public List<String> unknownKeys() {
		final List<String> unknown = new ArrayList<>();
		for (final String k : new TreeSet<>(json.keySet()))
			if (!read.contains(k)) unknown.add(k);
		return unknown;
	}

	/** Keys the step asked for (its known options, as far as it read them), in reading order. */
	public List<String> knownKeys() {
		return new ArrayList<>(read);
	}

	/** An error about one option, naming the step and the key. */
	public IllegalArgumentException bad(final String key, final String problem) {
		return new IllegalArgumentException("step \"" + step + "\": option \"" + key + "\" " + problem);
	}

	private JsonPrimitive primitive(final String key) {
		if (!has(key)) return null;
		final JsonElement e = json.get(key);
		if (!e.isJsonPrimitive()) throw bad(key, "must be a single value, got " + e);
		return e.getAsJsonPrimitive();
	}

	@Override
	public String toString() {
		return step + " " + json + (read.isEmpty() ? "" : " (known: " + Arrays.toString(read.toArray()) + ")");
	}
}
