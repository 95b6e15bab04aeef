package org.innsight.fiji;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.innsight.engine.Engines;
import org.innsight.engine.ModelLookup;
import org.innsight.image.SpectralImage;
import org.scijava.command.DynamicCommand;
import org.scijava.module.MutableModuleItem;

import ij.ImagePlus;
import ij.WindowManager;

/**
 * The choices of InnSight's dialogs, filled when a dialog opens (a command's initializer, see
 * {@link InnSightCommand#initDialog()}): installed models of one kind, open images, devices. Choices only help the
 * dialog: a macro may still give any model name or path, image title or device word the command understands
 * (Fiji does not check a macro's value against the choices), so macros written before the drop-downs keep working.
 */
final class Dialogs {

	/** The image choice that means "no image". */
	static final String NONE = "none";
	/** Where each dialog's help page lies: {@code docs/<page>.md} of the project. */
	static final String DOCS = "https://github.com/innsight/innsight/blob/main/docs/";

	/** Model kinds as their cards name them. */
	static final String POSTERIOR = "posterior-cinn", OOD = "ood-waic-ensemble", TRANSFER = "transfer-cinn", DALSA = "dalsa-classifier";

	private Dialogs() {}

	/** A dialog's header: one paragraph and its help page, as HTML for the dialog's message line. */
	static String about(final String paragraph, final String page) {
		return "<html><body style='width:420px'>" + paragraph + "<br><i>Help: " + DOCS + page + ".md</i></body></html>";
	}

	/** The installed models of {@code kind}, in lookup order. */
	static List<ModelLookup.Installed> models(final String kind) {
		final List<ModelLookup.Installed> out = new ArrayList<>();
		for (final ModelLookup.Installed m : ModelLookup.standard().installed())
			if (kind.equals(m.kind())) out.add(m);
		return out;
	}

	/**
	 * Makes input {@code key} a drop-down of the installed models of {@code kind}, each explained in the help
	 * text; the value it holds (a name or path from a macro or the last run) stays a choice. Without installed
	 * models it stays a text field.
	 */
	static void modelChoices(final DynamicCommand command, final String key, final String kind) {
		final MutableModuleItem<String> item = command.getInfo().getMutableInput(key, String.class);
		final List<String> names = new ArrayList<>();
		final StringBuilder help = new StringBuilder("<html>");
		for (final ModelLookup.Installed m : models(kind)) {
			names.add(m.name());
			help.append("<b>").append(m.name()).append("</b>: ").append(m.description()).append("<br>");
		}
		if (names.isEmpty()) {
			item.setDescription("no " + kind + " model is installed: type a model folder's path, or pick one with 'Model folder'");
			return;
		}
		final Object current = item.getValue(command);
		if (current instanceof String s && !s.isBlank() && !names.contains(s)) names.add(s);
		item.setChoices(names);
		item.setDescription(help.append("Another folder: pick it with 'Model folder'.</html>").toString());
	}

	/** The model to load: the folder picked, else the name chosen. */
	static String model(final String name, final File folder) {
		return folder != null && !folder.getPath().isBlank() ? folder.getPath() : name;
	}

	/** Makes input {@code key} a drop-down of "none" and the open images that pass {@code filter}. */
	static void imageChoices(final DynamicCommand command, final String key, final Predicate<ImagePlus> filter) {
		final MutableModuleItem<String> item = command.getInfo().getMutableInput(key, String.class);
		final List<String> titles = new ArrayList<>(List.of(NONE));
		titles.addAll(openImages(filter));
		final Object current = item.getValue(command);
		if (current instanceof String s && !s.isBlank() && !titles.contains(s)) titles.add(s);
		item.setChoices(titles);
	}

	/** The titles of the open images that pass {@code filter}, oldest first. */
	static List<String> openImages(final Predicate<ImagePlus> filter) {
		final List<String> titles = new ArrayList<>();
		final int[] ids = WindowManager.getIDList();
		if (ids != null) for (final int id : ids) {
			final ImagePlus imp = WindowManager.getImage(id);
			if (imp != null && filter.test(imp)) titles.add(imp.getTitle());
		}
		return titles;
	}

	/** Whether the image's planes carry wavelengths (labels, property or sidecar): a spectral input. */
	static boolean hasWavelengths(final ImagePlus imp) {
		try {
			return SpectralImage.wavelengthsOf(imp) != null;
		}
		catch (final Exception e) {
			return false;
		}
	}

	/** The open image titled {@code title}; null for none (or an empty title). */
	static ImagePlus image(final String title, final String key) {
		if (title == null || title.isBlank() || NONE.equalsIgnoreCase(title.trim())) return null;
		final ImagePlus imp = WindowManager.getImage(title);
		if (imp != null) return imp;
		final String[] open = WindowManager.getImageTitles();
		throw new IllegalArgumentException("key '" + key + "': no open image is titled '" + title + "' (" + (open.length == 0 ? "no images are open"
			: "open images: " + String.join(", ", open)) + "; or none)");
	}

	/** The GPUs the engine reports; 0 when it cannot be loaded (no natives for this machine). */
	static int gpus() {
		try {
			return Engines.pytorch().getGpuCount();
		}
		catch (final RuntimeException | LinkageError e) {
			return 0;
		}
	}

	/** The device words: auto, cpu, then gpu:0 .. gpu:N-1. */
	static List<String> devices(final int gpus) {
		final List<String> list = new ArrayList<>(List.of("auto", "cpu"));
		for (int i = 0; i < gpus; i++)
			list.add("gpu:" + i);
		return list;
	}

	/** Makes input {@code key} a drop-down of the devices found, its label saying what auto resolves to. */
	static void deviceChoices(final DynamicCommand command, final String key) {
		final MutableModuleItem<String> item = command.getInfo().getMutableInput(key, String.class);
		final int gpus = gpus();
		final List<String> choices = devices(gpus);
		final Object current = item.getValue(command);
		if (current instanceof String s && !s.isBlank() && !choices.contains(s)) choices.add(s);
		item.setChoices(choices);
		item.setLabel("Device (auto = " + (gpus > 0 ? "gpu:0" : "cpu") + ")");
		item.setDescription("auto: the first GPU if the engine finds one, else the CPU; here " + (gpus == 0 ? "no GPU was found"
			: gpus + " GPU(s)"));
	}
}
