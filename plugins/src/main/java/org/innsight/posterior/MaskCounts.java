package org.innsight.posterior;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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

	/**
	 * The counts by name, in this order: the total under {@code totalName}, then {@code estimated},
	 * {@code outside_mask}, {@code excluded}, {@code non_finite}, {@code zero}, {@code saturated}. The total is
	 * {@code total} in {@code posterior.json}'s {@code pixels} object and {@code pixels} among a pipeline step's
	 * statistics (as the other steps name their pixel counts).
	 */
	public Map<String, Long> statistics(final String totalName) {
		final Map<String, Long> m = new LinkedHashMap<>();
		m.put(totalName, total);
		m.put("estimated", estimated);
		m.put("outside_mask", outsideMask);
		m.put("excluded", excluded);
		m.put("non_finite", nonFinite);
		m.put("zero", zero);
		m.put("saturated", saturated);
		return m;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%d of %d estimated; skipped: %d outside the mask, %d excluded, %d non-finite, %d zero, %d saturated",
			estimated, total, outsideMask, excluded, nonFinite, zero, saturated);
	}
}
