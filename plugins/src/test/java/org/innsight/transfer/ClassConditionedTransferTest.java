package org.innsight.transfer;

import static org.innsight.transfer.DomainConditions.SOURCE;
import static org.innsight.transfer.DomainConditions.TARGET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.innsight.engine.Device;
import org.innsight.engine.ModelCard;
import org.innsight.image.SpectralImage;
import org.innsight.io.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.imglib2.img.array.ArrayImgs;

/** The optional tissue-class one-hot in the condition: needed at transfer time, kept in the card, refused for images. */
class ClassConditionedTransferTest {

	private static int[] classes(final int n) {
		final int[] c = new int[n];
		for (int i = 0; i < n; i++) c[i] = i % 3;
		return c;
	}

	@Test
	void aClassConditionedModelNeedsTheClassOfEverySpectrum(@TempDir final Path dir) throws Exception {
		final TransferSettings s = TinyTransfer.settings();
		s.maxEpochs = 2;
		s.blocks = 2;
		s.subnetWidth = 16;
		final Spectra src = TinyTransfer.source(300, 1), tgt = TinyTransfer.target(300, 2);
		try (TransferModel m = new TransferTrainer(s).train(src, tgt, classes(300), classes(300), 3, "tissue", Device.parse("cpu"), null, null,
			null).model())
		{
			assertEquals(5, m.conditions().columns());
			final Spectra few = TinyTransfer.source(6, 3);
			final float[] a = m.transfer(few, SOURCE, TARGET, new int[] { 0, 0, 0, 0, 0, 0 });
			final float[] b = m.transfer(few, SOURCE, TARGET, new int[] { 2, 2, 2, 2, 2, 2 });
			assertFalse(java.util.Arrays.equals(a, b), "the class enters the transfer");
			assertThrows(IllegalArgumentException.class, () -> m.transfer(few, SOURCE, TARGET, null));
			assertThrows(IllegalArgumentException.class, () -> m.transfer(few, SOURCE, TARGET, new int[] { 0, 1, 2, 3, 0, 0 }));

			// tables bring the class column named in the card
			final float[][] cols = new float[5][6];
			for (int r = 0; r < 6; r++) {
				cols[0][r] = 2;
				for (int j = 0; j < 4; j++) cols[1 + j][r] = few.values()[r * 4 + j];
			}
			final Table t = new Table(List.of("tissue", "band_0", "band_1", "band_2", "band_3"), cols, null, "classes.csv");
			final Table out = DomainTransfer.transferTable(m, t, null, SOURCE, TARGET, "m");
			assertEquals(b[4], out.column("band_0")[1]);

			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DomainTransfer.transferImage(m,
				new SpectralImage("img", ArrayImgs.floats(2, 2, 4), null, null), SOURCE, TARGET, null));
			assertTrue(e.getMessage().contains("conditioned on tissue classes ('tissue')"), e.getMessage());

			// validation takes each row's class from the model's class column, in both tables
			final float[][] vs = new float[6][300], vt = new float[6][300];
			final Spectra hs = TinyTransfer.source(300, 7), ht = TinyTransfer.target(300, 8);
			for (int r = 0; r < 300; r++) {
				vs[0][r] = vt[0][r] = r % 3;
				vs[1][r] = vt[1][r] = (r % 10) / 10f;
				for (int j = 0; j < 4; j++) {
					vs[2 + j][r] = hs.values()[r * 4 + j];
					vt[2 + j][r] = ht.values()[r * 4 + j];
				}
			}
			final List<String> names = List.of("tissue", "sO2", "band_0", "band_1", "band_2", "band_3");
			final TransferValidation.Options o = new TransferValidation.Options();
			o.trees = 5;
			o.mmdRows = 100;
			final TransferValidation.Report rep = TransferValidation.run(m, new Table(names, vs, null, "s.csv"), new Table(names, vt, null, "t.csv"), o, null);
			assertTrue(rep.roundTripMaxError() <= 1e-4, "round trip " + rep.roundTripMaxError());
			assertTrue(rep.hasDownstream());
			assertFalse(rep.classMixMatched());
			assertTrue(rep.accuracyClassStandardised() >= 0 && rep.accuracyClassStandardised() <= 1, "per-class baseline " + rep.accuracyClassStandardised());
			o.matchClassMix = true;
			final TransferValidation.Report matched = TransferValidation.run(m, new Table(names, vs, null, "s.csv"), new Table(names, vt, null, "t.csv"), o,
				null);
			assertTrue(matched.classMixMatched());
			assertTrue(matched.lines().stream().anyMatch(l -> l.contains("weighted to the target's tissue-class mixture")));
			assertEquals(rep.accuracyTargetTrained(), matched.accuracyTargetTrained(), "the target-trained forest is not weighted");
			o.matchClassMix = false;
			// an ensemble (here the same model twice): the baselines are the first model's, the forest learns from both copies
			final TransferValidation.Report twice = TransferValidation.run(List.of(m, m), new Table(names, vs, null, "s.csv"), new Table(names, vt, null, "t.csv"),
				o, null);
			assertEquals(2, twice.ensembleSize());
			assertEquals(rep.roundTripMaxError(), twice.roundTripMaxError());
			assertEquals(rep.accuracyStandardisedOnly(), twice.accuracyStandardisedOnly());
			assertEquals(rep.accuracyClassStandardised(), twice.accuracyClassStandardised());
			assertEquals(rep.accuracyTargetTrained(), twice.accuracyTargetTrained());
			assertEquals(rep.mmdStandardisedOnly(), twice.mmdStandardisedOnly());
			assertTrue(twice.lines().stream().anyMatch(l -> l.contains("every source row transferred by each of 2 models")));
			final List<String> noClass = List.of("kind", "sO2", "band_0", "band_1", "band_2", "band_3");
			final IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> TransferValidation.run(m,
				new Table(names, vs, null, "s.csv"), new Table(noClass, vt, null, "t.csv"), o, null));
			assertEquals("t.csv has no tissue class column 'tissue'; this transfer is conditioned on 3 tissue classes and needs each row's class",
				v.getMessage());

			final ModelCard card = new ModelCard();
			card.name = "classes";
			card.training.command = "test";
			card.training.seed = 1L;
			card.training.dataSha256 = ModelCard.UNKNOWN_SHA256;
			m.save(dir.resolve("m"), card, false);
			try (TransferModel loaded = TransferModel.load(dir.resolve("m"), Device.parse("cpu"))) {
				assertEquals("tissue", loaded.classColumn());
				assertEquals(3, loaded.conditions().classes());
				assertArrayEquals(b, loaded.transfer(few, SOURCE, TARGET, new int[] { 2, 2, 2, 2, 2, 2 }));
			}
		}
	}

	@Test
	void classesForOnlyOneDomainAreRefused() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TransferTrainer(TinyTransfer.settings()).train(
			TinyTransfer.source(10, 1), TinyTransfer.target(10, 2), classes(10), null, 3, "tissue", Device.parse("cpu"), null, null, null));
		assertEquals("tissue classes must be given for both domains or for neither", e.getMessage());
	}

	@Test
	void classMixWeightsAreTheRatioOfTheTargetsClassSharesToTheSources() {
		// source 1/3 each (2 rows per class), target 1/6, 2/6, 3/6
		final float[] w = DownstreamTask.classMixWeights(new int[] { 0, 0, 1, 1, 2, 2 }, new int[] { 0, 1, 1, 2, 2, 2 }, 3);
		assertArrayEquals(new float[] { 0.5f, 0.5f, 1f, 1f, 1.5f, 1.5f }, w, 1e-6f);
		// a class the target lacks gets weight 0; one the source lacks cannot be matched
		assertArrayEquals(new float[] { 0f, 4f / 3, 4f / 3, 4f / 3 }, DownstreamTask.classMixWeights(new int[] { 0, 1, 1, 1 }, new int[] { 1 }, 2), 1e-6f);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> DownstreamTask.classMixWeights(new int[] { 0, 0 }, new int[] { 0, 1 }, 2));
		assertEquals("tissue class 1 is in the target but not in the source table: its share cannot be matched", e.getMessage());
	}

	@Test
	void theClassStandardisedBaselineMapsEachClassOntoTheTargetsBandStatistics() {
		// class 0: source rows (0.6, 0.8) and (0.8, 0.6) (means 0.7, sds 0.1414) onto target rows (1, 0) and (0, 1) (means 0.5,
		// sds 0.7071): (0.6, 0.8) -> (0, 1) and (0.8, 0.6) -> (1, 0); class 1 has only one target row: left NaN
		final float[] src = { 0.6f, 0.8f, 0.8f, 0.6f, 1, 0 }, tgt = { 1, 0, 0, 1, 0.6f, 0.8f };
		final float[] out = DownstreamTask.classStandardised(src, new int[] { 0, 0, 1 }, tgt, new int[] { 0, 0, 1 }, 2, 2);
		assertArrayEquals(new float[] { 0, 1, 1, 0 }, java.util.Arrays.copyOf(out, 4), 1e-5f);
		assertTrue(Float.isNaN(out[4]) && Float.isNaN(out[5]));
	}

	@Test
	void rowWeightsDecideBetweenContradictingLabels() {
		// the same spectrum labelled sO2 bin 0 (rows 0-49) and bin 2 (rows 50-99): the weights decide what the forest learns
		final DownstreamTask d = DownstreamTask.so2Thirds(10, 1, 1);
		final int n = 100;
		final float[] rows = new float[n * 2];
		final int[] cls = new int[n];
		final float[] first = new float[n], second = new float[n];
		for (int i = 0; i < n; i++) {
			rows[2 * i] = 0.3f + (i % 5) * 1e-3f;
			rows[2 * i + 1] = 0.7f;
			cls[i] = i < 50 ? 0 : 2;
			first[i] = i < 50 ? 1 : 0;
			second[i] = i < 50 ? 0 : 1;
		}
		final float[] probe = { 0.302f, 0.7f };
		assertEquals(1.0, d.balancedAccuracy(d.train(rows, 2, cls, first), probe, 2, new int[] { 0 }));
		assertEquals(1.0, d.balancedAccuracy(d.train(rows, 2, cls, second), probe, 2, new int[] { 2 }));
		assertThrows(IllegalArgumentException.class, () -> d.train(rows, 2, cls, new float[3]));
	}

	@Test
	void aComparisonOverSeedsChecksIssue22sTargetsOnTheMeans() {
		final List<TransferValidation.Report> reports = List.of(report(0.50, 0.66, 0.68), report(0.52, 0.67, 0.68), report(0.51, 0.65, 0.69));
		final TransferComparison c = TransferComparison.of(reports);
		assertEquals(0.51, c.standardised().mean(), 1e-12);
		assertEquals(0.66, c.transferred().mean(), 1e-12);
		assertEquals(0.15, c.gain().mean(), 1e-12);
		assertEquals(0.02333333, c.gap().mean(), 1e-6);
		assertTrue(c.gainMet());
		assertFalse(c.gapMet());
		assertEquals("NOT all downstream targets met (on the means)", c.lines().get(c.lines().size() - 1));
		final TransferComparison close = TransferComparison.of(List.of(report(0.5, 0.67, 0.68), report(0.5, 0.66, 0.68)));
		assertTrue(close.meetsTargets(), close.lines().toString());
		assertTrue(close.transferred().toString().startsWith("+0.665  95% CI ["), close.transferred().toString());
	}

	private static TransferValidation.Report report(final double standardised, final double transferred, final double targetTrained) {
		return new TransferValidation.Report(2000, 1000, 1000, 0, 0, 1, 1000, 0.2, 0.2, 0.2, "sO2 in 3 bins", 0.3, standardised, transferred,
			targetTrained, false, Double.NaN, 1);
	}

	@Test
	void aSummaryOverSeedsIsTheMeanWithAStudentTInterval() {
		// 0.01..0.05: mean 0.03, sd sqrt(0.001 / 4) = 0.0158114, half width t(0.975, 4) 2.776 * 0.0158114 / sqrt(5) = 0.0196289
		final TransferValidation.Summary s = TransferValidation.Summary.of(new double[] { 0.01, 0.02, 0.03, 0.04, 0.05 });
		assertEquals(0.03, s.mean(), 1e-12);
		assertEquals(0.0158114, s.sd(), 1e-6);
		assertEquals(0.0196289, s.halfWidth(), 1e-6);
		assertEquals("+0.030  95% CI [+0.010, +0.050]  (sd 0.016, n 5)", s.toString());
		assertEquals(12.706, TransferValidation.t975(1));
		assertEquals(2.042, TransferValidation.t975(30));
		assertEquals(2.0, TransferValidation.t975(60), 0.001);
		assertTrue(Double.isNaN(TransferValidation.Summary.of(new double[] { 0.5 }).halfWidth()));
	}
}
