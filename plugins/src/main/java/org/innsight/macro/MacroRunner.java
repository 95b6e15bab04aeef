package org.innsight.macro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.event.EventService;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;

/**
 * Runs ImageJ1 macros headless, without Fiji, with InnSight's commands available through {@code run(...)}:
 * the engine behind {@code innsight macro FILE.ijm [ARG]} and behind the tests of every macro in {@code macros/}.
 * <p>
 * Uses ImageJ1's own {@link Interpreter} in batch mode, so the macro language is the real one. Each run starts
 * with no images open; the log ({@code print}, {@code IJ.log}) goes to standard output as usual and is also
 * returned. Any failure (syntax error, unknown command, bad key, command exception) becomes a
 * {@link MacroException} reading {@code FILE:LINE: message}. ImageJ1's state is global, so runs in one JVM take
 * turns.
 */
public final class MacroRunner {

	private static final Object TURN = new Object();
	private static Context shared;

	private final MacroBridge bridge;
	private boolean echo = true;
	private Writer echoTo; // null: standard output

	/** A runner over a shared context with the services InnSight's commands use. */
	public MacroRunner() {
		this(sharedContext());
	}

	/** A runner whose commands run in {@code context} (needs at least CommandService and ConvertService). */
	public MacroRunner(final Context context) {
		this.bridge = new MacroBridge(context);
	}

	/** The context {@link #MacroRunner()} uses, created on first use and kept for the JVM's lifetime. */
	public static synchronized Context sharedContext() {
		if (shared == null) shared = new Context(CommandService.class, ConvertService.class, StatusService.class,
			EventService.class);
		return shared;
	}

	/** Whether the log also goes to standard output as the macro runs (default: yes); returns this runner. */
	public MacroRunner echo(final boolean toStandardOutput) {
		this.echo = toStandardOutput;
		this.echoTo = null;
		return this;
	}

	/** The log also goes to {@code to} as the macro runs (e.g. a command line's own output); returns this runner. */
	public MacroRunner echo(final Writer to) {
		this.echo = true;
		this.echoTo = to;
		return this;
	}

	/**
	 * Whether the current thread is running an InnSight command for this runner's macro bridge: a failure of the
	 * command is then reported by the runner ({@code FILE:LINE: Label: message}), so the command just throws.
	 */
	public static boolean runsCommandInThisThread() {
		return MacroBridge.runningCommand();
	}

	/** The command labels a macro can {@code run}, e.g. "Spectral Normalise". */
	public List<String> commandLabels() {
		return bridge.labels();
	}

	/**
	 * Runs a macro file; {@code getArgument()} returns {@code argument} inside it.
	 *
	 * @throws NoSuchFileException if there is no such file
	 * @throws MacroException naming the file and line, if the macro fails
	 */
	public MacroResult run(final Path macroFile, final String argument) throws IOException, MacroException {
		if (!Files.isRegularFile(macroFile)) throw new NoSuchFileException(macroFile.toString(), null,
			"macro file not found");
		return run(macroFile.getFileName().toString(), Files.readString(macroFile, StandardCharsets.UTF_8), argument);
	}

	/** Runs macro code; {@code name} stands for the file in messages. */
	public MacroResult run(final String name, final String macro, final String argument) throws MacroException {
		synchronized (TURN) {
			closeAllImages();
			bridge.activate();
			IJ.getErrorMessage(); // forget errors of earlier runs
			final Interpreter interp = new Interpreter();
			final String[] returned = new String[1];
			final Throwable[] thrown = new Throwable[1];
			final ByteArrayOutputStream log = new ByteArrayOutputStream();
			final PrintStream out = System.out;
			final OutputStream shown = !echo ? null : echoTo != null ? new Decoding(echoTo) : out;
			System.setOut(new PrintStream(shown != null ? new Tee(shown, log) : log, true, StandardCharsets.UTF_8));
			try {
				// A thread of its own: ImageJ1 keys macro options and the current image by thread, and renames
				// threads it runs commands in; a name ending in "Macro$" is how ImageJ1 recognises macro threads.
				final Thread t = new Thread(() -> {
					try {
						returned[0] = interp.run(macro, argument == null ? "" : argument);
					}
					catch (final Throwable e) {
						thrown[0] = e;
					}
				}, "InnSight_Macro$");
				t.start();
				t.join();
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new MacroException(name, 0, "interrupted", e);
			}
			finally {
				System.out.flush();
				System.setOut(out);
			}
			final String problem = problem(interp, thrown[0], macro);
			if (problem != null) {
				final Throwable cause = bridge.failure() != null && bridge.failure().cause != null ? bridge
					.failure().cause : thrown[0];
				closeAllImages();
				throw new MacroException(name, line(interp, bridge.failure() == null), problem, cause);
			}
			return new MacroResult(log.toString(StandardCharsets.UTF_8), returned[0], openImages());
		}
	}

	/** Why the macro failed, or null if it ran to its end (or stopped with {@code exit}). */
	private String problem(final Interpreter interp, final Throwable thrown, final String macro) {
		if (bridge.failure() != null) return bridge.failure().message;
		if (interp.getErrorMessage() != null) return interp.getErrorMessage();
		final String ijError = IJ.getErrorMessage();
		if (ijError != null) return ijError;
		if (thrown == null || Macro.MACRO_CANCELED.equals(thrown.getMessage())) return null; // exit() ends this way
		if (thrown instanceof java.awt.HeadlessException && openedByImageJ(thrown)) {
			final String file = openArgument(interp, macro);
			if (file != null) return "open(" + file + "): not an image ImageJ can open (ImageJ shows such a file as text or a table, in a " +
				"window a headless run cannot show); give open() an image file, e.g. a .tif";
		}
		if (thrown instanceof java.awt.HeadlessException) return "this needs a dialog window, which a headless JVM " +
			"cannot show (Dialog.*, getNumber, waitForUser, ...); give the values as the macro's argument instead, " +
			"or run the macro in Fiji";
		return MacroBridge.message(thrown);
	}

	/** Whether ImageJ's opener was at work: {@code open(path)} of a file it opens in a text or table window. */
	private static boolean openedByImageJ(final Throwable thrown) {
		for (final StackTraceElement e : thrown.getStackTrace())
			if (e.getClassName().equals("ij.io.Opener")) return true;
		return false;
	}

	/**
	 * The file the failing line's {@code open(...)} named: a quoted path, or variables and quoted parts joined
	 * with '+' as the macro holds them now; null when the line has no such call (e.g. {@code open()} asks with a
	 * dialog). A part it cannot work out is shown as written.
	 */
	private static String openArgument(final Interpreter interp, final String macro) {
		final String[] lines = macro.split("\\R", -1);
		final int line;
		try {
			line = interp.getLineNumber();
		}
		catch (final RuntimeException e) {
			return null;
		}
		if (line < 1 || line > lines.length) return null;
		final java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bopen\\s*\\(").matcher(lines[line - 1]);
		if (!m.find()) return null;
		final String rest = lines[line - 1].substring(m.end());
		final List<String> parts = new ArrayList<>();
		final StringBuilder part = new StringBuilder();
		char quote = 0;
		int depth = 0;
		for (final char c : rest.toCharArray()) {
			if (quote != 0) {
				part.append(c);
				if (c == quote) quote = 0;
			}
			else if (c == '"' || c == '\'') {
				quote = c;
				part.append(c);
			}
			else if (c == ')' && depth == 0) break;
			else if (c == '+' && depth == 0) {
				parts.add(part.toString().trim());
				part.setLength(0);
			}
			else {
				if (c == '(') depth++;
				if (c == ')') depth--;
				part.append(c);
			}
		}
		parts.add(part.toString().trim());
		if (parts.size() == 1 && parts.get(0).isEmpty()) return null;
		final StringBuilder file = new StringBuilder();
		for (final String p : parts) {
			if (p.length() >= 2 && (p.charAt(0) == '"' || p.charAt(0) == '\'') && p.charAt(p.length() - 1) == p.charAt(0))
				file.append(p, 1, p.length() - 1);
			else {
				final String value = p.matches("[A-Za-z_]\\w*") ? interp.getStringVariable(p) : null;
				if (value == null) return String.join(" + ", parts); // not worked out: as written
				file.append(value);
			}
		}
		return file.toString();
	}

	/**
	 * The line the macro stopped on. After the interpreter's own errors its program counter has already moved
	 * on (ImageJ1 scans the line to show it), so the line it reported is read from its field {@code lineNumber};
	 * ImageJ1 has no public getter for it.
	 */
	private static int line(final Interpreter interp, final boolean interpreterError) {
		if (interpreterError && interp.getErrorMessage() != null) {
			try {
				final java.lang.reflect.Field f = Interpreter.class.getDeclaredField("lineNumber");
				f.setAccessible(true);
				final int line = f.getInt(interp);
				if (line > 0) return line;
			}
			catch (final ReflectiveOperationException | RuntimeException e) {
				// fall back to the program counter's line
			}
		}
		try {
			return interp.getLineNumber();
		}
		catch (final RuntimeException e) {
			return 0; // the macro did not even tokenize
		}
	}

	private static List<ImagePlus> openImages() {
		final List<ImagePlus> images = new ArrayList<>();
		final int[] ids = WindowManager.getIDList();
		if (ids != null) for (final int id : ids) {
			final ImagePlus imp = WindowManager.getImage(id);
			if (imp != null) images.add(imp);
		}
		return images;
	}

	private static void closeAllImages() {
		for (final ImagePlus imp : openImages()) {
			imp.changes = false;
			imp.close();
		}
	}

	/** Passes the UTF-8 bytes written to it on to a writer, whole characters at a time. */
	private static final class Decoding extends OutputStream {
		private final Writer writer;
		private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE);
		private byte[] pending = new byte[0]; // the start of a character whose other bytes are still to come

		Decoding(final Writer writer) {
			this.writer = writer;
		}

		@Override
		public void write(final int c) throws IOException {
			write(new byte[] { (byte) c }, 0, 1);
		}

		@Override
		public void write(final byte[] bytes, final int off, final int len) throws IOException {
			final ByteBuffer in = ByteBuffer.allocate(pending.length + len).put(pending).put(bytes, off, len).flip();
			final CharBuffer chars = CharBuffer.allocate(in.remaining());
			decoder.decode(in, chars, false);
			writer.append(chars.flip());
			pending = new byte[in.remaining()];
			in.get(pending);
		}

		@Override
		public void flush() throws IOException {
			writer.flush();
		}
	}

	/** Writes to two streams: the real standard output and the log kept for the result. */
	private static final class Tee extends OutputStream {
		private final OutputStream a;
		private final OutputStream b;

		Tee(final OutputStream a, final OutputStream b) {
			this.a = a;
			this.b = b;
		}

		@Override
		public void write(final int c) throws IOException {
			a.write(c);
			b.write(c);
		}

		@Override
		public void write(final byte[] bytes, final int off, final int len) throws IOException {
			a.write(bytes, off, len);
			b.write(bytes, off, len);
		}

		@Override
		public void flush() throws IOException {
			a.flush();
			b.flush();
		}
	}
}
