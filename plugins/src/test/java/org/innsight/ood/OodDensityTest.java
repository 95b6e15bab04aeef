package org.innsight.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.engine.ModelCard;
import org.innsight.inn.InnArchitecture;
import org.innsight.inn.InvertibleNetwork;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDManager;

/**
 * The log-density an OOD member reports is a density of the spectra in their own units: the standardisation's
 * Jacobian (-sum log sd) is included. Checked exactly on untrained networks, which are the identity apart from
 * the standardisation and a permutation: log p(x) must be the log-density of N(mean, diag(sd^2)).
 */
class OodDensityTest {

	static final double[] MEAN = { 0.3, -2, 10, 0.05 }, SD = { 0.01, 3, 50, 0.2 };

	/** An ensemble of untrained members with the given standardisation, as {@link OodModel} sees it. */
	static OodModel untrained(final NDManager root, final int members, final String normalisation, final double[] mean, final double[] sd) {
		return untrained(root, members, normalisation, mean, sd, null);
	}

	static OodModel untrained(final NDManager root, final int members, final String normalisation, final double[] mean, final double[] sd,
		final double[] wavelengthsNm)
	{
		return untrained(root, members, normalisation, mean, sd, wavelengthsNm, null);
	}

	/** As above, the card with {@code details.intensity} when {@code intensity} is not null. */
	static OodModel untrained(final NDManager root, final int members, final String normalisation, final double[] mean, final double[] sd,
		final double[] wavelengthsNm, final IntensityScore intensity)
	{
		return untrained(root, members, normalisation, mean, sd, wavelengthsNm, intensity, null);
	}

	/** As above, the card also with {@code details.highlight} when {@code highlight} is not null. */
	static OodModel untrained(final NDManager root, final int members, final String normalisation, final double[] mean, final double[] sd,
		final double[] wavelengthsNm, final IntensityScore intensity, final HighlightScore highlight)
	{
		return untrained(root, members, normalisation, mean, sd, wavelengthsNm, intensity, highlight, c -> {});
	}

	/** As above, the card changed by {@code edit} last. */
	static OodModel untrained(final NDManager root, final int members, final String normalisation, final double[] mean, final double[] sd,
		final double[] wavelengthsNm, final IntensityScore intensity, final HighlightScore highlight, final java.util.function.Consumer<ModelCard> edit)
	{
		final int d = mean.length;
		final List<InvertibleNetwork> nets = new ArrayList<>();
		for (int k = 0; k < members; k++) {
			final InnArchitecture arch = InnArchitecture.forTargets(d, 0);
			arch.blocks = 2;
			arch.subnetWidth = 8;
			arch.seed = 100 + k;
			final InvertibleNetwork net = InvertibleNetwork.create(arch, root);
			final Map<String, float[]> w = net.parameters().snapshot();
			final float[] m = w.get("targets.mean"), s = w.get("targets.sd");
			for (int j = 0; j < d; j++) {
				m[j] = (float) mean[j];
				s[j] = (float) sd[j];
			}
			net.parameters().restore(w, "test statistics");
			nets.add(net);
		}
		final ModelCard card = new ModelCard();
		card.name = "untrained";
		card.kind = OodModel.KIND;
		card.version = "1";
		for (int j = 0; j < d; j++) card.inputs.names.add("band_" + j);
		card.inputs.normalisation.kind = normalisation;
		card.inputs.wavelengthsNm = wavelengthsNm;
		card.details.addProperty("threshold", 0.0);
		if (intensity != null) card.details.add(IntensityScore.DETAILS, intensity.toJson());
		if (highlight != null) card.details.add(HighlightScore.DETAILS, highlight.toJson());
		edit.accept(card);
		return new OodModel(card, nets, null);
	}

	static double gaussianLogDensity(final float[] x, final int row, final double[] mean, final double[] sd) {
		double lp = 0;
		for (int j = 0; j < mean.length; j++) {
			final double u = (x[row * mean.length + j] - mean[j]) / sd[j];
			lp += -0.5 * u * u - 0.5 * Math.log(2 * Math.PI) - Math.log(sd[j]);
		}
		return lp;
	}

	@Test
	void untrainedMembersGiveTheStandardisedGaussianDensityIncludingTheJacobian() {
		try (NDManager root = Engines.newManager(Device.CPU); OodModel model = untrained(root, 3, "none", MEAN, SD)) {
			final int rows = 200, d = MEAN.length;
			final SplittableRandom r = new SplittableRandom(7);
			final float[] x = new float[rows * d];
			for (int i = 0; i < rows; i++)
				for (int j = 0; j < d; j++) x[i * d + j] = (float) (MEAN[j] + SD[j] * 2 * r.nextGaussian());
			final double[][] logP = model.memberLogDensities(x, rows);
			for (int k = 0; k < 3; k++)
				for (int i = 0; i < rows; i++) {
					final double expected = gaussianLogDensity(x, i, MEAN, SD);
					assertEquals(expected, logP[k][i], 1e-4 * Math.max(1, Math.abs(expected)), "member " + k + " row " + i);
				}
			// identical members: no spread, and the score is the negative log-density per band
			final Waic.Scores s = model.evaluate(x, rows);
			assertEquals(0, s.spread()[5], 1e-3);
			assertEquals(-gaussianLogDensity(x, 5, MEAN, SD) / d, s.score()[5], 1e-4);
		}
	}

	@Test
	void spectraAreNormalisedLikeTheTrainingCameraBeforeScoring() {
		final double[] mean = { 0.5, 0.5 }, sd = { 0.1, 0.1 };
		try (NDManager root = Engines.newManager(Device.CPU); OodModel model = untrained(root, 1, "l1", mean, sd)) {
			// (2, 6) -> L1 -> (0.25, 0.75); the same spectrum at any brightness scores the same
			final double[][] logP = model.memberLogDensities(new float[] { 2, 6, 0.25f, 0.75f, 20, 60 }, 3);
			final double expected = gaussianLogDensity(new float[] { 0.25f, 0.75f }, 0, mean, sd);
			for (int i = 0; i < 3; i++) assertEquals(expected, logP[0][i], 1e-4);
		}
	}

	@Test
	void spectraWithNonFiniteValuesAreFlaggedWithoutReachingTheNetworks() {
		try (NDManager root = Engines.newManager(Device.CPU); OodModel model = untrained(root, 2, "none", MEAN, SD)) {
			final float[] x = { 0.3f, -2, 10, 0.05f, 0.3f, Float.NaN, 10, 0.05f, Float.POSITIVE_INFINITY, -2, 10, 0.05f };
			final float[] score = model.score(x, 3);
			assertTrue(Float.isFinite(score[0]));
			assertEquals(Float.POSITIVE_INFINITY, score[1]);
			assertEquals(Float.POSITIVE_INFINITY, score[2]);
			assertTrue(model.isOutOfDistribution(score[1]) && model.isOutOfDistribution(Float.NaN));
		}
	}
}
