package org.innsight.ood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** AUROC, FPR at a TPR and the calibrated threshold, against cases worked out by hand. */
class RocTest {

	@Test
	void aurocCountsPairsWithTiesAsHalf() {
		// negatives {1, 2, 3}, positives {2, 4}: pairs (p > n): 4 beats all 3, 2 beats 1 and ties 2 -> (3 + 1 + 0.5) / 6
		assertEquals(4.5 / 6, new Roc(new float[] { 3, 1, 2 }, new float[] { 4, 2 }).auroc(), 1e-12);
		assertEquals(1.0, new Roc(new float[] { 0, 1 }, new float[] { 2, 3 }).auroc(), 1e-12);
		assertEquals(0.0, new Roc(new float[] { 2, 3 }, new float[] { 0, 1 }).auroc(), 1e-12);
		assertEquals(0.5, new Roc(new float[] { 1, 1, 1 }, new float[] { 1, 1 }).auroc(), 1e-12);
		// negatives {1, 2, 2, 5}, positives {2, 3}: 2 -> 1 + 0.5*2 = 2; 3 -> 3; total 5 of 8
		assertEquals(5.0 / 8, new Roc(new float[] { 5, 2, 1, 2 }, new float[] { 3, 2 }).auroc(), 1e-12);
	}

	@Test
	void aurocIsTheMannWhitneyUOfTheRankSumsAndTheAreaUnderTheCurve() {
		// negatives {0.1, 0.4, 0.4, 0.8}, positives {0.35, 0.4, 0.9}. Pooled midranks: 0.1 -> 1, 0.35 -> 2, 0.4 (x3) -> 4,
		// 0.8 -> 6, 0.9 -> 7. Positives' rank sum R = 2 + 4 + 7 = 13; U = R - n(n + 1)/2 = 13 - 6 = 7; AUROC = U / (3 * 4).
		final Roc roc = new Roc(new float[] { 0.1f, 0.4f, 0.4f, 0.8f }, new float[] { 0.35f, 0.4f, 0.9f });
		assertEquals(7.0 / 12, roc.auroc(), 1e-12);
		// the trapezoids under the ROC points give the same area (a tie is a diagonal step, which counts one half)
		final double[][] c = roc.curve();
		double area = 0;
		for (int i = 1; i < c.length; i++) area += (c[i][0] - c[i - 1][0]) * 0.5 * (c[i][1] + c[i - 1][1]);
		assertEquals(7.0 / 12, area, 1e-12);
	}

	@Test
	void infiniteAndNaNScoresRankHighest() {
		// NaN counts as +infinity: the OOD row with NaN beats 0 and 1 and ties with the +inf row; -1 beats none
		assertEquals(2.5 / 6, new Roc(new float[] { 0, 1, Float.POSITIVE_INFINITY }, new float[] { Float.NaN, -1 }).auroc(), 1e-12);
	}

	@Test
	void fprAt95TprUsesTheThresholdThatKeeps95PercentOfPositives() {
		// 20 positives 1..20: 95% TPR keeps 19 of them, threshold 2 (flag score >= 2)
		final float[] pos = new float[20];
		for (int i = 0; i < 20; i++) pos[i] = i + 1;
		// negatives 0.5, 1.5, 2, 2.5: at threshold 2, the scores 2 and 2.5 are flagged -> 2 of 4
		final Roc roc = new Roc(new float[] { 0.5f, 1.5f, 2f, 2.5f }, pos);
		assertEquals(0.5, roc.fprAtTpr(0.95), 1e-12);
		// 100% TPR: threshold 1 -> negatives >= 1: 1.5, 2, 2.5
		assertEquals(0.75, roc.fprAtTpr(1.0), 1e-12);
		// 50% TPR: 10 positives kept, threshold 11 -> none
		assertEquals(0.0, roc.fprAtTpr(0.5), 1e-12);
		assertThrows(IllegalArgumentException.class, () -> roc.fprAtTpr(0));
	}

	@Test
	void thresholdAtFprIsTheEmpiricalQuantileOfTheCalibrationScores() {
		final float[] s = new float[100];
		for (int i = 0; i < 100; i++) s[i] = 99 - i; // 0..99 shuffled order does not matter
		// 5% FPR: rank ceil(0.95 * 100) = 95 -> the 95th smallest = 94; scores > 94 are 95..99: exactly 5
		assertEquals(94, Roc.thresholdAtFpr(s, 0.05), 0);
		assertEquals(0.05, new Roc(s, new float[] { 0 }).falsePositiveRate(94), 1e-12);
		// 10 scores, 5%: rank ceil(9.5) = 10 -> the largest: nothing is flagged (at most 5% of 10 = 0.5 rows)
		assertEquals(9, Roc.thresholdAtFpr(new float[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 0.05), 0);
		assertEquals(7, Roc.thresholdAtFpr(new float[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 0.2), 0);
	}

	@Test
	void ratesAtAThresholdCountStrictlyHigherScores() {
		final Roc roc = new Roc(new float[] { 1, 2, 3, 4 }, new float[] { 3, 5, Float.NaN });
		assertEquals(0.25, roc.falsePositiveRate(3), 1e-12);
		assertEquals(2 / 3.0, roc.truePositiveRate(3), 1e-12);
	}

	@Test
	void curveRunsFromOriginToOneOneThroughEachDistinctScore() {
		final Roc roc = new Roc(new float[] { 1, 2 }, new float[] { 2, 3 });
		final double[][] c = roc.curve();
		assertArrayEquals(new double[] { 0, 0 }, c[0]);
		assertArrayEquals(new double[] { 0, 0.5 }, c[1]); // threshold 3
		assertArrayEquals(new double[] { 0.5, 1 }, c[2]); // threshold 2
		assertArrayEquals(new double[] { 1, 1 }, c[3]); // threshold 1
		assertEquals(4, c.length);
	}
}
