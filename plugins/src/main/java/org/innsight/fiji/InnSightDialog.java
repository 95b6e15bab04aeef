package org.innsight.fiji;

import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.TextField;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.innsight.engine.Engines;
import org.innsight.engine.ModelLookup;
import org.innsight.fiji.DialogFields.Field;
import org.innsight.macro.MacroRunner;
import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Plugin;
import org.scijava.widget.InputHarvester;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.MultiLineLabel;

/**
 * InnSight's own dialog for its commands, in place of SciJava's input harvester: drop-downs of the installed models of
 * the command's kind, of the open images and of the devices ({@link DialogFields}), the header paragraph with a Help
 * button for the command's page, and the command's request checked as values change, its message in the dialog (OK
 * is disabled while there is one).
 * <p>
 * Why a preprocessor and not a SciJava {@code DynamicCommand} (whose initializer could fill choices): in this runtime
 * (scijava-common 2.100.1, imagej-legacy 2.0.3) {@code CommandService.run} gives no future for a DynamicCommand, so
 * a macro's next line ran before the results existed and {@code --run} failed. The commands stay plain commands with
 * text inputs, so macros give any model path, image title or device word as before. This runs after the inputs
 * remembered from the last dialog are loaded (priority -9999) and before the harvester (-10000): the values it
 * sets are marked resolved, so the harvester shows nothing, imagej-legacy's recorder records them under the same
 * keys as before, and SciJava remembers them. ImageJ1's GenericDialog records what is read through its
 * {@code getNext...} methods; the values are read from its fields directly instead, so the command is recorded
 * once. Cancel cancels the command.
 * <p>
 * When a macro runs the command (ImageJ1 macro options are set), no dialog opens: every input the macro leaves out
 * is marked resolved, and {@link InnSightCommand} gives it its default (in the GUI as headless). Headless, and under
 * {@code ./innsight macro}, this does nothing.
 */
@Plugin(type = PreprocessorPlugin.class, priority = InnSightDialog.PRIORITY)
public class InnSightDialog extends AbstractPreprocessorPlugin {

	/** After LoadInputsPreprocessor (-9999) and FilePreprocessor (-9999.5), before the input harvester (-10000). */
	static final double PRIORITY = InputHarvester.PRIORITY + 0.25;

	@Override
	public void process(final Module module) {
		if (!(module.getDelegateObject() instanceof InnSightCommand command) || MacroRunner.runsCommandInThisThread()) return;
		if (Macro.getOptions() != null) {
			resolveAll(module); // keys the macro leaves out: defaults (InnSightCommand), not a dialog
			return;
		}
		if (GraphicsEnvironment.isHeadless() || !unresolved(module)) return;
		String problem = null;
		while (true) {
			final List<Field> fields = DialogFields.of(module, new Open());
			final GenericDialog gd = dialog(command.label(), fields, problem, module, command);
			gd.showDialog();
			if (gd.wasCanceled()) {
				cancel("");
				return;
			}
			problem = apply(gd, fields, module, command);
			if (problem == null) break; // otherwise shown again with the message (OK was possible before any change)
		}
		resolveAll(module);
	}

	/** Whether the harvester would ask for something: an input neither resolved nor a message. */
	private static boolean unresolved(final Module module) {
		for (final ModuleItem<?> item : module.getInfo().inputs())
			if (!module.isInputResolved(item.getName()) && item.getVisibility() != ItemVisibility.MESSAGE) return true;
		return false;
	}

	private static void resolveAll(final Module module) {
		for (final ModuleItem<?> item : module.getInfo().inputs())
			module.resolveInput(item.getName());
	}

	private static GenericDialog dialog(final String title, final List<Field> fields, final String problem, final Module module,
		final InnSightCommand command) {
		final GenericDialog gd = new GenericDialog(title);
		String help = null;
		for (final Field f : fields) {
			switch (f.kind()) {
				case MESSAGE -> {
					gd.addMessage(Dialogs.plain(f.value()));
					if (help == null) help = Dialogs.helpPage(f.value());
				}
				case CHOICE -> gd.addChoice(f.label(), f.labels().toArray(new String[0]), f.labels().get(Math.max(0, f.values().indexOf(f.value()))));
				case CHECKBOX -> gd.addCheckbox(f.label(), Boolean.parseBoolean(f.value()));
				case NUMBER -> gd.addNumericField(f.label(), Double.parseDouble(f.value()), decimals(f));
				case TEXT -> gd.addStringField(f.label(), f.value(), 24);
				case FOLDER -> gd.addDirectoryField(f.label(), f.value(), 24);
				case FILE -> gd.addFileField(f.label(), f.value(), 24);
				case AUTO_NUMBER -> { // the number, and "auto" beside it (ticked: the number field is not used)
					final boolean auto = isAuto(f.value());
					gd.addNumericField(f.label(), 0, 0, 8, null);
					final TextField number = (TextField) gd.getNumericFields().lastElement();
					number.setText(auto ? "" : f.value().strip());
					number.setEnabled(!auto);
					gd.addToSameRow();
					gd.addCheckbox(DialogFields.AUTO, auto);
				}
			}
		}
		// the lines for the request's message: red, blank while the values are fine (two lines keep it a MultiLineLabel)
		final String[] shown = { problem == null ? " \n " : Dialogs.wrap(problem, 70) + "\n " };
		gd.addMessage(shown[0], null, Color.RED.darker());
		final MultiLineLabel message = (MultiLineLabel) gd.getMessage();
		if (help != null) gd.addHelp(help);
		gd.addDialogListener((d, e) -> {
			if (e == null) return true; // after OK (ImageJ records through listeners then): the values are read once, by process
			final String p = apply(d, fields, module, command); // into the module to be run: OK sets them again
			final String text = p == null ? " \n " : Dialogs.wrap(p, 70) + "\n ";
			if (!text.equals(shown[0])) {
				shown[0] = text;
				message.setText(text);
				d.pack();
			}
			return p == null;
		});
		return gd;
	}

	private static boolean isAuto(final String value) {
		return value.isBlank() || value.strip().equalsIgnoreCase(DialogFields.AUTO);
	}

	/** Decimals a number field shows: none for integers, else as many as its value has (at most 6). */
	private static int decimals(final Field f) {
		if (!(f.type() == double.class || f.type() == float.class || f.type() == Double.class || f.type() == Float.class)) return 0;
		final int dot = f.value().indexOf('.');
		return dot < 0 ? 1 : Math.min(6, Math.max(1, f.value().length() - dot - 1));
	}

	/** Sets the dialog's values into the module and checks them as the command will: the problem in words, or null. */
	private static String apply(final GenericDialog gd, final List<Field> fields, final Module module, final InnSightCommand command) {
		final Iterator<?> choices = gd.getChoices() == null ? List.of().iterator() : gd.getChoices().iterator();
		final Iterator<?> boxes = gd.getCheckboxes() == null ? List.of().iterator() : gd.getCheckboxes().iterator();
		final Iterator<?> numbers = gd.getNumericFields() == null ? List.of().iterator() : gd.getNumericFields().iterator();
		final Iterator<?> texts = gd.getStringFields() == null ? List.of().iterator() : gd.getStringFields().iterator();
		try {
			for (final Field f : fields) {
				final Object value = switch (f.kind()) {
					case MESSAGE -> null;
					case CHOICE -> f.valueOf(((Choice) choices.next()).getSelectedItem());
					case CHECKBOX -> ((Checkbox) boxes.next()).getState();
					case NUMBER -> number(f, ((TextField) numbers.next()).getText().trim());
					case TEXT, FOLDER, FILE -> ((TextField) texts.next()).getText();
					case AUTO_NUMBER -> {
						final TextField number = (TextField) numbers.next();
						final boolean auto = ((Checkbox) boxes.next()).getState();
						number.setEnabled(!auto);
						yield auto ? DialogFields.AUTO : number.getText().strip();
					}
				};
				if (f.kind() != DialogFields.Kind.MESSAGE) module.setInput(f.key(), converted(f, value));
			}
			command.check();
			return null;
		}
		catch (final IllegalArgumentException | UncheckedIOException e) {
			return InnSightCommand.message(e);
		}
	}

	private static Object number(final Field f, final String text) {
		try {
			final Class<?> t = f.type();
			if (t == int.class || t == Integer.class) return Integer.valueOf(text);
			if (t == long.class || t == Long.class) return Long.valueOf(text);
			if (t == float.class || t == Float.class) return Float.valueOf(text);
			return Double.valueOf(text);
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException(f.key() + ": '" + text + "' is not a" + (f.type() == double.class || f.type() == float.class ? " number"
				: "n integer"));
		}
	}

	private static Object converted(final Field f, final Object value) {
		if (ij.ImagePlus.class.isAssignableFrom(f.type())) return Dialogs.NONE.equals(value) || "".equals(value) ? null : WindowManager.getImage((String) value);
		if (File.class.isAssignableFrom(f.type())) return value == null || value.toString().isBlank() ? null : new File(value.toString().strip());
		return value;
	}

	/**
	 * What InnSight's dialog offers for the command whose menu entry is {@code label}, in the Fiji this runs in (its
	 * installed models, open images and devices), one line per input: {@code key: KIND = value [choice | ...]}. For
	 * a macro, {@code print(call("org.innsight.fiji.InnSightDialog.describe", "Tissue Posterior Estimation"))}: what
	 * a macro may give each key, and how the real-runtime test inspects the dialogs. Outside ImageJ2 (no legacy
	 * context), or for a label that is no InnSight command, one line saying so.
	 */
	public static String describe(final String label) {
		final Context context;
		try {
			context = (Context) Class.forName("net.imagej.legacy.IJ1Helper").getMethod("getLegacyContext").invoke(null);
		}
		catch (final ReflectiveOperationException | LinkageError e) {
			return "InnSight dialog of " + label + ": no ImageJ2 (imagej-legacy) here to ask";
		}
		if (context == null) return "InnSight dialog of " + label + ": no ImageJ2 context";
		for (final CommandInfo info : context.service(CommandService.class).getCommands()) {
			if (info.getMenuPath() == null || info.getMenuPath().getLeaf() == null || !label.equals(info.getMenuPath().getLeaf().getName())) continue;
			final Module module = context.service(ModuleService.class).createModule(info);
			if (!(module.getDelegateObject() instanceof InnSightCommand)) continue;
			final StringBuilder lines = new StringBuilder();
			for (final Field f : DialogFields.of(module, new Open())) {
				if (f.kind() == DialogFields.Kind.MESSAGE) continue;
				if (lines.length() > 0) lines.append('\n');
				lines.append(f.key()).append(": ").append(f.kind()).append(" = ").append(f.value());
				if (!f.labels().isEmpty()) lines.append(" [").append(String.join(" | ", f.labels())).append(']');
			}
			return lines.toString();
		}
		return "InnSight dialog of " + label + ": no InnSight command has this menu label";
	}

	/** What Fiji has open, installed and found now; the engine is loaded only for a device drop-down. */
	static final class Open implements DialogFields.Environment {
		@Override
		public List<String> openImages() {
			final List<String> titles = new ArrayList<>(List.of(WindowManager.getImageTitles()));
			return titles;
		}

		@Override
		public List<ModelLookup.Installed> models() {
			return ModelLookup.standard().installed();
		}

		@Override
		public ImagePlus image(final String title) {
			return WindowManager.getImage(title);
		}

		@Override
		public int gpus() {
			try {
				return Engines.pytorch().getGpuCount();
			}
			catch (final RuntimeException | LinkageError e) {
				return -1;
			}
		}
	}
}
