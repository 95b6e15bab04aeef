package org.innsight.batch;

/** The pipeline the batch tests run over {@link SyntheticScans}. */
final class ScanFixtures {

	static final int BANDS = SyntheticScans.BANDS;

	private ScanFixtures() {}

	/** The pipeline the tests run: check, statistics, normalise (saved), convert to 16-bit (saved). */
	static Pipeline pipeline() {
		return Pipeline.parse(SyntheticScans.PIPELINE_JSON, null);
	}
}
