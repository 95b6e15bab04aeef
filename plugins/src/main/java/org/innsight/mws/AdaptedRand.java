package org.innsight.mws;

import java.util.Arrays;

/**
 * The adapted Rand error of CREMI and elf ({@code elf.evaluation.rand_index}): 1 - F-score of the Rand
 * precision and recall computed from the contingency table of a segmentation against a reference.
 * <p>
 * With n_ij the pixels of reference segment i and segmentation segment j, a_i = sum_j n_ij and
 * b_j = sum_i n_ij: precision = sum n_ij^2 / sum b_j^2, recall = sum n_ij^2 / sum a_i^2, error = 1 - 2 pr / (p + r).
 * <b>Background</b>: pixels labelled 0 in the reference are ignored (as CREMI ignores unlabelled ground truth);
 * pixels labelled 0 in the segmentation count as one segment each (singletons), as in CREMI. Identical
 * segmentations up to renumbering give 0; with no labelled reference pixel the error is 0.
 */
public final class AdaptedRand {

	/** The adapted Rand error with its parts. */
	public static final class Result {
		public final double error, precision, recall;

		Result(final double error, final double precision, final double recall) {
			this.error = error;
			this.precision = precision;
			this.recall = recall;
		}

		@Override
		public String toString() {
			return String.format(java.util.Locale.ROOT, "adapted Rand error %.6f (precision %.6f, recall %.6f)", error, precision, recall);
		}
	}

	private AdaptedRand() {}

	/** Error of {@code segmentation} against {@code reference}; labels >= 0, same length. */
	public static Result of(final int[] segmentation, final int[] reference) {
		if (segmentation.length != reference.length)
			throw new IllegalArgumentException("segmentation has " + segmentation.length + " pixels, the reference " + reference.length);
		final long[] pairs = new long[segmentation.length];
		int n = 0;
		long singletons = 0;
		for (int p = 0; p < segmentation.length; p++) {
			final int r = reference[p], s = segmentation[p];
			if (r < 0 || s < 0) throw new IllegalArgumentException("labels must be >= 0, got " + (r < 0 ? r : s) + " at pixel " + p);
			if (r == 0) continue;
			if (s == 0) singletons++;
			pairs[n++] = (long) r << 32 | s;
		}
		if (n == 0) return new Result(0, 1, 1);
		// sum n_ij^2 and sum a_i^2 from the pairs sorted by (reference, segmentation)
		Arrays.sort(pairs, 0, n);
		double sumAB = 0, sumA = 0;
		for (int i = 0; i < n;) {
			int j = i;
			long rowTotal = 0;
			while (j < n && pairs[j] >>> 32 == pairs[i] >>> 32) {
				int k = j;
				while (k < n && pairs[k] == pairs[j]) k++;
				final long c = k - j;
				if ((int) pairs[j] != 0) sumAB += (double) c * c;
				rowTotal += c;
				j = k;
			}
			sumA += (double) rowTotal * rowTotal;
			i = j;
		}
		sumAB += singletons;
		// sum b_j^2 over segmentation labels (within labelled reference pixels)
		final long[] seg = new long[n];
		for (int i = 0; i < n; i++) seg[i] = (int) pairs[i];
		Arrays.sort(seg);
		double sumB = singletons;
		for (int i = 0; i < n;) {
			int j = i;
			while (j < n && seg[j] == seg[i]) j++;
			if (seg[i] != 0) sumB += (double) (j - i) * (j - i);
			i = j;
		}
		final double precision = sumAB / sumB, recall = sumAB / sumA;
		final double f = 2 * precision * recall / (precision + recall);
		return new Result(1 - f, precision, recall);
	}
}
