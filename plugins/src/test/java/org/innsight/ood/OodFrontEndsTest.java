package org.innsight.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.innsight.fiji.OodMapCommand;
import org.innsight.request.FrontEnds;
import org.junit.jupiter.api.Test;

/** The OOD options are the same, with the same defaults, in Fiji, the CLI and pipelines; the requests check them. */
class OodFrontEndsTest {

	@Test
	void mapsOfferTheSameOptionsEverywhere() {
		FrontEnds.of(OodRequest.SETTINGS).fiji(OodMapCommand.class).cli("ood").pipeline("ood").check();
	}

	@Test
	void trainingOffersEveryOptionOnTheCommandLine() {
		// training is a command-line task only: there is no Fiji command or pipeline step for it
		FrontEnds.of(TrainOodRequest.SETTINGS).cli("train-ood").check();
	}

	@Test
	void defaultTrainingRequestGivesTheTrainersDefaults() {
		// the model card records these options: a default request must record what OodTrainingOptions always did
		assertEquals(new OodTrainingOptions().toJson(), TrainOodRequest.defaults().options().toJson());
		assertEquals(List.of(), TrainOodRequest.defaults().validate());
		assertEquals(List.of(), OodRequest.defaults().validate());
	}

	@Test
	void invalidTrainingOptionsAreNamedWithTheirProblem() {
		final TrainOodRequest r = TrainOodRequest.defaults();
		assertEquals(List.of("members must be at least 1, not 0"), r.with(TrainOodRequest.MEMBERS, 0).validate().stream()
			.map(m -> m.replaceFirst("between 1 and \\d+", "at least 1")).toList());
		// open ends: the bounds of the setting include 0 and 1, the trainer does not
		final List<String> fpr = r.with(TrainOodRequest.FPR, 1.0).validate();
		assertTrue(fpr.size() == 1 && fpr.get(0).contains("false-positive rate must be in (0, 1)"), fpr.toString());
		assertTrue(r.with(TrainOodRequest.RESAMPLE, "often").validate().get(0).startsWith("resample must be one of subsample, bootstrap, none"));
		assertEquals("bootstrap", TrainOodRequest.RESAMPLE.parse("Bootstrap"));
	}
}
