package org.innsight.mws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LabelColorsTest {

	@Test
	void backgroundIsBlackAndTheOtherColoursAreDistinctAndFarApart() {
		final byte[][] lut = LabelColors.glasbey();
		assertEquals(0, lut[0][0] | lut[1][0] | lut[2][0]);
		final Set<Integer> seen = new HashSet<>();
		final double[][] lab = new double[256][];
		for (int i = 0; i < 256; i++) {
			final int r = lut[0][i] & 255, g = lut[1][i] & 255, b = lut[2][i] & 255;
			assertTrue(seen.add(r << 16 | g << 8 | b), "colour " + i + " repeats");
			assertTrue(r + g + b < 3 * 255, "white is not a label colour");
			lab[i] = LabelColors.lab(r, g, b);
		}
		// Greedy farthest-point choice: each colour's distance to all colours before it never grows along the table,
		// and every pair stays clearly apart (CIELAB distance > 10, several just-noticeable differences).
		double previous = Double.MAX_VALUE;
		for (int i = 1; i < 256; i++) {
			// white counts as chosen too: the table avoids it
			final double[] w = LabelColors.lab(255, 255, 255);
			double nearest = Math.sqrt(Math.pow(lab[i][0] - w[0], 2) + Math.pow(lab[i][1] - w[1], 2) + Math.pow(lab[i][2] - w[2], 2));
			for (int j = 0; j < i; j++) {
				final double dl = lab[i][0] - lab[j][0], da = lab[i][1] - lab[j][1], db = lab[i][2] - lab[j][2];
				nearest = Math.min(nearest, Math.sqrt(dl * dl + da * da + db * db));
			}
			assertTrue(nearest > 10, "colour " + i + " is only " + nearest + " from an earlier one");
			assertTrue(nearest <= previous + 1e-9, "colour " + i + " breaks the farthest-first order");
			previous = nearest;
		}
	}
}
