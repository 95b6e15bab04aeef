package org.innsight.fiji;

import org.innsight.io.FileProblems;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

import org.innsight.engine.Device;
import org.innsight.inn.InnTrainer;
import org.innsight.io.Overwrite;
import org.innsight.request.Settings;
import org.innsight.transfer.TrainTransferRequest;
import org.innsight.transfer.TransferModel;
import org.innsight.transfer.TransferTrainer;
import org.innsight.transfer.TransferTraining;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins > InnSight > Train Transfer Model}: the job of {@code innsight train-transfer} in Fiji for one file per
 * domain (a table or a spectral image), with the same settings, names and defaults ({@link TrainTransferRequest});
 * progress in the status bar, one Log line per epoch, as {@code Train Posterior Model}. Macro:
 * {@code run("Train Transfer Model", "source=[sim.h5] target=[real.h5] bands=[] class_column=[] output_folder=[models/my-transfer] ...");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Train Transfer Model",
	description = "Train an unsupervised domain transfer of spectra between two domains (e.g. simulation and a real camera) from unpaired spectra.")
public class TrainTransferModelCommand extends InnSightCommand {

	@Parameter(label = "Source domain (table or spectral image)", description = "e.g. simulations")
	private File source;

	@Parameter(label = "Target domain (table or spectral image)", description = "e.g. real data")
	private File target;

	@Parameter(label = "Band columns", required = false, description = "of tables, names or globs; empty: the header's observation columns, else band_*")
	private String bands = "";

	@Parameter(label = "Tissue-class column", required = false, description = "also condition on this column (whole numbers 0..K-1) of both tables; empty: none")
	private String class_column = "";

	@Parameter(label = "Output model folder", style = "directory")
	private File output_folder;

	@Parameter(label = "Replace an existing model folder")
	private boolean replace_existing = false;

	@Parameter(label = "Spectra per domain", min = "0", description = "at most this many, drawn by the seed (0 = all)")
	private int max_rows = TrainTransferRequest.MAX_ROWS.defaultValue();

	@Parameter(label = "Seed")
	private long seed = TrainTransferRequest.SEED.defaultValue();

	@Parameter(label = "Maximum epochs", min = "1")
	private int epochs = TrainTransferRequest.EPOCHS.defaultValue();

	@Parameter(label = "Patience (epochs)", min = "0", description = "stop after this many epochs without a better validation NLL")
	private int patience = TrainTransferRequest.PATIENCE.defaultValue();

	@Parameter(label = "Coupling blocks", min = "1")
	private int blocks = TrainTransferRequest.BLOCKS.defaultValue();

	@Parameter(label = "Subnet width", min = "1")
	private int width = TrainTransferRequest.WIDTH.defaultValue();

	@Parameter(label = "Batch size", min = "2")
	private int batch = TrainTransferRequest.BATCH.defaultValue();

	@Parameter(label = "Learning rate")
	private double lr = TrainTransferRequest.LR.defaultValue();

	@Parameter(label = "Weight decay", min = "0")
	private double weight_decay = TrainTransferRequest.WEIGHT_DECAY.defaultValue();

	@Parameter(label = "Label smoothing", min = "0", description = "u ~ U(0, U), below 0.5")
	private double smoothing = TrainTransferRequest.SMOOTHING.defaultValue();

	@Parameter(label = "Adversarial weight", min = "0", description = "least-squares GAN term on transferred spectra; 0 = maximum likelihood only")
	private double adversarial = TrainTransferRequest.ADVERSARIAL.defaultValue();

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
		Settings settings = FijiSettings.read(this, TrainTransferRequest.SETTINGS);
		// an empty text field means "none", as leaving the CLI option out
		settings = settings.with(TrainTransferRequest.BANDS, blankToNull(bands)).with(TrainTransferRequest.CLASS_COLUMN, blankToNull(class_column));
		final TrainTransferRequest request = new TrainTransferRequest(settings).check();
		Overwrite.check(replace_existing, output_folder.toPath());
		FileProblems.requireFolderOrAbsent(output_folder.toPath(), "output_folder");
		final String macro = FijiSettings.recordedLine("Train Transfer Model", String.format(Locale.ROOT, "source=[%s] target=[%s] output_folder=[%s]",
			source, target, output_folder), request.settings());
		final TransferTraining.Domain from = new TransferTraining.Domain(List.of(source.toPath()), List.of(), List.of());
		final TransferTraining.Domain to = new TransferTraining.Domain(List.of(target.toPath()), List.of(), List.of());
		final InnTrainer.EpochListener epochLines = e -> {
			if (log != null) log.info(String.format(Locale.ROOT, "epoch %d: train NLL %.4f, validation NLL %.4f", e.epoch(), e.trainNll(), e.validationNll()));
		};
		try {
			TransferTraining.checkFiles(from, to);
			final TransferTraining.Data data = TransferTraining.read(from, to, request);
			final Device d = Device.parse(device);
			final TransferTrainer.Trained t = TransferTraining.train(data, request, d, StatusProgress.of(status), epochLines, null);
			try (TransferModel trained = t.model()) {
				TransferTraining.save(t, data, request, new TransferTraining.Provenance(output_folder.toPath().toAbsolutePath().normalize().getFileName()
					.toString(), macro), d, output_folder.toPath(), replace_existing);
			}
			result = String.format(Locale.ROOT, "%s: best validation NLL %.4f after %d epoch(s)", output_folder, t.result().bestValidationNll(),
				t.result().epochs());
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String blankToNull(final String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}
}
