package org.innsight.fiji;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.innsight.engine.ModelLookup;
import org.innsight.image.SpectralImage;
import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

import ij.ImagePlus;

/**
 * What InnSight's dialog ({@link InnSightDialog}) shows for each input of a command: the one place that says which
 * text input is a drop-down of installed models of a kind, of open images, or of devices. A command marks such an
 * input with a widget style, so its macro key and value type stay as they were (a macro still gives any model path,
 * image title or device word):
 * <ul>
 * <li>{@code style = "innsight-model:KIND"}: the installed models whose card has {@code KIND} ({@code posterior-cinn},
 * {@code ood-waic-ensemble}, {@code transfer-cinn}, {@code dalsa-classifier}), each with its card's first sentence;</li>
 * <li>{@code style = "innsight-image"}: {@code none} and the titles of the open images;</li>
 * <li>{@code style = "innsight-spectral"} on an image input: the open images that say their wavelengths, as the
 * commands read them ({@link SpectralImage#wavelengthsOf});</li>
 * <li>{@code style = "innsight-auto-number"}: a number with an "auto" check box (the value {@code auto} or the
 * number as text, as a macro gives it);</li>
 * <li>{@code style = "innsight-device"}: auto (saying what it resolves to here), cpu and each GPU found;</li>
 * <li>{@code style = "innsight-folder"}: a folder field with a Browse button; {@code "innsight-file"}: a file field.</li>
 * </ul>
 * Image inputs ({@link ImagePlus}) are drop-downs of the open images, inputs with {@code choices} drop-downs of
 * those, booleans check boxes, numbers numeric fields, files file fields, the {@code about} message the dialog's
 * header. Invisible inputs and services are not shown. Pure: what is open, installed and found comes from an
 * {@link Environment}, so a headless test can give it.
 */
final class DialogFields {

	static final String MODEL = "innsight-model:", IMAGE = "innsight-image", DEVICE = "innsight-device", FOLDER = "innsight-folder",
		FILE = "innsight-file", SPECTRAL = "innsight-spectral", AUTO_NUMBER = "innsight-auto-number";

	/** The value of an {@link #AUTO_NUMBER} input when its check box is ticked. */
	static final String AUTO = "auto";

	/** The drop-down entry of a spectral input when images are open but none says its wavelengths. */
	static final String NO_WAVELENGTHS = "(no open image has wavelengths)";

	/** How a field is shown. */
	enum Kind { MESSAGE, CHOICE, CHECKBOX, NUMBER, TEXT, FOLDER, FILE, AUTO_NUMBER }

	/**
	 * One field: the input's {@code key} and {@code label}, how it is shown, for a {@link Kind#CHOICE} the values set
	 * into the input and the labels shown for them (same order), the value shown first (as text) and the input's
	 * description.
	 */
	record Field(String key, String label, Kind kind, List<String> values, List<String> labels, String value, String help, Class<?> type) {

		/** The value for the label shown in a drop-down (the label itself when it is not one of them). */
		String valueOf(final String shown) {
			final int i = labels.indexOf(shown);
			return i < 0 ? shown : values.get(i);
		}
	}

	/** What the dialog offers: the open images, the installed models, the number of GPUs. */
	interface Environment {
		List<String> openImages();

		List<ModelLookup.Installed> models();

		/** GPUs the engine reports; -1 when it cannot be told (the engine does not load). */
		int gpus();

		/** The open image of that title, or null. */
		ImagePlus image(String title);
	}

	private DialogFields() {}

	/** The fields of {@code module}'s inputs, in their order, with the module's current values. */
	static List<Field> of(final Module module, final Environment env) {
		final List<Field> fields = new ArrayList<>();
		for (final ModuleItem<?> item : module.getInfo().inputs()) {
			final Class<?> type = item.getType();
			if (item.getVisibility() == ItemVisibility.INVISIBLE || Service.class.isAssignableFrom(type) || Context.class.isAssignableFrom(type)) continue;
			final Object now = item.getValue(module);
			final String style = item.getWidgetStyle() == null ? "" : item.getWidgetStyle();
			final String key = item.getName(), label = item.getLabel() == null || item.getLabel().isEmpty() ? key : item.getLabel();
			final String help = item.getDescription() == null ? "" : item.getDescription();
			final String text = now == null ? "" : now.toString();
			if (item.getVisibility() == ItemVisibility.MESSAGE) fields.add(new Field(key, label, Kind.MESSAGE, List.of(), List.of(), text, help, type));
			else if (ImagePlus.class.isAssignableFrom(type)) {
				final List<String> titles = new ArrayList<>(env.openImages());
				if (style.equals(SPECTRAL)) {
					titles.removeIf(t -> !carriesWavelengths(env.image(t)));
					if (titles.isEmpty() && !env.openImages().isEmpty()) titles.add(NO_WAVELENGTHS); // the value "": no image, as the check says
				}
				if (!item.isRequired()) titles.add(0, Dialogs.NONE);
				final String current = now instanceof ImagePlus imp && titles.contains(imp.getTitle()) ? imp.getTitle() : titles.isEmpty() ? "" : titles.get(0);
				final List<String> values = titles.stream().map(t -> t.equals(NO_WAVELENGTHS) ? "" : t).toList();
				fields.add(new Field(key, label, Kind.CHOICE, values, titles, current.equals(NO_WAVELENGTHS) ? "" : current, help, type));
			}
			else if (style.equals(IMAGE)) {
				final List<String> titles = new ArrayList<>(env.openImages());
				titles.add(0, Dialogs.NONE);
				fields.add(new Field(key, label, Kind.CHOICE, titles, titles, titles.contains(text) ? text : Dialogs.NONE, help, type));
			}
			else if (style.equals(AUTO_NUMBER)) fields.add(new Field(key, label, Kind.AUTO_NUMBER, List.of(), List.of(), text, help, type));
			else if (style.startsWith(MODEL)) fields.add(model(key, label, help, style.substring(MODEL.length()), text, env.models()));
			else if (style.equals(DEVICE)) fields.add(device(key, label, help, text, env.gpus()));
			else if (item.getChoices() != null && !item.getChoices().isEmpty()) {
				final List<String> values = new ArrayList<>();
				for (final Object c : item.getChoices()) values.add(c.toString());
				fields.add(new Field(key, label, Kind.CHOICE, values, values, values.contains(text) ? text : values.get(0), help, type));
			}
			else if (type == boolean.class || type == Boolean.class) fields.add(new Field(key, label, Kind.CHECKBOX, List.of(), List.of(), text, help, type));
			else if (type.isPrimitive() || Number.class.isAssignableFrom(type)) fields.add(new Field(key, label, Kind.NUMBER, List.of(), List.of(), text, help, type));
			else if (File.class.isAssignableFrom(type)) fields.add(new Field(key, label, Kind.FILE, List.of(), List.of(), text, help, type));
			else fields.add(new Field(key, label, style.equals(FOLDER) ? Kind.FOLDER : style.equals(FILE) ? Kind.FILE : Kind.TEXT, List.of(), List.of(), text, help, type));
		}
		// an image drop-down with nothing to offer (no image open): one empty choice, said so (models: model())
		fields.replaceAll(f -> f.kind() != Kind.CHOICE || !f.values().isEmpty() ? f
			: new Field(f.key(), f.label(), Kind.CHOICE, List.of(""), List.of("(no image is open)"), "", f.help(), f.type()));
		return fields;
	}

	/**
	 * Whether {@code imp} says its wavelengths as the spectral commands read them ({@link SpectralImage#wavelengthsOf}:
	 * plane labels, the "wavelengths" property, a sidecar); an unreadable sidecar counts as not saying them.
	 */
	static boolean carriesWavelengths(final ImagePlus imp) {
		if (imp == null) return false;
		try {
			return SpectralImage.wavelengthsOf(imp) != null;
		}
		catch (final IOException | RuntimeException e) {
			return false;
		}
	}

	/** The installed models of {@code kind}, labelled with their description; a value not among them (a path) comes first. */
	static Field model(final String key, final String label, final String help, final String kind, final String now, final List<ModelLookup.Installed> models) {
		final List<String> values = new ArrayList<>(), labels = new ArrayList<>();
		for (final ModelLookup.Installed m : models) {
			if (!m.kind().equals(kind)) continue;
			values.add(m.name());
			labels.add(m.description().isEmpty() ? m.name() : m.name() + " \u2013 " + shorter(m.description(), 60));
		}
		if (!now.isBlank() && !values.contains(now)) {
			values.add(0, now);
			labels.add(0, now);
		}
		if (values.isEmpty()) { // nothing of the kind installed: said in the drop-down, the field below gives one
			values.add("");
			labels.add("(no " + kind + " model installed: give one below)");
		}
		return new Field(key, label, Kind.CHOICE, values, labels, now.isBlank() ? values.get(0) : now, help, String.class);
	}

	/** auto (with what it is here), cpu, and gpu:0 .. gpu:N-1; a device word given before that is not among them comes last. */
	static Field device(final String key, final String label, final String help, final String now, final int gpus) {
		final List<String> values = new ArrayList<>(List.of("auto", "cpu")), labels = new ArrayList<>();
		for (int i = 0; i < gpus; i++) values.add("gpu:" + i);
		final String auto = gpus < 0 ? "auto" : "auto (here: " + (gpus > 0 ? "gpu:0" : "cpu") + ")";
		labels.add(auto);
		labels.addAll(values.subList(1, values.size()));
		final String word = now.trim().toLowerCase(Locale.ROOT);
		final String current = word.equals("gpu") && gpus > 0 ? "gpu:0" : word;
		if (!current.isEmpty() && !values.contains(current)) {
			values.add(current);
			labels.add(current);
		}
		return new Field(key, label, Kind.CHOICE, values, labels, current.isEmpty() ? "auto" : current, help, String.class);
	}

	private static String shorter(final String s, final int max) {
		return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
	}
}
