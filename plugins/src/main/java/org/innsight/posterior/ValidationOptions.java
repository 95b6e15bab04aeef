package org.innsight.posterior;

import java.util.ArrayList;
import java.util.List;

/** Settings of {@link Validation}. Public fields with defaults. */
public final class ValidationOptions {

	/** Posterior samples per held-out observation (L of the rank statistics). */
	public int samples = 500;
	public long seed = 1;
	/** Use at most this many rows (after filtering; 0 = all), the first ones in table order. */
	public int maxRows = 0;
	/** Only rows meeting every condition are validated. */
	public List<RowFilter> where = new ArrayList<>();
	/** Also report figures per bin of this column (e.g. depth), or null. */
	public String groupBy;
	/** Equal-width bins of {@link #groupBy} between its smallest and largest value. */
	public int bins = 5;
	/** Posterior samples per observation pushed back through the forward model (0 = no re-simulation). */
	public int resimulate = 16;
	public int rankBins = ValidationMetrics.DEFAULT_RANK_BINS;

	public ValidationOptions validate() {
		if (samples < 2) throw new IllegalArgumentException("validation needs >= 2 samples per observation, not " + samples);
		if (maxRows < 0 || bins < 1 || resimulate < 0 || rankBins < 1) throw new IllegalArgumentException("rows, bins, re-simulation and rank bins must not be negative");
		if (resimulate > samples) throw new IllegalArgumentException("cannot re-simulate " + resimulate + " of " + samples + " samples");
		return this;
	}
}
