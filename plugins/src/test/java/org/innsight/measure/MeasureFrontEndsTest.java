package org.innsight.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.innsight.fiji.MeasureRegionsCommand;
import org.innsight.request.FrontEnds;
import org.junit.jupiter.api.Test;

/** The measurement options are the same, with the same defaults, in Fiji, the CLI and pipelines. */
class MeasureFrontEndsTest {

	@Test
	void measureOffersTheSameOptionsEverywhere() {
		FrontEnds.of(MeasureRequest.SETTINGS).fiji(MeasureRegionsCommand.class).cli("measure").pipeline("measure").check();
		assertEquals(List.of(), MeasureRequest.defaults().validate());
		assertEquals("ci90", MeasureRequest.defaults().intervalName());
		assertEquals("ci95", MeasureRequest.defaults().with(MeasureRequest.INTERVAL, 0.95).intervalName());
		assertEquals("ci87_5", MeasureRequest.defaults().with(MeasureRequest.INTERVAL, 0.875).intervalName());
	}
}
