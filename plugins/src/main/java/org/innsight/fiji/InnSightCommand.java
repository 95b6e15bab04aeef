package org.innsight.fiji;

import java.awt.GraphicsEnvironment;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.concurrent.CancellationException;

import org.innsight.macro.MacroRunner;
import org.innsight.request.Outputs;
import org.scijava.ItemVisibility;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.thread.ThreadService;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;

/**
 * The base of every InnSight command: checks the image inputs, runs {@link #execute()} and makes a failure stop
 * the macro that ran the command, with one line saying why.
 * <p>
 * Why: Fiji's legacy layer runs a command from a macro's {@code run("Label", "...")} in a SciJava thread and
 * hands an exception back to ImageJ1, which prints its stack trace and goes on with the macro's next line; a
 * headless batch then fails silently (later lines find no result image, the process exits 0). So when a macro
 * is running, a failure aborts it through ImageJ1's own {@link Interpreter#abort(String)} (the "Macro Error"
 * dialog, or one line on standard error when headless, naming the macro's line) and the command ends quietly;
 * a headless Fiji started from the command line ({@code --headless -macro}, {@code --run}) then exits with
 * status 1 (after one line on standard error for {@code --run}, which runs the command without a macro).
 * Without a macro (a menu click, a test, a script) the exception is thrown as before. Under InnSight's own
 * macro runner ({@code ./innsight macro}) it is thrown too: that runner reports it as
 * {@code FILE:LINE: Label: message}. Limitation: a command started from the menu while some other macro runs
 * would abort that macro (ImageJ1 has one running interpreter, and says nothing of who started a command).
 * <p>
 * Keys a macro leaves out take their defaults, not the values remembered from the last dialog (SciJava would
 * load those): see {@link #defaultsForOmittedKeys()}. So a macro does the same whatever the dialog last showed,
 * in Fiji as under {@code ./innsight macro}.
 */
public abstract class InnSightCommand implements Command {

	/** Exit status of a headless command-line Fiji whose macro an InnSight command stopped. */
	public static final int FAILED = 1;

	/** Which thread asked for the command: in Fiji, the macro's (see {@link #run}). */
	@Parameter(required = false)
	private ThreadService thread_service; // a name no command uses for a setting (two inputs may not share one)

	/** The command's work, its image inputs checked; errors a user can cause are IllegalArgumentExceptions. */
	protected abstract void execute();

	/**
	 * Checks the inputs as {@link #execute()} will, before anything runs: the capability's request from the fields
	 * ({@code PosteriorRequest.checked()}, ...), an IllegalArgumentException naming the key when something is wrong.
	 * {@link InnSightDialog} calls it as the dialog's values change and shows the message in the dialog.
	 */
	protected void check() {}

	@Override
	public final void run() {
		try {
			if (!GraphicsEnvironment.isHeadless()) IJ.resetEscape(); // an Esc pressed before the run does not cancel it
			defaultsForOmittedKeys();
			checkImages();
			ResultImages.forgetLastShown();
			execute();
			// Fiji runs the command in a thread of its own, and ImageJ1 keeps the current image per thread: without
			// this, the macro's active image after run("...") would still be its input, not the result (as it is
			// after an ImageJ1 command, and under ./innsight macro, which runs commands in the macro's thread).
			final ImagePlus result = ResultImages.lastShown();
			final Thread caller = thread_service == null ? null : thread_service.getParent(Thread.currentThread());
			if (result != null && caller != null && caller != Thread.currentThread()) WindowManager.setTempCurrentImage(caller, result);
		}
		catch (final CancellationException e) {
			if (MacroRunner.runsCommandInThisThread()) throw e;
			// Esc (StatusProgress): the results are shown only once the work is done, so nothing partial is left
			IJ.showStatus(label() + ": cancelled");
			IJ.showProgress(1.0);
			IJ.log(label() + ": cancelled (Esc); no results");
		}
		catch (final RuntimeException e) {
			if (MacroRunner.runsCommandInThisThread()) throw e;
			final Interpreter macro = Interpreter.getInstance();
			final boolean commandLine = GraphicsEnvironment.isHeadless() && startedFromCommandLine();
			if (macro == null && !commandLine) throw e;
			if (!userError(e)) e.printStackTrace(); // a bug: its stack trace, then the one line
			final String message = label() + ": " + message(e);
			if (macro != null) abort(macro, message, e);
			else System.err.println(message); // --run "Label" 'key="value"': no macro, SciJava would log a stack trace
			if (commandLine) {
				System.out.flush();
				System.err.flush();
				// Fiji's launcher ends a headless run with status 0 whatever happened; nothing else runs after the
				// failed command or aborted macro in such a process, so ending it here is the only way to say so.
				System.exit(FAILED);
			}
		}
		finally {
			ResultImages.forgetLastShown();
		}
	}

	/**
	 * When a macro runs the command in Fiji, every key its options leave out takes the parameter's default (the
	 * field's initial value), not the value SciJava loaded from the last dialog; a key given bare ({@code median})
	 * ticks a check box, as in ImageJ1 and {@code ./innsight macro}. A Log line names the keys whose remembered
	 * value was replaced, so a macro author sees what the dialog would have used. Image inputs are left as the
	 * legacy layer set them (the active image), and nothing changes outside a macro or under {@code ./innsight
	 * macro} (which never loads remembered values).
	 */
	private void defaultsForOmittedKeys() {
		if (MacroRunner.runsCommandInThisThread()) return;
		final String options = Macro.getOptions();
		if (options == null) return;
		final Object fresh;
		try {
			final java.lang.reflect.Constructor<? extends InnSightCommand> c = getClass().getDeclaredConstructor();
			c.setAccessible(true);
			fresh = c.newInstance();
		}
		catch (final ReflectiveOperationException e) {
			return; // no plain constructor: keep SciJava's values
		}
		final java.util.List<String> replaced = new java.util.ArrayList<>();
		for (Class<?> k = getClass(); k != InnSightCommand.class; k = k.getSuperclass())
			for (final Field f : k.getDeclaredFields()) {
				final Parameter p = f.getAnnotation(Parameter.class);
				if (p == null || p.visibility() == ItemVisibility.MESSAGE || ImagePlus.class.isAssignableFrom(f.getType()) ||
					org.scijava.service.Service.class.isAssignableFrom(f.getType()) || Context.class.isAssignableFrom(f.getType())) continue;
				final String key = f.getName();
				if (Macro.getValue(options, key, null) != null) continue;
				try {
					f.setAccessible(true);
					final Object value = bare(options, key) && (f.getType() == boolean.class || f.getType() == Boolean.class) ? Boolean.TRUE : f.get(fresh);
					final Object now = f.get(this);
					if (java.util.Objects.equals(now, value)) continue;
					if (!bare(options, key)) replaced.add(key + "=" + value + " (remembered: " + now + ")");
					f.set(this, value);
				}
				catch (final IllegalAccessException e) {
					throw new IllegalStateException("cannot set parameter " + key, e);
				}
			}
		if (!replaced.isEmpty()) IJ.log(label() + ": note: the macro does not give " + String.join(", ", replaced) +
			"; these keys take their defaults, not the values remembered from the dialog");
	}

	/** Whether {@code key} stands bare (without {@code =value}) among {@code options}. */
	private static boolean bare(final String options, final String key) {
		for (final String word : options.trim().split("\\s+"))
			if (word.equals(key)) return true;
		return false;
	}

	/** A capability's warnings and notes, one line each in the Log: {@code Label: warning: ...}, {@code Label: note: ...}. */
	protected final void report(final Outputs outputs) {
		for (final String w : outputs.warnings()) IJ.log(label() + ": warning: " + w);
		for (final String n : outputs.notes()) IJ.log(label() + ": note: " + n);
	}

	/** The menu label, as macros {@code run} it: the last part of the menu path. */
	final String label() {
		final Plugin p = getClass().getAnnotation(Plugin.class);
		final String path = p == null ? "" : p.menuPath();
		return path.isEmpty() ? getClass().getSimpleName() : path.substring(path.lastIndexOf('>') + 1).trim();
	}

	/**
	 * Every image input names an open image. Fiji's legacy layer turns a title that names no open image into an
	 * empty {@link ImagePlus} (it tries the text as a file path) instead of refusing it, so a command would fail
	 * later with a message about empty stacks.
	 */
	private void checkImages() {
		for (Class<?> c = getClass(); c != InnSightCommand.class; c = c.getSuperclass())
			for (final Field f : c.getDeclaredFields()) {
				final Parameter p = f.getAnnotation(Parameter.class);
				if (p == null || !ImagePlus.class.isAssignableFrom(f.getType())) continue;
				final ImagePlus image;
				try {
					f.setAccessible(true);
					image = (ImagePlus) f.get(this);
				}
				catch (final IllegalAccessException e) {
					throw new IllegalStateException("cannot read parameter " + f.getName(), e);
				}
				if (image == null ? !p.required() : image.getProcessor() != null && image.getWidth() > 0) continue;
				// an optional image left out arrives as an empty ImagePlus too: it means none
				if (!p.required() && given(f.getName()) == null) set(f, null);
				else throw noImage(f.getName(), image);
			}
	}

	private void set(final Field f, final Object value) {
		try {
			f.set(this, value);
		}
		catch (final IllegalAccessException e) {
			throw new IllegalStateException("cannot set parameter " + f.getName(), e);
		}
	}

	/** The value the running macro gave {@code key}, or null. */
	private static String given(final String key) {
		final String options = Macro.getOptions();
		return options == null ? null : Macro.getValue(options, key, null);
	}

	private static IllegalArgumentException noImage(final String key, final ImagePlus empty) {
		final String given = given(key);
		final String[] open = WindowManager.getImageTitles();
		final String problem = given != null ? "no open image is titled '" + given + "'" : empty != null ? "no open image has the title given (the image has no pixels)"
			: "no image given";
		return new IllegalArgumentException("key '" + key + "': " + problem + " (" + (open.length == 0 ? "no images are open"
			: "open images: " + String.join(", ", open)) + ")");
	}

	private static boolean userError(final Throwable e) {
		return e instanceof IllegalArgumentException || e instanceof UncheckedIOException;
	}

	/**
	 * The exception as one line. Errors a user can cause (IllegalArgumentException, UncheckedIOException) say
	 * what to fix; anything else is a bug, named by its class (and {@link #run} prints its stack trace).
	 */
	static String message(final Throwable e) {
		Throwable t = e;
		// a wrapper made from its cause alone (new UncheckedIOException(e)) says "java.io.IOException: ..."
		while (t.getCause() != null && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString())))
			t = t.getCause();
		final String described = org.innsight.io.FileProblems.describe(t); // a bare path said as file + problem
		final String text = described != null ? described : t.getMessage() == null ? "" : t.getMessage().replaceAll("\\s*\\R\\s*", " ").trim();
		if (userError(e)) return text;
		return t.getClass().getSimpleName() + (text.isEmpty() ? "" : ": " + text);
	}

	/** Aborts the running macro with {@code message}. */
	private static void abort(final Interpreter macro, final String message, final RuntimeException e) {
		try {
			// Shows "Macro Error: <message> in line N" (a dialog, or standard error when headless), marks the
			// interpreter done so the macro's next line never runs, then throws ImageJ1's "Macro canceled".
			macro.abort(message);
		}
		catch (final RuntimeException canceled) {
			if (!Macro.MACRO_CANCELED.equals(canceled.getMessage())) e.addSuppressed(canceled);
		}
	}

	/**
	 * Whether Fiji's command line ({@code -macro}, {@code -batch}, {@code --run}) is what runs the command: the
	 * launch of an ImageJ gateway ({@code net.imagej.Main}, which Fiji's launcher calls) is on some thread's stack;
	 * it handles the command line's arguments, and the process ends when they are done.
	 */
	private static boolean startedFromCommandLine() {
		for (final StackTraceElement[] stack : Thread.getAllStackTraces().values())
			for (final StackTraceElement frame : stack)
				if (frame.getClassName().equals("org.scijava.AbstractGateway") && frame.getMethodName().equals("launch")) return true;
		return false;
	}
}
