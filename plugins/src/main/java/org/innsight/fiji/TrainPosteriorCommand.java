package org.innsight.fiji;

import java.io.File;
import java.io.IOException;
import java.util.Locale;

import org.innsight.inn.InnTrainer;
import org.innsight.inn.TrainPosterior;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins > InnSight > Train Posterior Model}: the same job as {@code innsight train-posterior}.
 * Macro: {@code run("Train Posterior Model", "table=[sims.h5] params=sO2,vHb observations=band_* output_folder=[models/my-model]");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Train Posterior Model",
	description = "Train a conditional invertible network for p(parameters | observations) from a simulation table.")
public class TrainPosteriorCommand implements Command {

	@Parameter(label = "Training table (.csv, .h5)")
	private File table;

	@Parameter(label = "Parameter columns", description = "comma-separated names or globs")
	private String params = "sO2,vHb";

	@Parameter(label = "Observation columns", description = "comma-separated names or globs")
	private String observations = "band_*";

	@Parameter(label = "Output model folder", style = "directory")
	private File output_folder;

	@Parameter(label = "Replace an existing model folder")
	private boolean replace_existing = false;

	@Parameter(label = "Observation noise sd", description = "Gaussian noise added to observations per batch, in their units")
	private double noise_sd = 0;

	@Parameter(label = "Maximum epochs", min = "1")
	private int max_epochs = 200;

	@Parameter(label = "Coupling blocks", min = "1")
	private int blocks = 8;

	@Parameter(label = "Subnet width", min = "1")
	private int subnet_width = 128;

	@Parameter(label = "Seed")
	private long seed = 1;

	@Parameter(type = ItemIO.OUTPUT, label = "Result")
	private String result;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(required = false)
	private LogService log;

	@Override
	public void run() {
		final TrainPosterior job = new TrainPosterior();
		job.table = table.toPath();
		job.params = params;
		job.observations = observations;
		job.out = output_folder.toPath();
		job.replace = replace_existing;
		job.options.observationNoiseAbsolute = noise_sd;
		job.options.maxEpochs = max_epochs;
		job.options.seed = seed;
		job.architecture.blocks = blocks;
		job.architecture.subnetWidth = subnet_width;
		job.command = String.format(Locale.ROOT, "run(\"Train Posterior Model\", \"table=[%s] params=%s observations=%s output_folder=[%s] noise_sd=%s " +
			"max_epochs=%d blocks=%d subnet_width=%d seed=%d\")", table, params, observations, output_folder, noise_sd, max_epochs, blocks, subnet_width, seed);
		final InnTrainer.EpochListener epochs = e -> {
			if (log != null) log.info(String.format(Locale.ROOT, "epoch %d: train NLL %.4f, validation NLL %.4f", e.epoch(), e.trainNll(), e.validationNll()));
		};
		try {
			final TrainPosterior.Outcome o = job.run(StatusProgress.of(status), epochs, null);
			result = String.format(Locale.ROOT, "%s: best validation NLL %.4f after %d epoch(s)", o.saved().dir(), o.result().bestValidationNll(),
				o.result().epochs());
		}
		catch (final IOException e) {
			throw new IllegalStateException(e.getMessage(), e);
		}
	}
}
