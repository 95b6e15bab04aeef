package org.innsight.inn;

import org.innsight.engine.ModelCard;

import com.google.gson.JsonObject;

/** Settings of maximum-likelihood training; recorded in the model card. Public fields with defaults. */
public final class TrainingOptions {

	public long seed = 1;
	public int maxEpochs = 200;
	public int batchSize = 512;
	public double learningRate = 1e-3;
	/** L2 weight decay added to the gradient (as torch.optim.Adam's weight_decay). */
	public double weightDecay = 1e-5;
	/** The gradient of all weights together is scaled down to at most this norm (0 = off). */
	public double clipNorm = 10;
	/** {@code plateau} (decay when validation NLL stalls) or {@code step} (decay every {@link #decayEvery} epochs). */
	public String schedule = "plateau";
	public double decayFactor = 0.5;
	/** Plateau: epochs without improvement before a decay. Step: epochs between decays. */
	public int decayEvery = 5;
	/** Stop after this many epochs without a better validation NLL (0 = never). */
	public int earlyStoppingPatience = 15;
	/** Fraction of rows held out for validation, chosen by {@link #seed}. */
	public double validationFraction = 0.1;
	/** Gaussian noise on the targets in the standardised unbounded space (small: it blurs the density). */
	public double targetNoise = 1e-3;
	/** Plain Gaussian observation noise: absolute sd in raw units, and relative (sd = relative * |value|). */
	public double observationNoiseAbsolute = 0;
	public double observationNoiseRelative = 0;
	/** Standardise targets and observations with training-split statistics (stored with the weights and card). */
	public boolean standardise = true;
	/** Rows used for ActNorm's data-dependent initialisation. */
	public int initialisationRows = 4096;
	/** Rows per validation call. */
	public int validationBatch = 16384;

	public TrainingOptions validate() {
		if (maxEpochs < 1 || batchSize < 2 || !(learningRate > 0) || weightDecay < 0 || clipNorm < 0 || decayEvery < 1 ||
			!(decayFactor > 0 && decayFactor <= 1) || earlyStoppingPatience < 0 || !(validationFraction > 0 && validationFraction < 1) ||
			targetNoise < 0 || observationNoiseAbsolute < 0 || observationNoiseRelative < 0)
			throw new IllegalArgumentException("training options out of range: " + toJson());
		if (!"plateau".equals(schedule) && !"step".equals(schedule))
			throw new IllegalArgumentException("learning-rate schedule must be 'plateau' or 'step', got '" + schedule + "'");
		return this;
	}

	public JsonObject toJson() {
		return ModelCard.gson().toJsonTree(this).getAsJsonObject();
	}
}
