package org.innsight.posterior;

import java.util.concurrent.atomic.AtomicLongArray;

/** Decides which spectra are estimated and counts the reasons for those that are not (see {@link MaskCounts}). Thread-safe. */
final class PixelScreen {

	static final int ESTIMATED = 0, OUTSIDE_MASK = 1, EXCLUDED = 2, NON_FINITE = 3, ZERO = 4, SATURATED = 5;

	private final double saturation;
	private final AtomicLongArray counts = new AtomicLongArray(6);

	PixelScreen(final double saturation) {
		this.saturation = saturation;
	}

	/** The reason code of a spectrum {@code v[from .. from + n)} that the masks let through. */
	int check(final float[] v, final int from, final int n) {
		boolean allZero = true, saturated = false;
		for (int i = from; i < from + n; i++) {
			final float x = v[i];
			if (!Float.isFinite(x)) return NON_FINITE;
			if (x != 0) allZero = false;
			if (x >= saturation) saturated = true;
		}
		return allZero ? ZERO : saturated ? SATURATED : ESTIMATED;
	}

	void count(final int reason) {
		counts.incrementAndGet(reason);
	}

	void add(final int reason, final long n) {
		counts.addAndGet(reason, n);
	}

	MaskCounts counts() {
		long total = 0;
		for (int i = 0; i < counts.length(); i++) total += counts.get(i);
		return new MaskCounts(total, counts.get(ESTIMATED), counts.get(OUTSIDE_MASK), counts.get(EXCLUDED), counts.get(NON_FINITE),
			counts.get(ZERO), counts.get(SATURATED));
	}
}
