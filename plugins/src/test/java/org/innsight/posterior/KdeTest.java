package org.innsight.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class KdeTest {

	@Test
	void silvermanBandwidthUsesTheSmallerOfSdAndIqrOver134() {
		final float[] v = { 1, 2, 3, 4, 5 };
		// sd = sqrt(2.5) = 1.581; IQR = 4 - 2 = 2 -> 2/1.34 = 1.493; h = 0.9 * 1.493 * 5^-0.2
		assertEquals(0.9 * (2 / 1.34) * Math.pow(5, -0.2), Kde.silvermanBandwidth(v, 5), 1e-9);
		assertEquals(0, Kde.silvermanBandwidth(new float[] { 3, 3, 3 }, 3), 0);
	}

	@Test
	void binnedDensityMatchesTheDirectSumAndIntegratesToOne() {
		final float[] v = Gaussians.normal(new SplittableRandom(3), 200, 2, 0.5);
		Arrays.sort(v);
		final Kde kde = new Kde(256);
		final Kde.Curve c = kde.curve(v, v.length);
		final double h = c.bandwidth();
		double integral = 0, max = 0, worst = 0;
		for (int i = 0; i < c.x().length; i++) {
			double direct = 0;
			for (final float s : v) {
				final double u = (c.x()[i] - s) / h;
				direct += Math.exp(-0.5 * u * u);
			}
			direct /= v.length * h * Math.sqrt(2 * Math.PI);
			max = Math.max(max, direct);
			worst = Math.max(worst, Math.abs(direct - c.density()[i]));
			integral += c.density()[i];
		}
		integral *= c.x()[1] - c.x()[0];
		assertEquals(1, integral, 0.005);
		assertTrue(worst < 0.01 * max, "binned KDE differs from the direct sum by " + worst + " (peak " + max + ")");
	}

	@Test
	void equalValuesHaveNoDensityCurve() {
		assertNull(new Kde(16).curve(new float[] { 1, 1, 1, 1 }, 4));
	}
}
