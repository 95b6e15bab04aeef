package org.innsight.fiji;

import java.io.File;
import java.io.IOException;
import java.util.Locale;

import org.innsight.inn.InnArchitecture;
import org.innsight.inn.InnTrainer;
import org.innsight.inn.TrainPosterior;
import org.innsight.inn.TrainPosteriorRequest;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins > InnSight > Train Posterior Model}: the same job as {@code innsight train-posterior}, with the
 * same settings and defaults ({@link TrainPosteriorRequest}). Macro:
 * {@code run("Train Posterior Model", "table=[sims.h5] params=sO2,vHb observations=band_* output_folder=[models/my-model]");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Train Posterior Model",
	description = "Train a conditional invertible network for p(parameters | observations) from a simulation table.")
public class TrainPosteriorModelCommand extends InnSightCommand {

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

	@Parameter(label = "Observation noise sd", min = "0", description = "Gaussian noise added to observations per batch, in their units")
	private double noise_sd = TrainPosteriorRequest.NOISE.defaultValue();

	@Parameter(label = "Relative observation noise", min = "0", description = "Gaussian noise sd relative to each observation value")
	private double relative_noise = TrainPosteriorRequest.RELATIVE_NOISE.defaultValue();

	@Parameter(label = "Parameter noise", min = "0", description = "noise on standardised parameters")
	private double param_noise = TrainPosteriorRequest.PARAM_NOISE.defaultValue();

	@Parameter(label = "Maximum epochs", min = "1")
	private int max_epochs = TrainPosteriorRequest.EPOCHS.defaultValue();

	@Parameter(label = "Patience (epochs)", min = "0", description = "stop after this many epochs without a better validation NLL; 0 = never")
	private int patience = TrainPosteriorRequest.PATIENCE.defaultValue();

	@Parameter(label = "Batch size", min = "2")
	private int batch = TrainPosteriorRequest.BATCH.defaultValue();

	@Parameter(label = "Learning rate", description = "Adam learning rate")
	private double lr = TrainPosteriorRequest.LR.defaultValue();

	@Parameter(label = "Weight decay", min = "0")
	private double weight_decay = TrainPosteriorRequest.WEIGHT_DECAY.defaultValue();

	@Parameter(label = "Gradient clipping", min = "0", description = "gradient-norm clipping; 0 = off")
	private double clip = TrainPosteriorRequest.CLIP.defaultValue();

	@Parameter(label = "Learning-rate schedule", choices = { "plateau", "step" })
	private String schedule = TrainPosteriorRequest.SCHEDULE.defaultValue();

	@Parameter(label = "Learning-rate decay factor", max = "1")
	private double decay_factor = TrainPosteriorRequest.DECAY.defaultValue();

	@Parameter(label = "Decay every (epochs)", min = "1", description = "plateau patience or step length in epochs")
	private int decay_every = TrainPosteriorRequest.DECAY_EVERY.defaultValue();

	@Parameter(label = "Validation fraction", max = "1", description = "held-out fraction for validation")
	private double validation_fraction = TrainPosteriorRequest.VALIDATION_FRACTION.defaultValue();

	@Parameter(label = "Seed")
	private long seed = TrainPosteriorRequest.SEED.defaultValue();

	@Parameter(label = "Block type", choices = { InnArchitecture.ALL_IN_ONE, InnArchitecture.GLOW })
	private String block_type = TrainPosteriorRequest.BLOCK_TYPE.defaultValue();

	@Parameter(label = "Coupling blocks", min = "1")
	private int blocks = TrainPosteriorRequest.BLOCKS.defaultValue();

	@Parameter(label = "Subnet width", min = "1")
	private int subnet_width = TrainPosteriorRequest.WIDTH.defaultValue();

	@Parameter(label = "Subnet hidden layers", min = "1")
	private int depth = TrainPosteriorRequest.DEPTH.defaultValue();

	@Parameter(label = "Conditioning features", min = "0", description = "0 = feed standardised observations directly")
	private int features = TrainPosteriorRequest.FEATURES.defaultValue();

	@Parameter(label = "Householder reflections", min = "0", description = "learned reflections per block")
	private int householder = TrainPosteriorRequest.HOUSEHOLDER.defaultValue();

	@Parameter(label = "Clamp", description = "soft clamp of coupling log-scales")
	private double clamp = TrainPosteriorRequest.CLAMP.defaultValue();

	@Parameter(type = ItemIO.OUTPUT, label = "Result")
	private String result;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(required = false)
	private LogService log;

	@Override
	protected void execute() {
		final TrainPosteriorRequest request = new TrainPosteriorRequest(FijiSettings.read(this, TrainPosteriorRequest.SETTINGS)).checked();
		final TrainPosterior job = new TrainPosterior().with(request);
		job.table = table.toPath();
		job.params = params;
		job.observations = observations;
		job.out = output_folder.toPath();
		job.replace = replace_existing;
		job.command = FijiSettings.recordedLine("Train Posterior Model", String.format(Locale.ROOT, "table=[%s] params=%s observations=%s output_folder=[%s]",
			table, params, observations, output_folder), request.settings());
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
