package org.innsight.macro;

import java.awt.HeadlessException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.module.Module;
import org.scijava.module.ModuleRunner;
import org.scijava.module.ModuleService;
import org.scijava.module.event.ModuleErroredEvent;
import org.scijava.module.process.LoadInputsPreprocessor;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.module.process.SaveInputsPreprocessor;
import org.scijava.plugin.PluginService;

import ij.CommandListener;
import ij.Executer;
import ij.IJ;
import ij.macro.Interpreter;

/**
 * Connects ImageJ1's macro language to InnSight's SciJava commands outside Fiji, so that
 * {@code run("Spectral Normalise", "image=scan norm=L2")} works in a headless JVM exactly as in Fiji.
 * <p>
 * Every command whose menu path starts with {@value #MENU_PREFIX} is entered into ImageJ1's command table under
 * its menu label (the last part of the path, as Fiji's legacy layer does), pointing at {@link CommandPlugIn}.
 * ImageJ1's own commands come from its {@code IJ_Props.txt}. A command listener turns an unknown label, or an
 * ImageJ1 command that needs a dialog window, into a macro error with a clear message instead of a stack trace.
 * <p>
 * ImageJ1 state is global, so one bridge is active at a time; {@link MacroRunner} activates it.
 */
final class MacroBridge {

	/** Commands under this menu are what the bridge offers. */
	static final String MENU_PREFIX = "Plugins>InnSight>";

	private static volatile MacroBridge active;
	private static boolean listenerAdded;
	/** Set while this thread runs a command for the bridge, which reports its failure (see {@link #runFromMacro}). */
	private static final ThreadLocal<Boolean> RUNNING = ThreadLocal.withInitial(() -> false);

	private final Context context;
	private final ModuleService modules;
	private final ConvertService convert;
	private final Map<String, CommandInfo> byLabel = new TreeMap<>();
	private final Map<String, CommandInfo> byClass = new TreeMap<>();
	private Failure failure;

	/** Why the last command failed: a message for the user and, for --stacktrace, the exception behind it. */
	static final class Failure {
		final String message;
		final Throwable cause;

		Failure(final String message, final Throwable cause) {
			this.message = message;
			this.cause = cause;
		}
	}

	MacroBridge(final Context context) {
		this.context = context;
		this.modules = context.service(ModuleService.class);
		this.convert = context.getService(ConvertService.class);
		for (final CommandInfo info : context.service(CommandService.class).getCommands()) {
			if (!isInnSight(info)) continue;
			byLabel.put(label(info), info);
			byClass.put(info.getDelegateClassName(), info);
		}
		context.service(EventService.class).subscribe(this);
	}

	/** Whether a command is one of InnSight's: its menu path starts with {@value #MENU_PREFIX}. */
	static boolean isInnSight(final CommandInfo info) {
		final org.scijava.MenuPath path = info.getMenuPath();
		if (path == null || path.size() < 3) return false;
		return (path.get(0).getName() + ">" + path.get(1).getName() + ">").equals(MENU_PREFIX);
	}

	/** The ImageJ1 label of a command: its menu leaf, e.g. "Spectral Normalise". */
	static String label(final CommandInfo info) {
		return info.getMenuPath().getLeaf().getName();
	}

	/** The labels this bridge runs, sorted. */
	List<String> labels() {
		return Collections.unmodifiableList(new ArrayList<>(byLabel.keySet()));
	}

	/** Makes this the bridge ImageJ1's {@code run(label, options)} reaches. */
	void activate() {
		final Hashtable<String, String> table = ImageJCommandTable.get();
		for (final Map.Entry<String, CommandInfo> e : byLabel.entrySet())
			table.put(e.getKey(), CommandPlugIn.class.getName() + "(\"" + e.getValue().getDelegateClassName() + "\")");
		synchronized (MacroBridge.class) {
			if (!listenerAdded) {
				Executer.addCommandListener(LISTENER);
				listenerAdded = true;
			}
			active = this;
		}
		failure = null;
	}

	static MacroBridge active() {
		final MacroBridge b = active;
		if (b == null) throw new IllegalStateException("no InnSight macro bridge is active");
		return b;
	}

	/** The failure that stopped the last macro, or null; cleared by {@link #activate()}. */
	Failure failure() {
		return failure;
	}

	/** Runs the command of class {@code commandClass} with a macro's options, in the macro's thread. */
	void runFromMacro(final String commandClass, final String options) {
		final CommandInfo info = byClass.get(commandClass);
		if (info == null) {
			fail("command class " + commandClass + " is not an InnSight command", null);
			return;
		}
		final String label = label(info);
		try {
			final Module module = modules.createModule(info);
			MacroInputs.fill(module, options, convert);
			// Run in this thread (not SciJava's thread pool) so the images the command shows become the macro's
			// active image, as after any ImageJ1 command.
			RUNNING.set(true);
			try {
				new ModuleRunner(context, module, preprocessors(), postprocessors()).run();
			}
			finally {
				RUNNING.set(false);
			}
			if (module instanceof org.scijava.Cancelable && ((org.scijava.Cancelable) module).isCanceled()) fail(label +
				": " + ((org.scijava.Cancelable) module).getCancelReason(), null);
		}
		catch (final RuntimeException e) {
			fail(label + ": " + message(e), e);
		}
	}

	/** Whether the current thread runs a command for a bridge (which reports a failure with file and line). */
	static boolean runningCommand() {
		return RUNNING.get();
	}

	/**
	 * The standard SciJava preprocessors minus persistence: in Fiji, a key a macro leaves out takes the value
	 * last used in a dialog; the bridge sets every input (from the macro or the parameter's default), so runs do
	 * not depend on anyone's preferences.
	 */
	private List<PreprocessorPlugin> preprocessors() {
		final List<PreprocessorPlugin> list = new ArrayList<>();
		for (final PreprocessorPlugin p : context.service(PluginService.class).createInstancesOfType(
			PreprocessorPlugin.class))
		{
			if (!(p instanceof LoadInputsPreprocessor) && !(p instanceof SaveInputsPreprocessor)) list.add(p);
		}
		return list;
	}

	private List<PostprocessorPlugin> postprocessors() {
		return context.service(PluginService.class).createInstancesOfType(PostprocessorPlugin.class);
	}

	/** The bridge reports command failures itself; keep SciJava from also logging a stack trace. */
	@EventHandler
	private void onError(final ModuleErroredEvent e) {
		if (byClass.containsKey(e.getModule().getInfo().getDelegateClassName())) e.consume();
	}

	/** Stops the running macro with {@code message}; {@link MacroRunner} reports it with file and line. */
	void fail(final String message, final Throwable cause) {
		failure = new Failure(message, cause);
		final Interpreter interp = Interpreter.getInstance();
		if (interp == null) throw new IllegalArgumentException(message, cause);
		// abort() with errors ignored ends the macro quietly (no error dialog, which headless would throw on).
		interp.setIgnoreErrors(true);
		interp.abort(message);
	}

	/** Screens every ImageJ1 command a macro runs; see the class comment. */
	private String commandExecuting(final String command) {
		final Hashtable<String, String> table = ImageJCommandTable.get();
		final String className = table.get(command);
		if (className == null) {
			fail("unknown command \"" + command + "\"" + suggestion(command, table), null);
			return null;
		}
		if (className.startsWith(CommandPlugIn.class.getName())) return command;
		String cls = className;
		String arg = "";
		final int argStart = className.lastIndexOf("(\"");
		if (className.endsWith("\")") && argStart > 0) {
			arg = className.substring(argStart + 2, className.length() - 2);
			cls = className.substring(0, argStart);
		}
		try {
			IJ.runPlugIn(command, cls, arg);
		}
		catch (final HeadlessException e) {
			final Interpreter interp = Interpreter.getInstance();
			final String why = interp != null && interp.getErrorMessage() != null ? interp.getErrorMessage()
				: "it opens a dialog window, which a headless JVM cannot show (run this macro in Fiji, or use a " +
					"built-in macro function instead)";
			fail("ImageJ command \"" + command + "\": " + why, e);
		}
		return null;
	}

	private String suggestion(final String command, final Hashtable<String, String> table) {
		final String wanted = simplified(command);
		for (final String label : table.keySet())
			if (simplified(label).equals(wanted)) return "; did you mean \"" + label + "\"?";
		return "; InnSight commands: " + String.join(", ", byLabel.keySet());
	}

	private static String simplified(final String label) {
		return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "").replace("normalize", "normalise");
	}

	static String message(final Throwable e) {
		Throwable t = e;
		while ((t.getMessage() == null || t.getMessage().equals("Module threw exception")) && t.getCause() != null)
			t = t.getCause();
		final String described = org.innsight.io.FileProblems.describe(t); // a bare path said as file + problem
		if (described != null) return described;
		return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().replace('\n', ' ');
	}

	private static final CommandListener LISTENER = command -> {
		final MacroBridge b = active;
		return b == null ? command : b.commandExecuting(command);
	};
}
