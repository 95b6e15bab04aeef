package org.innsight.cli;

import org.innsight.io.FileProblems;
import java.nio.file.Path;

import org.innsight.io.Overwrite;

import picocli.CommandLine.Option;

/**
 * The options every {@code train-*} subcommand shares: where the model folder goes, whether an existing one
 * may be replaced, and the model's name in its card. The training settings themselves ({@code --epochs},
 * {@code --seed}, ...) differ in default per trainer and come from each trainer's request through
 * {@link SettingOptions}. Use with {@code @Mixin TrainingMixin model;}.
 */
public final class TrainingMixin {

	@Option(names = "--out", required = true, paramLabel = "DIR", description = "Model folder to write (must not exist unless --force), e.g. models/NAME.")
	Path out;

	@Option(names = { "--force", "--replace" }, description = "Replace an existing model folder at --out (--replace is the older name).")
	boolean replace;

	@Option(names = "--name", paramLabel = "NAME", description = "Model name in the card (default: the folder name).")
	String name;

	public Path out() {
		return out;
	}

	public boolean replace() {
		return replace;
	}

	/** {@code --name}, else the folder's name. */
	public String name() {
		return name != null ? name : out.toAbsolutePath().normalize().getFileName().toString();
	}

	/**
	 * Fails before any training when {@code --out} exists and {@code --force} (or {@code --replace}) was not given:
	 * hours of work would be lost at the end. The rule and message are {@link Overwrite}'s, as for every writer.
	 */
	public void checkOut() {
		Overwrite.check(replace, out);
		FileProblems.requireFolderOrAbsent(out, "--out");
	}
}
