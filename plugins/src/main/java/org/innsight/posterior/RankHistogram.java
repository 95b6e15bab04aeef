package org.innsight.posterior;

/**
 * The simulation-based-calibration (SBC) rank histogram: ranks 0..L of the true values among L posterior
 * samples, in equal bins. A calibrated model gives a flat histogram; a U shape means overconfident posteriors,
 * a hump underconfident ones, a slope a bias. The chi-square statistic against the flat histogram summarises it
 * (its expectation is bins - 1 when calibrated).
 *
 * @param counts posteriors per bin
 * @param samples L, the posterior samples per truth
 */
public record RankHistogram(long[] counts, int samples) {

	/** Bins ranks 0..samples into {@code bins} bins of (nearly) equal width: rank r goes to floor(r * bins / (L + 1)). */
	public static RankHistogram of(final int[] ranks, final int count, final int samples, final int bins) {
		if (bins < 1 || bins > samples + 1)
			throw new IllegalArgumentException("a rank histogram of " + samples + " samples needs 1 to " + (samples + 1) + " bins, not " + bins);
		final long[] counts = new long[bins];
		for (int i = 0; i < count; i++) {
			final int r = ranks[i];
			if (r < 0 || r > samples) throw new IllegalArgumentException("rank " + r + " outside 0.." + samples);
			counts[(int) ((long) r * bins / (samples + 1))]++;
		}
		return new RankHistogram(counts, samples);
	}

	public long total() {
		long n = 0;
		for (final long c : counts) n += c;
		return n;
	}

	/** The count a flat histogram has in bin {@code b}: its share of the L + 1 possible ranks. */
	public double expected(final int b) {
		final int bins = counts.length;
		final long first = ceilDiv((long) b * (samples + 1), bins), next = ceilDiv((long) (b + 1) * (samples + 1), bins);
		return total() * (double) (next - first) / (samples + 1);
	}

	/** Pearson's chi-square against the flat histogram. */
	public double chiSquare() {
		double chi = 0;
		for (int b = 0; b < counts.length; b++) {
			final double e = expected(b);
			if (e > 0) chi += (counts[b] - e) * (counts[b] - e) / e;
		}
		return chi;
	}

	private static long ceilDiv(final long a, final long b) {
		return -Math.floorDiv(-a, b);
	}
}
