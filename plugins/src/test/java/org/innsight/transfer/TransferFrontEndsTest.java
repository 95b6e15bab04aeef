package org.innsight.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;

import org.innsight.fiji.DomainTransferCommand;
import org.innsight.request.FrontEnds;
import org.junit.jupiter.api.Test;

/** The Fiji command, {@code innsight transfer} / {@code train-transfer} and the pipeline step offer the same settings alike. */
class TransferFrontEndsTest {

	@Test
	void transferIsTheSameInEveryFrontEnd() {
		FrontEnds.of(TransferRequest.SETTINGS)
			// to: Fiji offers it as 'direction', in the words macros already use ([source to target], [target to source]),
			// checked below; bands: picks the band columns of a table, and Fiji transfers images only
			.fiji(DomainTransferCommand.class, "to", "bands")
			.cli("transfer")
			// bands: a pipeline transfers scans, whose bands are their channels
			.pipeline("transfer", "bands")
			.check();
	}

	@Test
	void fijisDefaultDirectionLeadsToTheRequestsDefaultDomain() throws Exception {
		final Field f = DomainTransferCommand.class.getDeclaredField("direction");
		f.setAccessible(true);
		final Object direction = f.get(new DomainTransferCommand());
		assertEquals(DomainTransferCommand.TO_TARGET, direction);
		assertEquals(DomainTransferCommand.direction(TransferRequest.TO.defaultValue()), direction);
		assertEquals(DomainConditions.TARGET, TransferRequest.defaults().to());
	}

	@Test
	void theRequestTakesTheDomainsSynonymsAndSaysWhatIsWrong() {
		assertEquals(DomainConditions.SOURCE, TransferRequest.defaults().with(TransferRequest.TO, "sim").to());
		assertEquals(DomainConditions.TARGET, TransferRequest.defaults().with(TransferRequest.TO, "sim").from());
		assertEquals(java.util.List.of("domain must be 'source' (sim) or 'target' (real), got 'up'"),
			TransferRequest.defaults().with(TransferRequest.TO, "up").validate());
		assertEquals(java.util.List.of("maxRows must be at least 0, not -1"),
			TrainTransferRequest.defaults().with(TrainTransferRequest.MAX_ROWS, -1).validate());
		assertEquals(java.util.List.of("lr must be greater than 0, not 0"), TrainTransferRequest.defaults().with(TrainTransferRequest.LR, 0.0).validate());
		assertEquals(java.util.List.of("label smoothing must be in [0, 0.5), got 0.5"),
			TrainTransferRequest.defaults().with(TrainTransferRequest.SMOOTHING, 0.5).validate());
	}

	@Test
	void trainTransferOffersEveryTrainingSetting() {
		FrontEnds.of(TrainTransferRequest.SETTINGS).cli("train-transfer").check();
	}
}
