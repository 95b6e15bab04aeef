package org.innsight.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;

import org.innsight.io.FileProblems;
import org.innsight.io.Overwrite;

import picocli.CommandLine.Option;

/**
 * {@code --force}, for every subcommand that writes files: outputs that exist are refused unless it is given
 * ({@link Overwrite}, the one rule). Use with {@code @Mixin OutputOptions output;} and call {@link #check} with the
 * files about to be written, before writing any of them.
 */
public final class OutputOptions {

	@Option(names = "--force", description = "Replace output files that already exist (default: refuse and leave them unchanged).")
	boolean force;

	public boolean force() {
		return force;
	}

	/**
	 * Refuses (one-line error naming the file) if one of {@code targets} exists and --force was not given, or if
	 * its folder cannot be written ({@link FileProblems#requireWritable}).
	 */
	public void check(final Path... targets) {
		check(Arrays.asList(targets));
	}

	public void check(final Collection<Path> targets) {
		Overwrite.check(targets, force);
		targets.forEach(FileProblems::requireWritable);
	}
}
