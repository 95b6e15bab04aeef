package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;

import org.innsight.batch.Step;
import org.innsight.batch.StepRegistry;
import org.junit.jupiter.api.Test;
import org.scijava.plugin.Parameter;

/** The step choices Fiji offers are exactly the steps the batch knows. */
class AddPipelineStepCommandTest {

	@Test
	void theDialogOffersEveryRegisteredStepAndNoOther() throws NoSuchFieldException {
		final List<String> registered = StepRegistry.standard().all().stream().map(Step::name).sorted().toList();
		final Field step = AddPipelineStepCommand.class.getDeclaredField("step");
		final List<String> offered = Arrays.stream(step.getAnnotation(Parameter.class).choices()).sorted().toList();
		assertEquals(registered, offered);
	}
}
