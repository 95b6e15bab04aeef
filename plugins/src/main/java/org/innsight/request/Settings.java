package org.innsight.request;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of a capability's {@link Setting}s: immutable, every setting present (at its default unless set).
 * A capability's request wraps one of these and gives each value a named, typed accessor.
 */
public final class Settings {

	private final List<Setting<?>> definitions;
	private final Map<String, Object> values;

	private Settings(final List<Setting<?>> definitions, final Map<String, Object> values) {
		this.definitions = definitions;
		this.values = values;
	}

	/** Every setting at its default. */
	public static Settings defaults(final List<Setting<?>> definitions) {
		final Map<String, Object> values = new LinkedHashMap<>();
		for (final Setting<?> s : definitions)
			if (values.put(s.key(), s.defaultValue()) != null || values.size() != definitions.indexOf(s) + 1)
				throw new IllegalArgumentException("setting '" + s.key() + "' is defined twice");
		return new Settings(List.copyOf(definitions), Collections.unmodifiableMap(values));
	}

	/** The definitions, in the order front ends list them. */
	public List<Setting<?>> definitions() {
		return definitions;
	}

	public <T> T get(final Setting<T> setting) {
		require(setting);
		return setting.type().cast(values.get(setting.key()));
	}

	/** These settings with one value changed (not checked here: see {@link #problems()}). */
	public <T> Settings with(final Setting<T> setting, final T value) {
		require(setting);
		final Map<String, Object> copy = new LinkedHashMap<>(values);
		copy.put(setting.key(), value);
		return new Settings(definitions, Collections.unmodifiableMap(copy));
	}

	/** These settings with a value of any Java type the setting accepts (an {@code int} field, a parsed text, ...). */
	public Settings withValue(final Setting<?> setting, final Object value) {
		return withConverted(setting, value);
	}

	private <T> Settings withConverted(final Setting<T> setting, final Object value) {
		return with(setting, setting.convert(value));
	}

	/** The definition with this key, or null. */
	public Setting<?> definition(final String key) {
		for (final Setting<?> s : definitions)
			if (s.key().equals(key)) return s;
		return null;
	}

	/** What is wrong with the values, one message per setting, naming it; empty when all are allowed. */
	public List<String> problems() {
		final List<String> out = new ArrayList<>();
		for (final Setting<?> s : definitions) {
			final String p = problem(s);
			if (p != null) out.add(p);
		}
		return out;
	}

	private <T> String problem(final Setting<T> s) {
		final String p = s.problem(s.type().cast(values.get(s.key())));
		return p == null ? null : s.key() + " " + p;
	}

	/** The values as text, by key: for manifests, model cards and logs. */
	public Map<String, String> asText() {
		final Map<String, String> out = new LinkedHashMap<>();
		for (final Setting<?> s : definitions) out.put(s.key(), text(s));
		return out;
	}

	private <T> String text(final Setting<T> s) {
		return s.format(get(s));
	}

	private void require(final Setting<?> setting) {
		if (!values.containsKey(setting.key()) || !definitions.contains(setting))
			throw new IllegalArgumentException("not a setting of this request: " + setting.key());
	}

	@Override
	public String toString() {
		return asText().toString();
	}
}
