package org.innsight.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.innsight.batch.StepRegistry;
import org.innsight.cli.InnSightCli;
import org.innsight.cli.SettingOptions;
import org.innsight.fiji.FijiSettings;
import org.scijava.plugin.Parameter;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks that the front ends of one capability expose its {@link Setting}s alike: the Fiji command has a
 * {@code @Parameter} field per setting with the setting's default (and bounds, where the annotation gives
 * them), the {@code innsight} subcommand an option with the setting's default, and the pipeline step reads
 * exactly these settings. A setting a front end cannot offer (e.g. Fiji's "only inside the selection") is named in
 * that front end's {@code except} list, so every exception is visible in the test.
 * <pre>
 * FrontEnds.of(PosteriorRequest.SETTINGS)
 *     .fiji(TissuePosteriorCommand.class).cli("posterior").pipeline("posterior", "threads").check();
 * </pre>
 */
public final class FrontEnds {

	private final List<Setting<?>> settings;
	private final List<String> problems = new ArrayList<>();

	private FrontEnds(final List<Setting<?>> settings) {
		this.settings = settings;
	}

	public static FrontEnds of(final List<Setting<?>> settings) {
		return new FrontEnds(settings);
	}

	/** The Fiji command's {@code @Parameter} fields, except those of the settings keyed {@code except}. */
	public FrontEnds fiji(final Class<?> command, final String... except) {
		final Object instance = instantiate(command);
		for (final Setting<?> s : settings) {
			if (Set.of(except).contains(s.key())) continue;
			final Field f = FijiSettings.field(command, s.macroKey());
			if (f == null) {
				problems.add(command.getSimpleName() + ": no @Parameter field '" + s.macroKey() + "' for setting " + s.key());
				continue;
			}
			try {
				f.setAccessible(true);
				same(command.getSimpleName() + "." + f.getName(), s, f.get(instance));
			}
			catch (final IllegalAccessException | RuntimeException e) {
				problems.add(command.getSimpleName() + "." + f.getName() + ": " + e.getMessage());
			}
			final Parameter p = f.getAnnotation(Parameter.class);
			bound(command.getSimpleName() + "." + f.getName() + " min", p.min(), s.min());
			bound(command.getSimpleName() + "." + f.getName() + " max", p.max(), s.max());
			if (s.choices() != null && p.choices().length > 0 && !Arrays.asList(p.choices()).equals(s.choices()))
				problems.add(command.getSimpleName() + "." + f.getName() + ": choices " + Arrays.toString(p.choices()) + ", setting has " + s.choices());
		}
		return this;
	}

	/** The options of {@code innsight <subcommand>} (e.g. "posterior", "dalsa apply"). */
	public FrontEnds cli(final String subcommand, final String... except) {
		CommandLine c = new CommandLine(new InnSightCli());
		c.setDefaultValueProvider(new SettingOptions());
		for (final String name : subcommand.split(" ")) {
			c = c.getSubcommands().get(name);
			assertNotNull(c, "no subcommand " + subcommand);
		}
		for (final Setting<?> s : settings) {
			if (Set.of(except).contains(s.key())) continue;
			final OptionSpec o = c.getCommandSpec().findOption(s.cliName());
			if (o == null) {
				problems.add("innsight " + subcommand + ": no option " + s.cliName() + " for setting " + s.key());
				continue;
			}
			String d = o.defaultValue();
			if (d == null) d = new SettingOptions().defaultValue(o);
			try {
				if (s.defaultValue() == null) {
					if (d != null) problems.add("innsight " + subcommand + " " + s.cliName() + ": default '" + d + "', setting has none");
				}
				else same("innsight " + subcommand + " " + s.cliName(), s, d);
			}
			catch (final RuntimeException e) {
				problems.add("innsight " + subcommand + " " + s.cliName() + ": " + e.getMessage());
			}
		}
		return this;
	}

	/** The settings the pipeline step reads ({@code Step.settings()}): these, except those keyed {@code except}. */
	public FrontEnds pipeline(final String step, final String... except) {
		final List<String> expected = new ArrayList<>();
		for (final Setting<?> s : settings) if (!Set.of(except).contains(s.key())) expected.add(s.toString());
		final List<String> actual = new ArrayList<>();
		for (final Setting<?> s : StepRegistry.standard().get(step).settings()) actual.add(s.toString());
		if (!expected.equals(actual)) problems.add("pipeline step " + step + " reads " + actual + ", expected " + expected);
		return this;
	}

	/** Fails with every difference found. */
	public void check() {
		if (!problems.isEmpty()) fail("front ends differ from the settings:\n  " + String.join("\n  ", problems));
	}

	private <T> void same(final String where, final Setting<T> s, final Object value) {
		final T v = s.convert(value);
		if (!s.format(v).equals(s.format(s.defaultValue())))
			problems.add(where + ": default '" + s.format(v) + "', setting has '" + s.format(s.defaultValue()) + "'");
	}

	private void bound(final String where, final String annotated, final double setting) {
		if (annotated.isEmpty()) return;
		if (Double.isNaN(setting) || Double.parseDouble(annotated) != setting) problems.add(where + ": " + annotated + ", setting has " + setting);
	}

	private static Object instantiate(final Class<?> type) {
		try {
			final Constructor<?> c = type.getDeclaredConstructor();
			c.setAccessible(true);
			return c.newInstance();
		}
		catch (final ReflectiveOperationException e) {
			throw new AssertionError("cannot make a " + type.getSimpleName() + ": " + e, e);
		}
	}

	/** For FrontEnds' own test. */
	static void assertChecks(final boolean ok, final FrontEnds f) {
		assertEquals(ok, f.problems.isEmpty(), String.join("\n", f.problems));
	}
}
