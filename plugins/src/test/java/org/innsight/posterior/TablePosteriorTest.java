package org.innsight.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.innsight.io.Table;
import org.junit.jupiter.api.Test;

class TablePosteriorTest {

	private static Table observations(final boolean withIds) {
		final float[][] cols = { { 0.1f, 0.2f, Float.NaN, 0.6f }, { 0.2f, 0.3f, 0.1f, 0.7f }, { 0.3f, 0.4f, 0.1f, 0.8f }, { 40, 41, 42, 43 } };
		return new Table(List.of("band_0", "band_1", "band_2", withIds ? "row_id" : "other"), cols, null, "obs.csv");
	}

	@Test
	void everyRowGetsItsIdSummariesAndSamples() {
		final PosteriorOptions o = new PosteriorOptions();
		o.samples = 300;
		o.keepSamples = true;
		o.statistics = List.of(Statistic.MEDIAN, Statistic.IQR, Statistic.MODES);
		final TablePosterior.Result r = TablePosterior.run(observations(true), List.of("band_0", "band_1", "band_2"), new KnownPosterior(500, 600, 700),
			o, null);
		final Table t = r.table();
		assertEquals(1 + 2 * 3 + 2 * 300, t.columnCount());
		assertEquals(List.of("row_id", "level_median", "level_IQR", "level_modes", "split_median", "split_IQR", "split_modes", "level_sample_000"),
			t.columns().subList(0, 8));
		assertEquals("split_sample_299", t.columns().get(t.columnCount() - 1));
		assertEquals(List.of(40f, 41f, 42f, 43f), toList(t.column("row_id")));
		assertEquals(0.2, t.column("level_median")[0], 0.02);
		assertEquals(0.7, t.column("level_median")[3], 0.02);
		assertEquals(2, t.column("split_modes")[3], 0); // band_0 > 0.5: two modes
		assertEquals(1, t.column("split_modes")[0], 0);
		assertTrue(Float.isNaN(t.column("level_median")[2]) && Float.isNaN(t.column("level_sample_000")[2]), "the NaN row is not estimated");
		assertEquals(3, r.counts().estimated());
		assertEquals(1, r.counts().nonFinite());
		// the summaries are those of the written samples
		final float[] s = new float[300];
		for (int k = 0; k < 300; k++) s[k] = t.column(String.format("level_sample_%03d", k))[1];
		Arrays.sort(s);
		assertEquals(0.5 * (s[149] + s[150]), t.column("level_median")[1], 1e-6);
		assertEquals(300, t.header().get("samples_per_row").getAsInt());
	}

	@Test
	void withoutAnIdColumnRowsAreNumberedFromZero() {
		final PosteriorOptions o = new PosteriorOptions();
		o.samples = 10;
		final Table t = TablePosterior.run(observations(false), List.of("band_0", "band_1", "band_2"), new KnownPosterior(500, 600, 700), o, null).table();
		assertEquals(List.of(0f, 1f, 2f, 3f), toList(t.column("row_id")));
		assertTrue(!t.hasColumn("level_sample_0"), "samples are written only when asked for");
	}

	private static List<Float> toList(final float[] v) {
		final Float[] a = new Float[v.length];
		for (int i = 0; i < v.length; i++) a[i] = v[i];
		return Arrays.asList(a);
	}
}
