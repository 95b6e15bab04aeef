package org.innsight.fiji;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;

import org.innsight.request.Setting;
import org.innsight.request.Settings;
import org.scijava.plugin.Parameter;

/**
 * The Fiji side of a capability's {@link Setting}s: a command declares one {@code @Parameter} field per setting,
 * named by {@link Setting#macroKey()} (the macro key) and initialised from the setting's default
 * ({@code private int samples = PosteriorRequest.SAMPLES.defaultValue();}); {@link #read} turns the fields into
 * the capability's {@link Settings}. Adding a setting to a request then costs one field here.
 */
public final class FijiSettings {

	private FijiSettings() {}

	/** The settings as the command's fields hold them; settings without a field keep their defaults. */
	public static Settings read(final Object command, final List<Setting<?>> definitions) {
		Settings values = Settings.defaults(definitions);
		for (final Setting<?> s : definitions) {
			final Field f = field(command.getClass(), s.macroKey());
			if (f == null) continue;
			try {
				f.setAccessible(true);
				values = values.withValue(s, f.get(command));
			}
			catch (final IllegalAccessException e) {
				throw new IllegalStateException("cannot read parameter " + f.getName() + " of " + command.getClass().getSimpleName(), e);
			}
			catch (final IllegalArgumentException e) {
				throw new IllegalArgumentException(s.macroKey() + ": " + e.getMessage().replaceFirst("^" + s.key() + ": ", ""), e);
			}
		}
		return values;
	}

	/**
	 * The macro line that repeats a command, as a model card records it: {@code run("TITLE", "FIXED key=value ...")}
	 * with every setting under its macro key; a value that is empty or holds a space or bracket goes in brackets,
	 * as ImageJ's recorder writes it.
	 */
	public static String recordedLine(final String title, final String fixed, final Settings settings) {
		final StringBuilder macro = new StringBuilder("run(\"").append(title).append("\", \"").append(fixed);
		for (final Map.Entry<String, String> e : settings.asText().entrySet()) {
			final String v = e.getValue() == null ? "" : e.getValue();
			final boolean bracket = v.isEmpty() || v.chars().anyMatch(c -> Character.isWhitespace(c) || c == '[' || c == ']');
			macro.append(' ').append(settings.definition(e.getKey()).macroKey()).append('=').append(bracket ? "[" + v + "]" : v);
		}
		return macro.append("\")").toString();
	}

	/** The {@code @Parameter} field named {@code name} of a command class (or its superclasses), or null. */
	public static Field field(final Class<?> type, final String name) {
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
			try {
				final Field f = c.getDeclaredField(name);
				return f.isAnnotationPresent(Parameter.class) ? f : null;
			}
			catch (final NoSuchFieldException e) {
				// look in the superclass
			}
		}
		return null;
	}
}
