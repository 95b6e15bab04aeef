package org.innsight.inn;

import java.util.Arrays;

import org.innsight.engine.ModelCard;

import com.google.gson.JsonObject;

/**
 * How to build an invertible network; stored in the model card's {@code architecture} so a saved model can be
 * rebuilt before its weights are loaded. Public fields with defaults, set what you need, then {@link #validate()}.
 */
public final class InnArchitecture {

	public static final String GLOW = "glow";
	public static final String ALL_IN_ONE = "all-in-one";

	/** Format tag in the card: this class's networks vs TorchScript files. */
	public String format = "innsight-inn";
	/** Target dimensions in the user's units (e.g. 2 for sO2, vHb). */
	public int targets;
	/** Auxiliary standard-normal dimensions appended to the targets (a coupling needs >= 2 dimensions). */
	public int padding;
	/** Per target: {lower, upper} for a bounded target (logit-transformed), or null. */
	public double[][] ranges;
	/** The logit maps a range onto (m, 1 - m); m keeps values on the bounds finite. */
	public double logitMargin = 1e-3;
	/** Raw condition (observation) columns; 0 for an unconditional flow. */
	public int conditions;
	/** Output size of the conditioning MLP; 0 to feed the standardised observation itself to the subnets. */
	public int conditionFeatures = 64;
	public int conditionWidth = 128;
	public int conditionDepth = 2;
	/** {@value #ALL_IN_ONE} (one-sided coupling + ActNorm + permutation) or {@value #GLOW} (both halves). */
	public String blockType = ALL_IN_ONE;
	public int blocks = 8;
	/** 128 keeps per-pixel posteriors of whole images within a minute on 2 cores; 256 for harder problems. */
	public int subnetWidth = 128;
	/** Hidden layers per subnet. */
	public int subnetDepth = 2;
	public double clamp = 2.0;
	/** Learned Householder reflections per block (0 = fixed permutation only). */
	public int householder = 0;
	/** GLOW blocks only: an ActNorm before each coupling (all-in-one blocks always have one). */
	public boolean actNorm = true;
	/** Seeds the initial weights and the permutations. */
	public long seed = 1;

	/** Dimensions the couplings see: targets plus padding. */
	public int dimension() {
		return targets + padding;
	}

	/** A padded architecture for {@code targets} dimensions: at least 2 dimensions in all. */
	public static InnArchitecture forTargets(final int targets, final int conditions) {
		final InnArchitecture a = new InnArchitecture();
		a.targets = targets;
		a.padding = Math.max(0, 2 - targets);
		a.conditions = conditions;
		if (conditions == 0) a.conditionFeatures = 0;
		a.ranges = new double[targets][];
		return a;
	}

	public InnArchitecture validate() {
		if (targets < 1) throw new IllegalArgumentException("architecture: targets must be >= 1");
		if (padding < 0 || dimension() < 2)
			throw new IllegalArgumentException("architecture: targets + padding must be >= 2 (pad a one-dimensional target)");
		if (ranges != null && ranges.length != targets)
			throw new IllegalArgumentException("architecture: " + ranges.length + " ranges for " + targets + " targets");
		if (ranges != null) for (final double[] r : ranges)
			if (r != null && (r.length != 2 || !(r[0] < r[1])))
				throw new IllegalArgumentException("architecture: a range must be {lower, upper} with lower < upper, got " + Arrays.toString(r));
		if (conditions < 0 || conditionFeatures < 0) throw new IllegalArgumentException("architecture: negative condition size");
		if (!GLOW.equals(blockType) && !ALL_IN_ONE.equals(blockType))
			throw new IllegalArgumentException("architecture: block type must be '" + ALL_IN_ONE + "' or '" + GLOW + "', got '" + blockType + "'");
		if (blocks < 1 || subnetWidth < 1 || subnetDepth < 1 || householder < 0 || !(clamp > 0))
			throw new IllegalArgumentException("architecture: blocks, subnet width/depth must be >= 1, clamp > 0, householder >= 0");
		return this;
	}

	public JsonObject toJson() {
		return ModelCard.gson().toJsonTree(this).getAsJsonObject();
	}

	public static InnArchitecture fromJson(final JsonObject json, final String where) {
		final InnArchitecture a;
		try {
			a = ModelCard.gson().fromJson(json, InnArchitecture.class);
		}
		catch (final RuntimeException e) {
			throw new IllegalArgumentException(where + ": 'architecture' is not an InnSight INN architecture: " + e.getMessage(), e);
		}
		try {
			return a.validate();
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
		}
	}
}
