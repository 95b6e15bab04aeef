package org.innsight.ood;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.innsight.Version;
import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.engine.InputRange;
import org.innsight.engine.ModelCard;
import org.innsight.inn.InnArchitecture;
import org.innsight.inn.InnTrainer;
import org.innsight.inn.InvertibleNetwork;
import org.innsight.inn.TrainingData;
import org.innsight.inn.TrainingOptions;
import org.innsight.progress.ProgressListener;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ai.djl.ndarray.NDManager;

/**
 * Trains an OOD ensemble: M unconditional INNs of the spectra, each on its own resample of the training rows
 * with its own seed, then calibrates the score threshold on rows no member saw.
 */
public final class OodTrainer {

	/** Where the training data came from and how to make the model again; goes into the card. */
	public record Provenance(String name, String command, String dataSha256, String dataDescription) {}

	/** Told after each member. */
	@FunctionalInterface
	public interface MemberListener {
		void memberDone(int member, InnTrainer.Result result);
	}

	private final OodTrainingOptions options;

	public OodTrainer(final OodTrainingOptions options) {
		this.options = options.validate();
	}

	/**
	 * Trains the ensemble. With {@code stop} set (Ctrl-C) the member in training keeps its best weights so far, no
	 * further member starts, and the model holds the members trained until then (the card says so).
	 */
	public OodModel train(final TableSpectra data, final Provenance provenance, final Device device, final ProgressListener progress,
		final MemberListener listener, final AtomicBoolean stop)
	{
		final int n = data.rows(), d = data.bands();
		final int calibrationRows = (int) Math.round(options.calibrationFraction * n);
		if (n - calibrationRows < 100 || calibrationRows < 20)
			throw new IllegalArgumentException("too few spectra to train and calibrate an OOD model: " + n + " (need >= 200)");
		final long start = System.nanoTime();
		final String[] why = { null };
		final NoiseStabiliser stabiliser = stabiliser(data, why);
		final SplittableRandom rng = new SplittableRandom(options.seed);
		final int[] order = InnTrainer.permutation(n, rng);
		final int[] calibration = Arrays.copyOfRange(order, 0, calibrationRows);
		final int[] pool = Arrays.copyOfRange(order, calibrationRows, n);
		final float[][] rows = new float[n][];
		for (int r = 0; r < n; r++) {
			rows[r] = data.row(r);
			stabiliser.apply(rows[r], 0, d);
			for (final float v : rows[r])
				if (!Float.isFinite(v)) throw new IllegalArgumentException("training spectrum " + r + " is below the camera's noise floor (" +
					stabiliser + "); is the table from this camera?");
		}

		final NDManager root = Engines.newManager(device);
		final List<InvertibleNetwork> nets = new ArrayList<>();
		final JsonArray memberInfo = new JsonArray();
		boolean interrupted = false;
		try {
			for (int k = 0; k < options.members && !interrupted; k++) {
				final long memberSeed = rng.nextLong();
				final int[] picked = resample(pool, new SplittableRandom(memberSeed));
				final float[][] train = new float[picked.length][];
				for (int i = 0; i < picked.length; i++) train[i] = rows[picked[i]];
				final InnArchitecture arch = InnArchitecture.forTargets(d, 0);
				arch.blocks = options.blocks;
				arch.subnetWidth = options.subnetWidth;
				arch.subnetDepth = options.subnetDepth;
				arch.clamp = options.clamp;
				arch.seed = memberSeed;
				final InvertibleNetwork net = InvertibleNetwork.create(arch, root);
				nets.add(net);
				final int member = k;
				final ProgressListener memberProgress = (done, total, message) -> progress.progress(member * total + done,
					(long) options.members * total, "member " + (member + 1) + "/" + options.members + ": " + message);
				final InnTrainer.Result result = new InnTrainer(trainingOptions(memberSeed)).train(net, new TrainingData(train, null),
					memberProgress, null, stop);
				interrupted = result.interrupted();
				final JsonObject info = new JsonObject();
				info.addProperty("file", "member_" + k + ".ndlist");
				info.addProperty("seed", memberSeed);
				info.addProperty("train_rows", result.trainRows());
				info.addProperty("validation_rows", result.validationRows());
				info.addProperty("epochs", result.epochs());
				info.addProperty("best_epoch", result.bestEpoch());
				info.addProperty("best_validation_nll_per_band", result.bestValidationNll());
				info.addProperty("stopped_early", result.stoppedEarly());
				info.addProperty("interrupted", result.interrupted());
				info.addProperty("seconds", Math.round(result.seconds() * 10) / 10.0);
				info.add("architecture", arch.toJson());
				memberInfo.add(info);
				if (listener != null) listener.memberDone(k, result);
			}
			final ModelCard card = card(data, provenance, device, memberInfo, interrupted, calibrationRows, (System.nanoTime() - start) / 1e9);
			final JsonObject transform = stabiliser.toJson();
			if (why[0] != null) transform.addProperty("why_none", why[0]);
			card.details.add(OodModel.TRANSFORM, transform);
			// an uncalibrated view of the members scores the held-out rows; the returned model reads the threshold from the card
			calibrate(new OodModel(card, nets, root), card, rows, calibration);
			return new OodModel(card, nets, root);
		}
		catch (final RuntimeException e) {
			for (final InvertibleNetwork net : nets) net.close();
			root.close();
			throw e;
		}
	}

	/** Scores the held-out rows and stores the threshold at the chosen false-positive rate in the card. */
	private void calibrate(final OodModel model, final ModelCard card, final float[][] rows, final int[] calibration) {
		final int d = model.bands();
		final float[] x = new float[calibration.length * d];
		for (int i = 0; i < calibration.length; i++) System.arraycopy(rows[calibration[i]], 0, x, i * d, d);
		final double[][] logP = model.memberLogDensitiesOfTransformed(x, calibration.length);
		final Waic.Scores scores = Waic.of(logP, d);
		final double threshold = Roc.thresholdAtFpr(scores.score(), options.fpr);
		card.details.addProperty("threshold", threshold);
		card.details.addProperty("fpr", options.fpr);
		card.details.addProperty("calibration_rows", calibration.length);
		final float[] sorted = scores.score().clone();
		Arrays.sort(sorted);
		final JsonObject q = new JsonObject();
		for (final double p : new double[] { 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99 })
			q.addProperty(String.format(java.util.Locale.ROOT, "q%02d", Math.round(p * 100)), sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
		card.details.add("calibration_score_quantiles", q);
		double singleSum = 0;
		for (int i = 0; i < calibration.length; i++) singleSum -= logP[0][i];
		card.validation.addProperty("calibration_mean_score", mean(scores.score()));
		card.validation.addProperty("calibration_mean_nll_per_band_member_0", singleSum / calibration.length / d);
		int flagged = 0;
		for (final float v : scores.score()) if (OodModel.isOutOfDistributionAt(v, threshold)) flagged++;
		card.validation.addProperty("calibration_flagged_fraction", flagged / (double) calibration.length);
	}

	private NoiseStabiliser stabiliser(final TableSpectra data, final String[] why) {
		if (OodTrainingOptions.NONE.equals(options.noiseTransform)) {
			why[0] = "not asked for (--noise-transform none)";
			return NoiseStabiliser.NONE;
		}
		final NoiseStabiliser s = NoiseStabiliser.ofCamera(data.camera(), data.normalisation().label(), why);
		if (s.isIdentity() && OodTrainingOptions.STABILISE.equals(options.noiseTransform))
			throw new IllegalArgumentException("cannot stabilise the noise of these spectra: " + why[0]);
		return s;
	}

	private TrainingOptions trainingOptions(final long seed) {
		final TrainingOptions t = new TrainingOptions();
		t.seed = seed;
		t.maxEpochs = options.maxEpochs;
		t.batchSize = options.batchSize;
		t.learningRate = options.learningRate;
		t.earlyStoppingPatience = options.earlyStoppingPatience;
		t.decayEvery = options.decayEvery;
		t.targetNoise = options.targetNoise;
		return t.validate();
	}

	private ModelCard card(final TableSpectra data, final Provenance p, final Device device, final JsonArray members, final boolean interrupted,
		final int calibrationRows, final double seconds)
	{
		final ModelCard c = new ModelCard();
		c.name = p.name();
		c.kind = OodModel.KIND;
		c.version = "1";
		c.description = "Out-of-distribution detector: WAIC of an ensemble of " + members.size() + " unconditional INN density models of " +
			data.bands() + "-band spectra; score = -WAIC / " + data.bands() + " (nats per band), higher = more out of distribution.";
		c.inputs.names = new ArrayList<>(data.bandNames());
		c.inputs.wavelengthsNm = data.wavelengthsNm();
		c.inputs.normalisation = ModelCard.Normalisation.none();
		c.inputs.normalisation.kind = data.normalisation().label();
		c.inputs.range = InputRange.of(data.values(), data.bands(), data.normalisation(), data.quantity());
		c.inputs.description = "raw camera spectra; normalised per spectrum as the training table's camera (" + data.normalisation().label() +
			"), mapped by details.spectrum_transform (the camera's variance-stabilising map, its Jacobian not in log p), then standardised " +
			"inside each member (statistics stored with its weights; that Jacobian is part of log p)";
		final ModelCard.Output out = ModelCard.Output.of(OodModel.SCORE, "nats per band", null);
		c.outputs.add(out);
		c.training.command = p.command();
		c.training.seed = options.seed;
		c.training.dataSha256 = p.dataSha256();
		c.training.dataDescription = p.dataDescription();
		c.training.date = Instant.now().toString();
		c.training.device = device.toString();
		c.training.settings = options.toJson();
		c.training.settings.addProperty("software", "InnSight " + Version.get());
		c.training.settings.addProperty("seconds", Math.round(seconds));
		c.training.settings.addProperty("rows", data.rows());
		c.architecture = members.get(0).getAsJsonObject().getAsJsonObject("architecture").deepCopy();
		c.details.add("members", members);
		c.details.addProperty("interrupted", interrupted);
		c.details.addProperty("score", "-WAIC/D, WAIC = mean_m log p_m - var_m log p_m (sample variance, divisor M-1)");
		if (data.camera() != null) c.details.add("camera", data.camera());
		c.details.addProperty("calibration_rows", calibrationRows);
		return c;
	}

	private int[] resample(final int[] pool, final SplittableRandom rng) {
		switch (options.resample) {
			case OodTrainingOptions.BOOTSTRAP: {
				final int[] out = new int[pool.length];
				for (int i = 0; i < out.length; i++) out[i] = pool[rng.nextInt(pool.length)];
				return out;
			}
			case OodTrainingOptions.SUBSAMPLE: {
				final int[] copy = pool.clone();
				InnTrainer.shuffle(copy, rng);
				return Arrays.copyOf(copy, Math.max(2, (int) Math.round(options.subsampleFraction * pool.length)));
			}
			default:
				return pool.clone();
		}
	}

	private static double mean(final float[] v) {
		double s = 0;
		int n = 0;
		for (final float x : v)
			if (Float.isFinite(x)) {
				s += x;
				n++;
			}
		return s / Math.max(1, n);
	}
}
