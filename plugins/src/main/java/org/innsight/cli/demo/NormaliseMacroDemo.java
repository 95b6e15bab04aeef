package org.innsight.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;

import org.innsight.macro.MacroResult;
import org.innsight.macro.MacroRunner;

/**
 * Runs the shipped macro {@code macros/info_and_normalise.ijm} through the headless macro bridge: proof that
 * the macros in {@code macros/} run without Fiji, and a small spectral normalisation result.
 */
final class NormaliseMacroDemo implements DemoStep {

	static final String MACRO = "info_and_normalise.ijm";

	@Override
	public String name() {
		return "macro";
	}

	@Override
	public String description() {
		return "The macro macros/" + MACRO + " run headless: engine info, then L2 normalisation of a spectral image";
	}

	@Override
	public void run(final DemoContext demo) throws Exception {
		final Path macro = demo.repo().resolve("macros").resolve(MACRO);
		if (!Files.isRegularFile(macro)) demo.skip("macro not found: " + macro);
		// the macro saves with ImageJ, so it writes into a temporary folder whose files are then moved in atomically
		final Path scratch = Files.createTempDirectory("innsight-demo-macro");
		try {
			final String log;
			try (MacroResult result = new MacroRunner().echo(false).run(macro, scratch.toString())) {
				log = result.log();
			}
			demo.writeText("macro.log", "what the macro printed", log);
			final Path tif = scratch.resolve("spectrum_normalised.tif");
			demo.write("spectrum_normalised.tif", "the macro's result: every pixel's spectrum scaled to unit length",
				tmp -> Files.copy(tif, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING));
		}
		finally {
			try (java.util.stream.Stream<Path> files = Files.list(scratch)) {
				for (final Path f : (Iterable<Path>) files::iterator)
					Files.deleteIfExists(f);
			}
			Files.deleteIfExists(scratch);
		}
	}
}
