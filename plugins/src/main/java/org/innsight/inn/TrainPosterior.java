package org.innsight.inn;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.innsight.engine.Device;
import org.innsight.engine.ModelFolder;
import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.progress.ProgressListener;

/**
 * The whole "train a posterior model from a table" job, shared by {@code innsight train-posterior} and the
 * Fiji command: read the table, pick columns, train, save the model folder. Fill the public fields (the
 * training settings from a {@link TrainPosteriorRequest}: {@link #with}), then {@link #run}.
 */
public final class TrainPosterior {

	public Path table;
	/** Parameter columns: comma-separated names or globs. */
	public String params;
	/** Observation columns: comma-separated names or globs (e.g. "band_*"). */
	public String observations;
	public Path out;
	public boolean replace;
	/** Model name (default: the folder name). */
	public String name;
	/** Overrides of the table header's ranges: name -> {lo, hi}, or name -> null for unbounded. */
	public Map<String, double[]> ranges = new LinkedHashMap<>();
	public Map<String, String> units = new LinkedHashMap<>();
	public InnArchitecture architecture = new InnArchitecture();
	public TrainingOptions options = new TrainingOptions();
	/** A noise model for the observations; null uses the options' Gaussian sigmas. */
	public ObservationNoise noise;
	public Device device = Device.AUTO;
	/** The command line (or macro call) recorded in the card. */
	public String command;

	/** Takes the training settings of {@code request}: the trainer's options and the architecture; an error if it is invalid. */
	public TrainPosterior with(final TrainPosteriorRequest request) {
		options = request.checked().trainingOptions();
		architecture = request.architecture();
		return this;
	}

	/** What happened. */
	public record Outcome(ModelFolder saved, InnTrainer.Result result, List<String> params, List<String> observations, int rows) {}

	/**
	 * Trains and saves. When {@code stop} is set during training, the best epoch so far is saved; if no epoch
	 * finished, nothing is saved and {@link Outcome#saved()} is null.
	 */
	public Outcome run(final ProgressListener progress, final InnTrainer.EpochListener epochs, final AtomicBoolean stop) throws IOException {
		if (table == null || params == null || observations == null || out == null)
			throw new IllegalArgumentException("table, params, observations and out are required");
		if (!replace && Files.exists(out))
			throw new FileAlreadyExistsException(out.toString(), null, "exists; choose another output folder or replace it");
		final Table t = TableFiles.read(table);
		final List<String> targetNames = t.match(params), observationNames = t.match(observations);
		for (final String p : targetNames)
			if (observationNames.contains(p)) throw new IllegalArgumentException("column '" + p + "' is both a parameter and an observation");
		final InnTraining.Spec s = TableTraining.posteriorSpec(t, targetNames, observationNames, ranges, units);
		s.name = name != null ? name : out.toAbsolutePath().normalize().getFileName().toString();
		s.command = command != null ? command : "TrainPosterior(table=" + table + ", params=" + params + ", observations=" + observations + ")";
		s.dataSha256 = ModelFolder.sha256(table);
		architecture.seed = options.seed;
		try (InnTraining.Trained trained = InnTraining.train(TableTraining.rows(t, targetNames), TableTraining.rows(t, observationNames), s,
			architecture, options, noise, device, progress, epochs, stop))
		{
			final InnTrainer.Result r = trained.result();
			final ModelFolder saved = r.history().isEmpty() ? null : trained.model().save(out, replace);
			return new Outcome(saved, r, targetNames, observationNames, t.rows());
		}
	}
}
