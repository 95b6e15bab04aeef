package org.innsight.io;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The one rule for output files that exist already: they are refused, and left byte for byte as they were,
 * unless the user asked to replace them ({@code --force} on the command line). Front ends call
 * {@link #check} with every file a run will write, before writing the first of them (and, where the names are
 * known up front, before the work), so a refused run changes nothing. The writing itself stays atomic
 * ({@link AtomicFiles}): a replaced file is never seen half-written. Batch runs keep their own resume rules
 * (manifests) and Fiji replaces files as ImageJ does; neither goes through this class.
 */
public final class Overwrite {

	/** What the user is told to do; every refusal ends with it. */
	public static final String HINT = "use --force to replace it";

	/** An output exists and may not be replaced; the message names it and says what to do. */
	public static final class OutputExistsException extends IllegalArgumentException {
		private static final long serialVersionUID = 1L;
		private final transient Path file;

		OutputExistsException(final Path file, final String message) {
			super(message);
			this.file = file;
		}

		/** The (first) existing output. */
		public Path file() {
			return file;
		}
	}

	private Overwrite() {}

	/**
	 * Throws an {@link OutputExistsException} naming the first of {@code targets} that exists (a file, a folder or
	 * a link, even a broken one), unless {@code force}. Null targets (an output not asked for) are skipped.
	 */
	public static void check(final Collection<Path> targets, final boolean force) {
		if (force) return;
		final List<Path> existing = new ArrayList<>();
		for (final Path t : targets)
			if (t != null && Files.exists(t, LinkOption.NOFOLLOW_LINKS) && !existing.contains(t)) existing.add(t);
		if (existing.isEmpty()) return;
		final Path first = existing.get(0);
		final String what = Files.isDirectory(first) ? "folder " : "";
		final String message = existing.size() == 1
			? what + first + " already exists; " + HINT
			: what + first + " and " + (existing.size() - 1) + " more output" + (existing.size() == 2 ? "" : "s") + " already exist; " + HINT +
				(existing.size() == 2 ? " and the other" : " and the others");
		throw new OutputExistsException(first, message);
	}

	/** {@link #check(Collection, boolean)} for a few targets. */
	public static void check(final boolean force, final Path... targets) {
		check(java.util.Arrays.asList(targets), force);
	}
}
