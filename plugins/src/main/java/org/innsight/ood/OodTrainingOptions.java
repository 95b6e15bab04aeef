package org.innsight.ood;

import org.innsight.engine.ModelCard;

import com.google.gson.JsonObject;

/**
 * How an OOD ensemble is trained; recorded in the model card. Public fields with defaults: small members
 * (16 bands in, a few coupling blocks of width 128) that train in minutes on a CPU.
 */
public final class OodTrainingOptions {

	/** What is done to the spectra before the density models (see {@link NoiseStabiliser}). */
	public static final String AUTO = "auto", STABILISE = "stabilise";

	/** Resampling of the training rows per member. */
	public static final String BOOTSTRAP = "bootstrap", SUBSAMPLE = "subsample", NONE = "none";

	/**
	 * {@value #AUTO}: the camera's variance-stabilising map when the table's camera has an absolute noise model and
	 * unnormalised spectra, else none; {@value #STABILISE}: that map or an error; {@value #NONE}: raw spectra.
	 */
	public String noiseTransform = AUTO;
	/** Ensemble size M. */
	public int members = 5;
	/** Seeds the calibration split and, per member, the resampling, initial weights, permutations and batches. */
	public long seed = 1;
	/**
	 * {@value #SUBSAMPLE}: each member trains on its own random {@link #subsampleFraction} of the rows (no
	 * duplicates, so its validation split for early stopping never contains its training rows);
	 * {@value #BOOTSTRAP}: n draws with replacement (duplicates can sit in both its training and validation split);
	 * {@value #NONE}: all rows, members differ by seed only.
	 */
	public String resample = SUBSAMPLE;
	public double subsampleFraction = 0.8;
	/** Rows held out from every member to calibrate the threshold. */
	public double calibrationFraction = 0.1;
	/** The threshold flags this fraction of the held-out in-distribution spectra. */
	public double fpr = 0.05;

	/** Coupling blocks per member (all-in-one: affine coupling + ActNorm + permutation). */
	public int blocks = 6;
	public int subnetWidth = 128;
	public int subnetDepth = 2;
	public double clamp = 2.0;

	public int maxEpochs = 40;
	public int batchSize = 512;
	public double learningRate = 1e-3;
	public int earlyStoppingPatience = 6;
	/** Epochs without improvement before the learning rate halves. */
	public int decayEvery = 3;
	/** Noise on the standardised spectra during training (blurs the density a little: keeps it smooth). */
	public double targetNoise = 1e-2;

	public OodTrainingOptions validate() {
		if (members < 1) throw new IllegalArgumentException("an ensemble needs at least 1 member, got " + members);
		if (!BOOTSTRAP.equals(resample) && !SUBSAMPLE.equals(resample) && !NONE.equals(resample))
			throw new IllegalArgumentException("resample must be bootstrap, subsample or none, got '" + resample + "'");
		if (!AUTO.equals(noiseTransform) && !STABILISE.equals(noiseTransform) && !NONE.equals(noiseTransform))
			throw new IllegalArgumentException("noise transform must be auto, stabilise or none, got '" + noiseTransform + "'");
		if (!(subsampleFraction > 0 && subsampleFraction <= 1)) throw new IllegalArgumentException("subsample fraction must be in (0, 1]");
		if (!(calibrationFraction > 0 && calibrationFraction < 0.5))
			throw new IllegalArgumentException("calibration fraction must be in (0, 0.5), got " + calibrationFraction);
		if (!(fpr > 0 && fpr < 1)) throw new IllegalArgumentException("false-positive rate must be in (0, 1), got " + fpr);
		if (blocks < 1 || subnetWidth < 1 || subnetDepth < 1 || !(clamp > 0) || maxEpochs < 1 || batchSize < 2 || !(learningRate > 0) ||
			earlyStoppingPatience < 0 || decayEvery < 1 || targetNoise < 0)
			throw new IllegalArgumentException("training options out of range: " + toJson());
		return this;
	}

	public JsonObject toJson() {
		return ModelCard.gson().toJsonTree(this).getAsJsonObject();
	}
}
