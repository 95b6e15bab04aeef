package org.innsight.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.innsight.engine.Device;
import org.innsight.engine.ModelCatalog;
import org.innsight.engine.ModelFolder;

import picocli.CommandLine.Model.CommandSpec;

/** What the domain-transfer subcommands share: the root's device, the command line as typed, model lookup, data hashes. */
final class TransferCli {

	private TransferCli() {}

	static Device device(final CommandSpec spec) {
		final Object root = spec.root().userObject();
		return root instanceof InnSightCli cli ? cli.device() : Device.parse("auto");
	}

	/** The command line as the user typed it (for model cards), starting with "innsight". */
	static String commandLine(final CommandSpec spec) {
		return CliCommands.commandLine(spec.commandLine().getParseResult().originalArgs());
	}

	/** A model folder path, or the name of a model in the standard models folder. */
	static ModelFolder model(final String nameOrPath) throws IOException {
		return ModelCatalog.standard().resolve(nameOrPath);
	}

	/** SHA-256 of one file, or of the concatenated SHA-256s of several (in order). */
	static String sha256(final List<Path> files) throws IOException {
		if (files.size() == 1) return ModelFolder.sha256(files.get(0));
		final StringBuilder b = new StringBuilder();
		for (final Path f : files) b.append(ModelFolder.sha256(f));
		return ModelFolder.sha256(b.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
	}
}
