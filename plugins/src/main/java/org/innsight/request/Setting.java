package org.innsight.request;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One user-facing option of a capability, defined once: its name in every front end, its type, default, bounds
 * and help. The Fiji command, the {@code innsight} subcommand and the pipeline step of the capability all read
 * the option through this definition ({@code FrontEndsTest} checks that each exposes it with this default).
 * <ul>
 * <li>{@link #key()}: the pipeline key, lowerCamelCase ({@code keepSamples});</li>
 * <li>{@link #cliName()}: the CLI option, by default the key in kebab case ({@code --keep-samples});</li>
 * <li>{@link #macroKey()}: the SciJava field and macro key, by default the key in snake case
 * ({@code keep_samples}); older names stay for macros already written ({@link #macroKey(String)}).</li>
 * </ul>
 * Values are {@link Integer}, {@link Long}, {@link Double}, {@link Boolean} or {@link String} (lists are
 * comma-separated text, e.g. {@code "median,IQR"}). A number setting may have an {@link #autoWord()}: the
 * word a user types for "choose from the input" ({@code auto}), held as {@code NaN}.
 *
 * @param <T> the value type
 */
public final class Setting<T> {

	private final String key, cliName, macroKey, help, autoWord;
	private final Class<T> type;
	private final T defaultValue;
	private final double min, max;
	private final List<String> choices;

	private Setting(final String key, final String cliName, final String macroKey, final Class<T> type, final T defaultValue, final double min,
		final double max, final List<String> choices, final String autoWord, final String help)
	{
		if (!key.matches("[a-z][a-zA-Z0-9]*")) throw new IllegalArgumentException("setting key must be lowerCamelCase: " + key);
		this.key = key;
		this.cliName = cliName;
		this.macroKey = macroKey;
		this.type = type;
		this.defaultValue = defaultValue;
		this.min = min;
		this.max = max;
		this.choices = choices;
		this.autoWord = autoWord;
		this.help = help;
	}

	private static <T> Setting<T> of(final String key, final Class<T> type, final T defaultValue, final double min, final double max,
		final List<String> choices, final String help)
	{
		return new Setting<>(key, "--" + key.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT), key.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT),
			type, defaultValue, min, max, choices, null, help);
	}

	/** A whole number in [min, max]. */
	public static Setting<Integer> integer(final String key, final int defaultValue, final int min, final int max, final String help) {
		return of(key, Integer.class, defaultValue, min, max, null, help);
	}

	/** A long whole number (seeds). */
	public static Setting<Long> whole(final String key, final long defaultValue, final String help) {
		return of(key, Long.class, defaultValue, Double.NaN, Double.NaN, null, help);
	}

	/** A number in [min, max] (NaN: unbounded on that side). */
	public static Setting<Double> number(final String key, final double defaultValue, final double min, final double max, final String help) {
		return of(key, Double.class, defaultValue, min, max, null, help);
	}

	public static Setting<Boolean> flag(final String key, final boolean defaultValue, final String help) {
		return of(key, Boolean.class, defaultValue, Double.NaN, Double.NaN, null, help);
	}

	/** Free text (a name, a path, a comma-separated list); null default: none. */
	public static Setting<String> text(final String key, final String defaultValue, final String help) {
		return of(key, String.class, defaultValue, Double.NaN, Double.NaN, null, help);
	}

	/** One word of {@code choices} (compared case-insensitively, stored as written in {@code choices}). */
	public static Setting<String> choice(final String key, final String defaultValue, final List<String> choices, final String help) {
		if (!choices.contains(defaultValue)) throw new IllegalArgumentException(key + ": default " + defaultValue + " is not one of " + choices);
		return of(key, String.class, defaultValue, Double.NaN, Double.NaN, List.copyOf(choices), help);
	}

	/** This setting, whose CLI option is {@code name} (e.g. {@code --stats}) instead of the kebab-case key. */
	public Setting<T> cliName(final String name) {
		if (!name.startsWith("--")) throw new IllegalArgumentException("a CLI option starts with --: " + name);
		return new Setting<>(key, name, macroKey, type, defaultValue, min, max, choices, autoWord, help);
	}

	/** This setting, whose Fiji field and macro key is {@code name} (e.g. {@code sample_stack}) instead of the snake-case key. */
	public Setting<T> macroKey(final String name) {
		return new Setting<>(key, cliName, name, type, defaultValue, min, max, choices, autoWord, help);
	}

	/** This number setting, where {@code word} (e.g. {@code auto}) stands for NaN: "decide from the input". */
	public Setting<T> autoWord(final String word) {
		if (type != Double.class) throw new IllegalArgumentException(key + ": only a number setting can have an auto word");
		return new Setting<>(key, cliName, macroKey, type, defaultValue, min, max, choices, word, help);
	}

	public String key() {
		return key;
	}

	public String cliName() {
		return cliName;
	}

	public String macroKey() {
		return macroKey;
	}

	public Class<T> type() {
		return type;
	}

	public T defaultValue() {
		return defaultValue;
	}

	/** Lower bound (inclusive) of a number; NaN when there is none. */
	public double min() {
		return min;
	}

	/** Upper bound (inclusive) of a number; NaN when there is none. */
	public double max() {
		return max;
	}

	/** The allowed words of a choice; null for any other setting. */
	public List<String> choices() {
		return choices;
	}

	/** The word that stands for NaN ("auto"), or null. */
	public String autoWord() {
		return autoWord;
	}

	public String help() {
		return help;
	}

	/** A value as a user types it: {@code 100}, {@code 0.001}, {@code true}, {@code auto}; empty text for null. */
	public String format(final T value) {
		if (value == null) return "";
		if (value instanceof Double d) {
			if (d.isNaN() && autoWord != null) return autoWord;
			if (d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) return Long.toString(d.longValue());
			return d.toString();
		}
		return value.toString();
	}

	/** Parses text as a user types it; the message names the setting and the text. */
	public T parse(final String text) {
		final String t = text == null ? "" : text.trim();
		try {
			if (type == String.class) return type.cast(choices == null ? text : choose(t));
			if (type == Boolean.class) { // on/off: Fiji choices written before flags were settings (DALSA's weighting=off)
				if (!t.matches("(?i)true|false|on|off")) throw new NumberFormatException();
				return type.cast(t.equalsIgnoreCase("true") || t.equalsIgnoreCase("on"));
			}
			if (type == Integer.class) return type.cast(Integer.parseInt(t));
			if (type == Long.class) return type.cast(Long.parseLong(t));
			if (autoWord != null && t.equalsIgnoreCase(autoWord)) return type.cast(Double.NaN);
			return type.cast(Double.parseDouble(t));
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException(key + ": '" + text + "' is not " + expected());
		}
	}

	/** A value of any of the setting's Java types (e.g. an {@code int} field for an Integer setting), as this setting's type. */
	public T convert(final Object value) {
		if (value == null || type.isInstance(value) && !(value instanceof String)) return type.cast(value);
		if (value instanceof Number n && type == Double.class) return type.cast(n.doubleValue());
		if (value instanceof Number n && type == Long.class) return type.cast(n.longValue());
		if (value instanceof Number n && type == Integer.class && n.doubleValue() == n.intValue()) return type.cast(n.intValue());
		return parse(value.toString());
	}

	/** Null when {@code value} is allowed, else what is wrong, without the setting's name: "must be at least 1, not 0". */
	public String problem(final T value) {
		if (value == null) return defaultValue == null ? null : "must be given";
		if (value instanceof Number n && !(autoWord != null && Double.isNaN(n.doubleValue()))) {
			final double v = n.doubleValue();
			if (Double.isNaN(v)) return "must be a number";
			if (!Double.isNaN(min) && v < min || !Double.isNaN(max) && v > max)
				return "must be " + bounds() + ", not " + format(value);
		}
		if (choices != null && !choices.contains(value)) return "must be one of " + String.join(", ", choices) + ", not '" + value + "'";
		return null;
	}

	/** "between 1 and 100000", "at least 0", ... ; empty when unbounded. The largest int or long is no bound to name. */
	public String bounds() {
		final boolean lo = !Double.isNaN(min);
		final boolean hi = !Double.isNaN(max) && !(type == Integer.class && max >= Integer.MAX_VALUE) && !(type == Long.class && max >= Long.MAX_VALUE);
		final String a = lo ? format(type.cast(numberOfType(min))) : "", b = hi ? format(type.cast(numberOfType(max))) : "";
		if (lo && hi) return "between " + a + " and " + b;
		if (lo) return "at least " + a;
		if (hi) return "at most " + b;
		return "";
	}

	private Object numberOfType(final double v) {
		if (type == Integer.class) return (int) v;
		if (type == Long.class) return (long) v;
		return v;
	}

	private String choose(final String t) {
		for (final String c : choices)
			if (c.equalsIgnoreCase(t)) return c;
		throw new IllegalArgumentException(key + ": '" + t + "' is not one of " + String.join(", ", choices));
	}

	private String expected() {
		if (type == Boolean.class) return "true or false";
		if (type == Integer.class || type == Long.class) return "a whole number";
		return autoWord != null ? "a number or " + autoWord : "a number";
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof Setting<?> s && s.key.equals(key) && s.cliName.equals(cliName) && s.macroKey.equals(macroKey) && s.type == type &&
			Objects.equals(s.defaultValue, defaultValue);
	}

	@Override
	public int hashCode() {
		return key.hashCode();
	}

	@Override
	public String toString() {
		return key + " (" + cliName + ", " + macroKey + "; default " + format(defaultValue) + ")";
	}
}
