package org.innsight.posterior;

import java.util.Locale;

/**
 * How many pixels (or table rows) were estimated, and why the others were not: outside the user's mask,
 * excluded by a flag (e.g. out-of-distribution), a non-finite band (NaN, infinity), an all-zero spectrum, or
 * a band at or above the saturation level. Each skipped pixel is counted under the first reason that applies, in
 * that order.
 */
public record MaskCounts(long total, long estimated, long outsideMask, long excluded, long nonFinite, long zero, long saturated) {

	public long skipped() {
		return total - estimated;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%d of %d estimated; skipped: %d outside the mask, %d excluded, %d non-finite, %d zero, %d saturated",
			estimated, total, outsideMask, excluded, nonFinite, zero, saturated);
	}
}
