package org.innsight.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.innsight.mws.MwsSample;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight mws sample}: writes the Mutex Watershed sample data (see sample-data/mws/README.md). */
@Command(name = "sample", mixinStandardHelpOptions = true,
	description = "Write the synthetic MWS sample: cells.tif (membrane image), truth.tif (cell labels), affinities.h5 (noisy affinities).")
final class MwsSampleCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Option(names = "--seed", defaultValue = "7", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
	Path out;

	@Override
	public Integer call() throws Exception {
		output.check(MwsSample.files(out));
		final MwsSample sample = MwsSample.make(seed);
		sample.write(out);
		cli.out().println("wrote cells.tif, truth.tif (" + sample.cells + " cells) and affinities.h5 (" + sample.affinities.channels() +
			" channels) to " + out + "  [seed " + seed + "]");
		return 0;
	}
}
