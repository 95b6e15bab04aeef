package org.innsight.inn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.innsight.fiji.TrainPosteriorModelCommand;
import org.innsight.request.FrontEnds;
import org.junit.jupiter.api.Test;

/** Train Posterior Model and {@code innsight train-posterior} offer the request's settings with its defaults (no pipeline trains). */
class TrainPosteriorFrontEndsTest {

	@Test
	void fijiAndTheCliOfferTheRequestsSettingsWithItsDefaults() {
		FrontEnds.of(TrainPosteriorRequest.SETTINGS).fiji(TrainPosteriorModelCommand.class).cli("train-posterior").check();
	}

	@Test
	void theDefaultsAreTheTrainersAndTheArchitecturesOwn() {
		final TrainPosteriorRequest r = TrainPosteriorRequest.defaults();
		assertEquals(List.of(), r.validate());
		assertEquals(new TrainingOptions().toJson(), r.trainingOptions().toJson());
		final InnArchitecture a = r.architecture(), plain = new InnArchitecture();
		assertEquals(List.of(plain.blockType, plain.blocks, plain.subnetWidth, plain.subnetDepth, plain.conditionFeatures, plain.householder, plain.clamp),
			List.of(a.blockType, a.blocks, a.subnetWidth, a.subnetDepth, a.conditionFeatures, a.householder, a.clamp));
		assertEquals(List.of("lr must be above 0", "validationFraction must be below 1"),
			r.with(TrainPosteriorRequest.LR, 0.0).with(TrainPosteriorRequest.VALIDATION_FRACTION, 1.0).validate());
	}
}
