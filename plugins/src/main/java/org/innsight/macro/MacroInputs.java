package org.innsight.macro;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.convert.ConvertService;
import org.scijava.module.Module;
import org.scijava.module.ModuleInfo;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;

/**
 * Fills a SciJava command's inputs from an ImageJ1 macro's options string ({@code "key=value key2=[a b]"}) the
 * way Fiji's legacy layer does: the value of input {@code name} is {@code Macro.getValue(options, name, null)},
 * converted to the input's type; an {@link ImagePlus} input is given by image title or ID, or is the active image
 * when the command has just one image input and no key names it. Where Fiji silently falls back to a default,
 * the bridge stops with a message naming the key instead: unknown keys (typos), values that do not convert,
 * choices that do not exist, and required inputs that are missing.
 */
final class MacroInputs {

	private MacroInputs() {}

	/** The inputs a macro sets: not services, the context or read-only messages. */
	static List<ModuleItem<?>> macroInputs(final ModuleInfo info) {
		final List<ModuleItem<?>> inputs = new ArrayList<>();
		for (final ModuleItem<?> item : info.inputs()) {
			final Class<?> type = item.getType();
			if (Service.class.isAssignableFrom(type) || Context.class.isAssignableFrom(type)) continue;
			if (item.getVisibility() == ItemVisibility.MESSAGE) continue;
			inputs.add(item);
		}
		return inputs;
	}

	/**
	 * Sets and resolves every macro input of {@code module} from {@code options} (null = none given).
	 *
	 * @throws IllegalArgumentException naming the key, for anything a macro author must fix
	 */
	static void fill(final Module module, final String options, final ConvertService convert) {
		final List<ModuleItem<?>> inputs = macroInputs(module.getInfo());
		final String opts = options == null ? "" : options;
		final List<String> given = keys(opts);
		final Set<String> known = new TreeSet<>();
		for (final ModuleItem<?> item : inputs)
			known.add(item.getName());
		for (final String key : given) {
			if (!known.contains(key)) throw new IllegalArgumentException("unknown key '" + key + "'" + (key.equals(key
				.toLowerCase(Locale.ROOT)) ? "" : " (keys are lower case)") + "; the keys are: " + String.join(", ",
					known));
		}
		final long imageInputs = inputs.stream().filter(i -> ImagePlus.class.isAssignableFrom(i.getType())).count();
		for (final ModuleItem<?> item : inputs) {
			final String name = item.getName();
			final String value = opts.isEmpty() ? null : Macro.getValue(opts, name, null);
			final Object converted;
			if (value != null) {
				converted = convert(item, value, convert);
			}
			else if (given.contains(name)) {
				// A bare key is ImageJ1's way of ticking a checkbox.
				if (!isBoolean(item.getType())) throw new IllegalArgumentException("key '" + name +
					"' needs a value (" + name + "=...)");
				converted = Boolean.TRUE;
			}
			else if (ImagePlus.class.isAssignableFrom(item.getType())) {
				if (imageInputs > 1) throw new IllegalArgumentException("missing key '" + name +
					"': this command takes several images, so each must be named by title");
				converted = WindowManager.getCurrentImage();
				if (converted == null && item.isRequired()) throw new IllegalArgumentException("no image is open for '" + name +
					"'; open one or give " + name + "=[title]");
			}
			else {
				converted = item.getValue(module);
				if (converted == null && item.isRequired()) throw new IllegalArgumentException("missing key '" + name +
					"' (" + describe(item) + ")");
			}
			module.setInput(name, converted);
			module.resolveInput(name);
		}
	}

	/** The keys written in an options string, in order: {@code key=value}, {@code key=[..]}, bare {@code key}. */
	static List<String> keys(final String options) {
		final List<String> keys = new ArrayList<>();
		final int n = options.length();
		int i = 0;
		while (i < n) {
			while (i < n && options.charAt(i) == ' ')
				i++;
			final int start = i;
			while (i < n && options.charAt(i) != '=' && options.charAt(i) != ' ')
				i++;
			if (i > start) keys.add(options.substring(start, i));
			if (i < n && options.charAt(i) == '=') {
				i++;
				if (i < n && options.charAt(i) == '[') {
					int depth = 0;
					for (; i < n; i++) {
						if (options.charAt(i) == '[') depth++;
						else if (options.charAt(i) == ']' && --depth == 0) break;
					}
					i++;
				}
				else if (i < n && options.charAt(i) == '\'') {
					final int close = options.indexOf('\'', i + 1);
					i = close < 0 ? n : close + 1;
				}
				else {
					while (i < n && options.charAt(i) != ' ')
						i++;
				}
			}
		}
		return keys;
	}

	private static Object convert(final ModuleItem<?> item, final String value, final ConvertService convert) {
		final String name = item.getName();
		final Class<?> type = boxed(item.getType());
		try {
			if (type == String.class) return choice(item, value);
			if (type == Boolean.class) {
				if (value.equalsIgnoreCase("true")) return Boolean.TRUE;
				if (value.equalsIgnoreCase("false")) return Boolean.FALSE;
				throw new IllegalArgumentException("use true or false");
			}
			if (type == Double.class) return Double.valueOf(value);
			if (type == Float.class) return Float.valueOf(value);
			if (type == Integer.class) return Math.toIntExact(integral(value));
			if (type == Long.class) return integral(value);
			if (type == Short.class) return (short) Math.toIntExact(integral(value));
			if (type == File.class) return new File(value);
			if (type.isEnum()) return enumConstant(type, value);
			if (ImagePlus.class.isAssignableFrom(type)) return image(value);
			if (convert != null && convert.supports(value, type)) return convert.convert(value, type);
			throw new IllegalArgumentException("a " + type.getSimpleName() + " cannot be given in a macro");
		}
		catch (final NumberFormatException | ArithmeticException e) {
			throw new IllegalArgumentException("key '" + name + "': '" + value + "' is not " + describe(item), e);
		}
		catch (final IllegalArgumentException e) {
			if (e.getMessage() != null && e.getMessage().startsWith("key '")) throw e;
			throw new IllegalArgumentException("key '" + name + "': '" + value + "': " + e.getMessage(), e);
		}
	}

	private static String choice(final ModuleItem<?> item, final String value) {
		final List<?> choices = item.getChoices();
		if (choices == null || choices.isEmpty()) return value;
		for (final Object c : choices)
			if (c.toString().equals(value)) return value;
		for (final Object c : choices)
			if (c.toString().equalsIgnoreCase(value)) return c.toString();
		throw new IllegalArgumentException("not one of " + join(choices));
	}

	/** Integers as macros write them: "3", or "3.0" when a number went through arithmetic. */
	private static long integral(final String value) {
		try {
			return Long.parseLong(value.trim());
		}
		catch (final NumberFormatException e) {
			final double d = Double.parseDouble(value.trim());
			if (d != Math.rint(d) || Double.isInfinite(d)) throw new NumberFormatException("not a whole number");
			return (long) d;
		}
	}

	private static Object enumConstant(final Class<?> type, final String value) {
		final Object[] constants = type.getEnumConstants();
		for (final Object c : constants)
			if (((Enum<?>) c).name().equalsIgnoreCase(value) || c.toString().equalsIgnoreCase(value)) return c;
		throw new IllegalArgumentException("not one of " + join(java.util.Arrays.asList(constants)));
	}

	/** An open image by ID (as {@code getImageID()} gives) or by title, like Fiji's StringToImagePlusConverter. */
	private static ImagePlus image(final String value) {
		try {
			final ImagePlus byId = WindowManager.getImage(Integer.parseInt(value.trim()));
			if (byId != null) return byId;
		}
		catch (final NumberFormatException e) {
			// not an ID: a title
		}
		final ImagePlus byTitle = WindowManager.getImage(value);
		if (byTitle != null) return byTitle;
		final String[] open = WindowManager.getImageTitles();
		throw new IllegalArgumentException("no open image has this title" + (open.length == 0 ? " (no images are open)"
			: "; open images: " + String.join(", ", open)));
	}

	private static String describe(final ModuleItem<?> item) {
		final Class<?> type = boxed(item.getType());
		if (item.getChoices() != null && !item.getChoices().isEmpty()) return "one of " + join(item.getChoices());
		if (type == Integer.class || type == Long.class || type == Short.class) return "a whole number";
		if (type == Double.class || type == Float.class) return "a number";
		if (type == Boolean.class) return "true or false";
		if (type == File.class) return "a file path";
		if (ImagePlus.class.isAssignableFrom(type)) return "an image title";
		if (type.isEnum()) return "one of " + join(java.util.Arrays.asList(type.getEnumConstants()));
		return "a " + type.getSimpleName();
	}

	private static String join(final List<?> items) {
		final List<String> s = new ArrayList<>();
		for (final Object o : items)
			s.add(o.toString());
		return String.join(", ", s);
	}

	private static boolean isBoolean(final Class<?> type) {
		return boxed(type) == Boolean.class;
	}

	private static Class<?> boxed(final Class<?> type) {
		if (!type.isPrimitive()) return type;
		if (type == boolean.class) return Boolean.class;
		if (type == int.class) return Integer.class;
		if (type == long.class) return Long.class;
		if (type == double.class) return Double.class;
		if (type == float.class) return Float.class;
		if (type == short.class) return Short.class;
		if (type == byte.class) return Byte.class;
		if (type == char.class) return Character.class;
		return type;
	}
}
