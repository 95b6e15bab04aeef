package org.innsight.batch.report;

/**
 * The viridis colour map (perceptually uniform, readable in grey print and by most colour-blind readers),
 * interpolated linearly between nine of its colours.
 */
final class Viridis {

	private static final int[][] STOPS = {
		{ 68, 1, 84 }, { 71, 44, 122 }, { 59, 81, 139 }, { 44, 113, 142 }, { 33, 144, 141 },
		{ 39, 173, 129 }, { 92, 200, 99 }, { 170, 220, 50 }, { 253, 231, 37 } };

	private Viridis() {}

	/** The colour of {@code t} in [0, 1] (clamped) as packed RGB. */
	static int rgb(final double t) {
		final double s = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
		final int i = Math.min(STOPS.length - 2, (int) s);
		final double f = s - i;
		int rgb = 0;
		for (int c = 0; c < 3; c++)
			rgb = (rgb << 8) | (int) Math.round(STOPS[i][c] + f * (STOPS[i + 1][c] - STOPS[i][c]));
		return rgb;
	}
}
