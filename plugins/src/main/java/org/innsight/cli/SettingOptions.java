package org.innsight.cli;

import java.util.List;

import org.innsight.request.Setting;
import org.innsight.request.Settings;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The CLI side of a capability's {@link Setting}s. A subcommand that runs a capability implements
 * {@link Owner}; its options for those settings are plain annotated fields named by {@link Setting#cliName()},
 * without a {@code defaultValue}: their defaults come from the setting (this class is the root's default
 * provider, so {@code ${DEFAULT-VALUE}} in a description shows it), and {@link #read} turns whatever was typed
 * into the capability's {@link Settings}. Adding a setting to a request then costs one option line here.
 */
public final class SettingOptions implements IDefaultValueProvider {

	/** A subcommand whose options include (some of) these settings. */
	public interface Owner {
		List<Setting<?>> settings();
	}

	@Override
	public String defaultValue(final ArgSpec arg) {
		if (!(arg instanceof OptionSpec option)) return null;
		final Setting<?> s = setting(arg.command(), option.longestName());
		return s == null ? null : text(s);
	}

	private static <T> String text(final Setting<T> s) {
		return s.defaultValue() == null ? null : s.format(s.defaultValue());
	}

	/**
	 * The setting behind an option of {@code command}, or null. An option of a mixin belongs to the command that
	 * mixes it in; a subcommand's option never takes a setting of its parent (`mws sample --seed` is not `mws --seed`).
	 */
	static Setting<?> setting(final CommandSpec command, final String optionName) {
		if (command != null && command.userObject() instanceof Owner owner)
			for (final Setting<?> s : owner.settings())
				if (s.cliName().equals(optionName)) return s;
		return null;
	}

	/**
	 * The settings as given on the command line: each setting whose option the command has takes the option's
	 * value (its default when not typed); the others stay at their defaults.
	 */
	public static Settings read(final CommandSpec spec, final List<Setting<?>> definitions) {
		Settings values = Settings.defaults(definitions);
		for (final Setting<?> s : definitions) {
			final OptionSpec option = spec.findOption(s.cliName());
			if (option == null) continue;
			final Object value = option.getValue();
			if (value != null) values = values.withValue(s, value);
		}
		return values;
	}
}
