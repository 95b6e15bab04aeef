package org.innsight.fiji;

import org.innsight.io.FileProblems;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

import org.innsight.engine.Device;
import org.innsight.engine.ModelFolder;
import org.innsight.io.Overwrite;
import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.ood.OodModel;
import org.innsight.ood.OodTrainer;
import org.innsight.ood.OodTrainingOptions;
import org.innsight.ood.TableSpectra;
import org.innsight.ood.TrainOodRequest;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins > InnSight > Train OOD Model}: the job of {@code innsight train-ood} in Fiji, with the same settings,
 * names and defaults ({@link TrainOodRequest}); progress in the status bar, one Log line per member, as
 * {@code Train Posterior Model}. Macro:
 * {@code run("Train OOD Model", "table=[sims.h5] bands=[] output_folder=[models/my-ood] replace_existing=false members=5 seed=1 ...");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Train OOD Model",
	description = "Train an out-of-distribution detector (an ensemble of INN density models, WAIC score) from a table of in-distribution spectra.")
public class TrainOodModelCommand extends InnSightCommand {

	@Parameter(label = "Training table (.csv, .h5)", description = "in-distribution spectra, e.g. from innsight simulate")
	private File table;

	@Parameter(label = "Band columns", required = false, description = "names or globs; empty: the header's observation columns, else band_*")
	private String bands = "";

	@Parameter(label = "Output model folder", style = "directory")
	private File output_folder;

	@Parameter(label = "Replace an existing model folder")
	private boolean replace_existing = false;

	@Parameter(label = "Ensemble members", min = "1")
	private int members = TrainOodRequest.MEMBERS.defaultValue();

	@Parameter(label = "Seed")
	private long seed = TrainOodRequest.SEED.defaultValue();

	@Parameter(label = "False-positive rate of the threshold", description = "calibrated on held-out rows, between 0 and 1")
	private double fpr = TrainOodRequest.FPR.defaultValue();

	@Parameter(label = "Held-out fraction for the threshold", description = "between 0 and 0.5")
	private double calibration = TrainOodRequest.CALIBRATION.defaultValue();

	@Parameter(label = "Rows per member", choices = { OodTrainingOptions.SUBSAMPLE, OodTrainingOptions.BOOTSTRAP, OodTrainingOptions.NONE })
	private String resample = TrainOodRequest.RESAMPLE.defaultValue();

	@Parameter(label = "Spectrum transform", choices = { OodTrainingOptions.AUTO, OodTrainingOptions.STABILISE, OodTrainingOptions.NONE },
		description = "noise-whitened units (the camera's variance-stabilising map) or raw (none)")
	private String noise_transform = TrainOodRequest.NOISE_TRANSFORM.defaultValue();

	@Parameter(label = "Coupling blocks per member", min = "1")
	private int blocks = TrainOodRequest.BLOCKS.defaultValue();

	@Parameter(label = "Subnet width", min = "1")
	private int width = TrainOodRequest.WIDTH.defaultValue();

	@Parameter(label = "Maximum epochs per member", min = "1")
	private int epochs = TrainOodRequest.EPOCHS.defaultValue();

	@Parameter(label = "Patience (epochs)", min = "0", description = "stop a member after this many epochs without a better validation NLL")
	private int patience = TrainOodRequest.PATIENCE.defaultValue();

	@Parameter(label = "Batch size", min = "2")
	private int batch = TrainOodRequest.BATCH.defaultValue();

	@Parameter(label = "Learning rate", description = "Adam learning rate")
	private double lr = TrainOodRequest.LR.defaultValue();

	@Parameter(label = "Device", description = "auto (first GPU if present, else CPU), cpu, gpu or gpu:N", style = DialogFields.DEVICE)
	private String device = "auto";

	@Parameter(type = ItemIO.OUTPUT, label = "Result")
	private String result;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(required = false)
	private LogService log;

	@Override
	protected void execute() {
		final TrainOodRequest request = new TrainOodRequest(FijiSettings.read(this, TrainOodRequest.SETTINGS));
		final List<String> problems = request.validate();
		if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
		Overwrite.check(replace_existing, output_folder.toPath());
		FileProblems.requireFolderOrAbsent(output_folder.toPath(), "output_folder");
		final String columns = bands == null || bands.isBlank() ? null : bands.trim();
		final String macro = FijiSettings.recordedLine("Train OOD Model", String.format(Locale.ROOT, "table=[%s] bands=[%s] output_folder=[%s]",
			table, columns == null ? "" : columns, output_folder), request.settings());
		try {
			final Table t = TableFiles.read(table.toPath());
			final TableSpectra spectra = TableSpectra.of(t, columns);
			final OodTrainer.Provenance provenance = new OodTrainer.Provenance(output_folder.toPath().toAbsolutePath().normalize().getFileName().toString(),
				macro, ModelFolder.sha256(table.toPath()), spectra.rows() + " spectra x " + spectra.bands() + " bands from " + table.getName());
			final int total = request.members();
			final OodTrainer.MemberListener members = (k, r) -> {
				if (log != null) log.info(String.format(Locale.ROOT, "member %d/%d: %d epochs (best %d), validation NLL %.4f nats/band", k + 1, total,
					r.epochs(), r.bestEpoch(), r.bestValidationNll()));
			};
			try (OodModel trained = new OodTrainer(request.options()).train(spectra, provenance, Device.parse(device), StatusProgress.of(status), members, null)) {
				final ModelFolder folder = trained.save(output_folder.toPath(), replace_existing);
				result = String.format(Locale.ROOT, "%s: %d members, threshold %.4f (flags %.1f%% of held-out spectra)", folder.dir(), trained.members(),
					trained.threshold(), 100 * trained.calibrationFpr());
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
