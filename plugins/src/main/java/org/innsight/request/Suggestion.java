package org.innsight.request;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean ...?" for a name that is not one of the known names: the closest known one, if close enough. */
public final class Suggestion {

	private Suggestion() {}

	/**
	 * {@code did you mean "convert"?} for the known name closest to {@code wanted} (case ignored; at most a
	 * third of its letters changed, inserted or removed, at least one), or null when none is that close.
	 */
	public static String didYouMean(final String wanted, final Collection<String> known) {
		final String w = wanted.toLowerCase(Locale.ROOT);
		String best = null;
		int bestDistance = Math.max(1, w.length() / 3) + 1;
		for (final String k : known) {
			final int d = distance(w, k.toLowerCase(Locale.ROOT));
			if (d < bestDistance) {
				best = k;
				bestDistance = d;
			}
		}
		return best == null ? null : "did you mean \"" + best + "\"?";
	}

	/**
	 * Edits that turn {@code a} into {@code b}: change, insert or remove one character, or swap two neighbours
	 * ({@code bnads} -> {@code bands} is one edit); the optimal string alignment distance.
	 */
	static int distance(final String a, final String b) {
		final int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++)
			d[i][0] = i;
		for (int j = 0; j <= b.length(); j++)
			d[0][j] = j;
		for (int i = 1; i <= a.length(); i++)
			for (int j = 1; j <= b.length(); j++) {
				final int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j], d[i][j - 1]) + 1, d[i - 1][j - 1] + change);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
			}
		return d[a.length()][b.length()];
	}
}
