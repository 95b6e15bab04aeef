package org.innsight.transfer;

import org.innsight.inn.InnArchitecture;
import org.innsight.inn.TrainingOptions;

import com.google.gson.JsonObject;

/**
 * How a transfer network is built and trained. Defaults keep it small (16-band spectra train in minutes on two CPU
 * cores): six all-in-one blocks with 128-unit subnets, the condition fed to the subnets as it is (no conditioning
 * network: it is only a few one-hot columns).
 */
public final class TransferSettings {

	/** Seeds the weights, the train/validation split, the batches and the label smoothing. */
	public long seed = 1;
	public int blocks = 6;
	public int subnetWidth = 128;
	public int subnetDepth = 2;
	public double clamp = 2.0;
	public int maxEpochs = 60;
	public int batchSize = 512;
	public double learningRate = 1e-3;
	public int earlyStoppingPatience = 10;
	public double validationFraction = 0.1;
	/** Upper bound of the label-smoothing u of the domain (and class) one-hots. */
	public double smoothing = DomainConditions.DEFAULT_SMOOTHING;
	/** Oversample the smaller domain (with replacement) to the size of the larger, so both weigh equally in the loss. */
	public boolean balanceDomains = true;
	/** Gaussian noise (sd, normalised units) on the spectra during training: a little blurs the learned densities. */
	public double spectrumNoise = 1e-3;

	/** The network for {@code bands}-band spectra and a condition of {@code conditionColumns} columns. */
	public InnArchitecture architecture(final int bands, final int conditionColumns) {
		if (bands < 2) throw new IllegalArgumentException("domain transfer needs spectra of at least 2 bands, got " + bands);
		final InnArchitecture a = InnArchitecture.forTargets(bands, conditionColumns);
		a.conditionFeatures = 0;
		a.blockType = InnArchitecture.ALL_IN_ONE;
		a.blocks = blocks;
		a.subnetWidth = subnetWidth;
		a.subnetDepth = subnetDepth;
		a.clamp = clamp;
		a.seed = seed;
		return a.validate();
	}

	public TrainingOptions trainingOptions() {
		final TrainingOptions o = new TrainingOptions();
		o.seed = seed;
		o.maxEpochs = maxEpochs;
		o.batchSize = batchSize;
		o.learningRate = learningRate;
		o.earlyStoppingPatience = earlyStoppingPatience;
		o.validationFraction = validationFraction;
		o.targetNoise = spectrumNoise;
		o.decayEvery = Math.max(1, earlyStoppingPatience / 2);
		return o.validate();
	}

	public TransferSettings validate() {
		if (smoothing < 0 || smoothing >= 0.5) throw new IllegalArgumentException("label smoothing must be in [0, 0.5), got " + smoothing);
		if (spectrumNoise < 0) throw new IllegalArgumentException("spectrum noise must be >= 0");
		architecture(2, 2);
		trainingOptions();
		return this;
	}

	public JsonObject toJson() {
		return org.innsight.engine.ModelCard.gson().toJsonTree(this).getAsJsonObject();
	}
}
