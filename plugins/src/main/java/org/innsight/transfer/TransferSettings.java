package org.innsight.transfer;

import org.innsight.inn.InnArchitecture;
import org.innsight.inn.TrainingOptions;

import com.google.gson.JsonObject;

/**
 * How a transfer network is built and trained. Defaults are deliberately small: three all-in-one blocks with
 * 32-unit subnets, the condition fed to the subnets as it is (no conditioning network: it is only a few one-hot
 * columns). On the sample domains, larger networks (6 x 128) matched the target distribution more closely but
 * moved spectra further than needed and lost sO2 information on the way (see README.transfer.md); a 16-band model
 * trains in about two minutes on two CPU cores.
 */
public final class TransferSettings {

	/** Seeds the weights, the train/validation split, the batches and the label smoothing. */
	public long seed = 1;
	public int blocks = 3;
	public int subnetWidth = 32;
	public int subnetDepth = 2;
	public double clamp = 2.0;
	public int maxEpochs = 150;
	public int batchSize = 512;
	public double learningRate = 1e-3;
	/** L2 weight decay: pulls the couplings towards the identity, i.e. towards the smallest change between the domains. */
	public double weightDecay = 1e-5;
	public int earlyStoppingPatience = 20;
	public double validationFraction = 0.1;
	/** Upper bound of the label-smoothing u of the domain (and class) one-hots. */
	public double smoothing = DomainConditions.DEFAULT_SMOOTHING;
	/** Oversample the smaller domain (with replacement) to the size of the larger, so both weigh equally in the loss. */
	public boolean balanceDomains = true;
	/** Gaussian noise (sd, normalised units) on the spectra during training: a little blurs the learned densities. */
	public double spectrumNoise = 1e-3;
	/**
	 * Weight of the adversarial (least-squares GAN) term added to the per-dimension NLL ({@link AdversarialTerm}); 0:
	 * maximum likelihood alone, the same weights as without the term.
	 */
	public double adversarial = 0;

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
		o.weightDecay = weightDecay;
		o.earlyStoppingPatience = earlyStoppingPatience;
		o.validationFraction = validationFraction;
		o.targetNoise = spectrumNoise;
		o.decayEvery = Math.max(1, earlyStoppingPatience / 2);
		return o.validate();
	}

	public TransferSettings validate() {
		if (smoothing < 0 || smoothing >= 0.5) throw new IllegalArgumentException("label smoothing must be in [0, 0.5), got " + smoothing);
		if (spectrumNoise < 0) throw new IllegalArgumentException("spectrum noise must be >= 0");
		if (!(adversarial >= 0) || Double.isInfinite(adversarial))
			throw new IllegalArgumentException("adversarial weight must be a finite number >= 0, got " + adversarial);
		architecture(2, 2);
		trainingOptions();
		return this;
	}

	public JsonObject toJson() {
		return org.innsight.engine.ModelCard.gson().toJsonTree(this).getAsJsonObject();
	}
}
