package org.innsight.transfer;

import static org.innsight.transfer.DomainConditions.SOURCE;
import static org.innsight.transfer.DomainConditions.TARGET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.innsight.engine.Device;
import org.innsight.engine.ModelCard;
import org.junit.jupiter.api.Test;

/** The tiny model of {@link TinyTransfer}, trained in the test run on two 4-band Gaussian domains. */
class TransferModelTest {

	@Test
	void transferredSourceHasTheTargetsMeansVariancesAndCorrelations() {
		final TransferModel m = TinyTransfer.model();
		final Spectra source = TinyTransfer.source(4000, 11), target = TinyTransfer.target(4000, 12);
		final float[] transferred = m.transfer(source, SOURCE, TARGET, null);
		final float[] targetL2 = TransferValidation.l2(target), sourceL2 = TransferValidation.l2(source);
		final double[][] got = TinyTransfer.moments(transferred, 4), want = TinyTransfer.moments(targetL2, 4), before = TinyTransfer.moments(sourceL2, 4);
		for (int j = 0; j < 4; j++) {
			// the domains' L2-normalised means differ by ~0.05 and sds are ~0.035: transfer must land within a tenth of an sd
			assertTrue(Math.abs(before[0][j] - want[0][j]) > 0.02, "band " + j + " means already agree before transfer");
			assertEquals(want[0][j], got[0][j], 0.1 * want[1][j], "mean of band " + j);
			assertEquals(want[1][j], got[1][j], 0.1 * want[1][j], "sd of band " + j);
		}
		// correlations: per-domain standardisation alone keeps the source's; the network has to supply the target's
		final float[] standardisedOnly = m.normalise(source, SOURCE);
		for (final int[] pair : new int[][] { { 0, 1 }, { 2, 3 } }) {
			final double t = TinyTransfer.correlation(targetL2, 4, pair[0], pair[1]);
			final double tr = TinyTransfer.correlation(transferred, 4, pair[0], pair[1]);
			final double id = TinyTransfer.correlation(standardisedOnly, 4, pair[0], pair[1]);
			assertTrue(Math.abs(t - id) > 0.5, "bands " + pair[0] + "," + pair[1] + ": target " + t + ", standardised source " + id);
			assertEquals(t, tr, 0.15, "correlation of bands " + pair[0] + "," + pair[1]);
		}
	}

	@Test
	void roundTripsAreExactInFloat32() {
		final TransferModel m = TinyTransfer.model();
		final Spectra source = TinyTransfer.source(10000, 21), target = TinyTransfer.target(10000, 22);
		final float[] xs = m.normalise(source, SOURCE);
		final float[] back = m.transferNormalised(m.transferNormalised(xs, 10000, SOURCE, TARGET, null), 10000, TARGET, SOURCE, null);
		assertTrue(TransferValidation.maxAbs(back, xs, 4) <= 1e-4, "source round trip " + TransferValidation.maxAbs(back, xs, 4));
		final float[] xt = m.normalise(target, TARGET);
		final float[] backT = m.transferNormalised(m.transferNormalised(xt, 10000, TARGET, SOURCE, null), 10000, SOURCE, TARGET, null);
		assertTrue(TransferValidation.maxAbs(backT, xt, 4) <= 1e-4, "target round trip " + TransferValidation.maxAbs(backT, xt, 4));
		// and the network is not the identity, which would make the above trivial
		assertTrue(TransferValidation.maxAbs(m.transferNormalised(xs, 10000, SOURCE, TARGET, null), xs, 4) > 0.5);
	}

	@Test
	void aSavedModelLoadsAndTransfersTheSameValues() throws Exception {
		final Spectra s = TinyTransfer.source(100, 31);
		final float[] expected = TinyTransfer.model().transfer(s, SOURCE, TARGET, null);
		try (TransferModel loaded = TransferModel.load(TinyTransfer.folder(), Device.parse("cpu"))) {
			assertArrayEquals(expected, loaded.transfer(s, SOURCE, TARGET, null));
			assertArrayEquals(TinyTransfer.TARGET_NM, loaded.wavelengthsNm(TARGET));
			assertArrayEquals(TinyTransfer.model().normalisation(SOURCE).mean(), loaded.normalisation(SOURCE).mean());
			final ModelCard card = loaded.card();
			assertEquals(TransferModel.KIND, card.kind);
			assertEquals("tiny-transfer", card.name);
			assertEquals("l2+standardise", card.details.getAsJsonArray("domains").get(1).getAsJsonObject().getAsJsonObject("normalisation")
				.get("kind").getAsString());
		}
	}

	@Test
	void unusableSpectraStayNaNAndWrongBandCountsAreRefused() {
		final TransferModel m = TinyTransfer.model();
		final Spectra s = new Spectra(new float[] { 10, 12, 9, 11, 0, 0, 0, 0, Float.NaN, 1, 1, 1 }, 4, null, "mixed");
		final float[] y = m.transfer(s, SOURCE, TARGET, null);
		double norm = 0;
		for (int j = 0; j < 4; j++) norm += y[j] * y[j];
		assertEquals(1, Math.sqrt(norm), 0.01, "a transferred spectrum is (close to) unit length");
		for (int j = 4; j < 12; j++) assertTrue(Float.isNaN(y[j]), "value " + j);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> m.transfer(new Spectra(new float[6], 3, null, "three.csv"), SOURCE, TARGET, null));
		assertEquals("three.csv has 3 bands, but the transfer model expects 4 bands", e.getMessage());
	}
}
