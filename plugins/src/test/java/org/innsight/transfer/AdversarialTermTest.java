package org.innsight.transfer;

import static org.innsight.transfer.DomainConditions.SOURCE;
import static org.innsight.transfer.DomainConditions.TARGET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.innsight.engine.Device;
import org.junit.jupiter.api.Test;

/** The adversarial (LSGAN) term of the transfer, on the two 4-band Gaussian domains of {@link TinyTransfer}. */
class AdversarialTermTest {

	private static TransferTrainer.Trained train(final double adversarial) {
		final TransferSettings s = TinyTransfer.settings();
		s.maxEpochs = 6;
		s.adversarial = adversarial;
		return new TransferTrainer(s).train(TinyTransfer.source(1000, 1), TinyTransfer.target(1000, 2), null, null, 0, null, Device.parse("cpu"),
			null, null, null);
	}

	@Test
	void aShortAdversarialTrainingChangesTheWeightsAndKeepsTheRoundTripExact() {
		final TransferTrainer.Trained plain = train(0), adversarial = train(1);
		try (TransferModel p = plain.model(); TransferModel a = adversarial.model()) {
			assertNull(plain.adversarialLosses());
			final double[] losses = adversarial.adversarialLosses();
			assertNotNull(losses);
			// least squares: 0.25 each where the discriminators cannot tell the domains apart, 0 / 1 at the extremes
			assertTrue(losses[0] > 0 && losses[0] < 1, "generator term " + losses[0]);
			assertTrue(losses[1] > 0 && losses[1] < 0.5, "discriminator loss " + losses[1]);
			final int n = 4000;
			final float[] xs = a.normalise(TinyTransfer.source(n, 21), SOURCE), xt = a.normalise(TinyTransfer.target(n, 22), TARGET);
			final float[] moved = a.transferNormalised(xs, n, SOURCE, TARGET, null);
			final double apart = TransferValidation.maxAbs(moved, p.transferNormalised(xs, n, SOURCE, TARGET, null), 4);
			assertTrue(apart > 1e-3, "the term changed the transfer: max difference " + apart);
			final double back = TransferValidation.maxAbs(a.transferNormalised(moved, n, TARGET, SOURCE, null), xs, 4);
			final double backT = TransferValidation.maxAbs(a.transferNormalised(a.transferNormalised(xt, n, TARGET, SOURCE, null), n, SOURCE, TARGET, null), xt, 4);
			assertTrue(back <= 1e-4, "source round trip " + back);
			assertTrue(backT <= 1e-4, "target round trip " + backT);
			assertTrue(TransferValidation.maxAbs(moved, xs, 4) > 0.5, "the network is not the identity");
		}
	}

	@Test
	void theWeightMustBeFiniteAndNotNegative() {
		final TransferSettings s = new TransferSettings();
		s.adversarial = -0.1;
		assertThrows(IllegalArgumentException.class, s::validate);
		s.adversarial = Double.POSITIVE_INFINITY;
		assertThrows(IllegalArgumentException.class, s::validate);
		assertEquals(java.util.List.of("adversarial must be at least 0, not -1"),
			TrainTransferRequest.defaults().with(TrainTransferRequest.ADVERSARIAL, -1.0).validate());
		assertEquals(0.5, TrainTransferRequest.defaults().with(TrainTransferRequest.ADVERSARIAL, 0.5).trainer().adversarial);
	}
}
