package org.innsight.inn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.engine.InputRange;
import org.innsight.engine.ModelCard;
import org.innsight.progress.ProgressListener;

import com.google.gson.JsonObject;

import ai.djl.ndarray.NDManager;

/**
 * Trains a flow on rows in the user's units and returns it as an {@link InnModel} with a complete card: the
 * one call behind {@code innsight train-posterior}, its Fiji command, and the OOD/transfer trainers.
 */
public final class InnTraining {

	private InnTraining() {}

	/** What is learned and what the card will say about it. */
	public static final class Spec {
		public String name;
		/** e.g. {@code posterior-cinn} (targets = tissue parameters, observations = spectra) or {@code density-inn}. */
		public String kind = "posterior-cinn";
		public String version = "1";
		public String description;
		public List<String> targetNames = new ArrayList<>();
		/** Unit per target (null entries allowed). */
		public List<String> targetUnits = new ArrayList<>();
		/** Per target {lower, upper} (bounded: logit-transformed) or null (unbounded); null for all unbounded. */
		public double[][] targetRanges;
		public List<String> observationNames = new ArrayList<>();
		/** Centre wavelength per observation column, or null. */
		public double[] wavelengthsNm;
		/** The observations' values (before the network's standardisation), for the card's {@code inputs.range}; null: not recorded. */
		public InputRange inputRange;
		public String command;
		public String dataSha256 = ModelCard.UNKNOWN_SHA256;
		public String dataDescription;
		/** Extra kind-specific card data (copied into the card's {@code details}). */
		public JsonObject details = new JsonObject();
	}

	/** A trained model, the figures of its training, and the native memory both hold; close when done. */
	public record Trained(InnModel model, InvertibleNetwork network, InnTrainer.Result result, NDManager root) implements AutoCloseable {
		@Override
		public void close() {
			network.close();
			root.close();
		}
	}

	/**
	 * @param targets rows x targets (e.g. sO2, vHb per simulated spectrum)
	 * @param observations rows x observation columns, or null for a density model
	 * @param arch network hyper-parameters; targets, padding, conditions and ranges are set here from the data and spec
	 * @param stop set it (e.g. from a Ctrl-C hook) to end training early with the best weights so far
	 */
	public static Trained train(final float[][] targets, final float[][] observations, final Spec spec, final InnArchitecture arch,
		final TrainingOptions options, final ObservationNoise noise, final Device device, final ProgressListener progress,
		final InnTrainer.EpochListener epochs, final AtomicBoolean stop)
	{
		final TrainingData data = new TrainingData(targets, observations);
		if (noise != null) data.withNoise(noise);
		if (spec.targetNames.size() != data.targetColumns())
			throw new IllegalArgumentException(spec.targetNames.size() + " target names for " + data.targetColumns() + " target columns");
		if (spec.observationNames.size() != data.observationColumns())
			throw new IllegalArgumentException(spec.observationNames.size() + " observation names for " + data.observationColumns() + " columns");
		final InnArchitecture a = ModelCard.gson().fromJson(ModelCard.gson().toJson(arch), InnArchitecture.class);
		a.targets = data.targetColumns();
		a.padding = Math.max(a.padding, 2 - a.targets);
		a.conditions = data.observationColumns();
		if (a.conditions == 0) a.conditionFeatures = 0;
		a.ranges = spec.targetRanges == null ? new double[a.targets][] : spec.targetRanges.clone();
		checkRanges(targets, a.ranges, spec.targetNames);
		a.validate();

		final NDManager root = Engines.newManager(device);
		InvertibleNetwork net = null;
		try {
			net = InvertibleNetwork.create(a, root);
			final InnTrainer.Result result = new InnTrainer(options).train(net, data, progress, epochs, stop);
			final InnModel model = InnModel.of(net, card(spec, options, result, device));
			return new Trained(model, net, result, root);
		}
		catch (final RuntimeException | Error e) {
			if (net != null) net.close();
			root.close();
			throw e;
		}
	}

	private static ModelCard card(final Spec spec, final TrainingOptions options, final InnTrainer.Result result, final Device device) {
		final ModelCard c = new ModelCard();
		c.name = spec.name;
		c.kind = spec.kind;
		c.version = spec.version;
		c.description = spec.description;
		c.inputs.names = new ArrayList<>(spec.observationNames);
		c.inputs.wavelengthsNm = spec.wavelengthsNm == null ? null : spec.wavelengthsNm.clone();
		c.inputs.range = spec.inputRange;
		for (int j = 0; j < spec.targetNames.size(); j++) {
			final String unit = j < spec.targetUnits.size() ? spec.targetUnits.get(j) : null;
			c.outputs.add(ModelCard.Output.of(spec.targetNames.get(j), unit, null));
		}
		c.training.command = spec.command;
		c.training.seed = options.seed;
		c.training.dataSha256 = spec.dataSha256;
		c.training.dataDescription = spec.dataDescription;
		c.training.date = Instant.now().toString();
		c.training.device = device.toString();
		c.training.settings = options.toJson();
		c.training.settings.addProperty("train_rows", result.trainRows());
		c.training.settings.addProperty("validation_rows", result.validationRows());
		c.validation.addProperty("validation_nll_per_dimension", result.bestValidationNll());
		c.validation.addProperty("best_epoch", result.bestEpoch());
		c.validation.addProperty("epochs_run", result.epochs());
		c.validation.addProperty("stopped_early", result.stoppedEarly());
		c.validation.addProperty("interrupted", result.interrupted());
		c.validation.addProperty("skipped_steps", result.skippedSteps());
		c.validation.addProperty("training_seconds", result.seconds());
		c.details = spec.details == null ? new JsonObject() : spec.details.deepCopy();
		return c;
	}

	private static void checkRanges(final float[][] rows, final double[][] ranges, final List<String> names) {
		for (int j = 0; j < ranges.length; j++) {
			if (ranges[j] == null) continue;
			for (int r = 0; r < rows.length; r++)
				if (rows[r][j] < ranges[j][0] || rows[r][j] > ranges[j][1])
					throw new IllegalArgumentException("target '" + names.get(j) + "' is " + rows[r][j] + " in row " + r + ", outside its range [" +
						ranges[j][0] + ", " + ranges[j][1] + "]; widen the range or mark it unbounded");
		}
	}
}
