package org.innsight.cli;

import picocli.CommandLine.Command;

/** {@code innsight dalsa ...}: tumour segmentation from sparse annotations with importance weighting. */
@Command(name = "dalsa", mixinStandardHelpOptions = true,
	description = "DALSA: voxel classifier for multi-modal MR trained from sparse annotations, with importance weighting.",
	subcommands = { DalsaTrainCommand.class, DalsaApplyCommand.class, DalsaEvaluateCommand.class, DalsaPhantomCommand.class, DalsaAnatomyCommand.class,
		DalsaStackCommand.class })
final class DalsaCommand {
}
