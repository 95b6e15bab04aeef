package org.innsight.macro;

/**
 * A macro failed: a syntax or run-time error, an unknown command, or a command that rejected its options.
 * The message reads {@code FILE:LINE: what went wrong}, like a compiler's, so a user finds the spot at once.
 */
public final class MacroException extends Exception {

	private static final long serialVersionUID = 1L;

	private final String macroName;
	private final int line;
	private final String problem;

	public MacroException(final String macroName, final int line, final String problem, final Throwable cause) {
		super(macroName + (line > 0 ? ":" + line : "") + ": " + problem, cause);
		this.macroName = macroName;
		this.line = line;
		this.problem = problem;
	}

	/** The macro's file name (or the name it was run under). */
	public String macroName() {
		return macroName;
	}

	/** The 1-based line the error was found on, or 0 if unknown. */
	public int line() {
		return line;
	}

	/** What went wrong, without the file and line. */
	public String problem() {
		return problem;
	}
}
