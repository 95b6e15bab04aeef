package org.innsight.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.innsight.batch.StepOptions;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

class SettingsTest {

	static final Setting<Integer> SAMPLES = Setting.integer("samples", 100, 1, 100_000, "samples per pixel");
	static final Setting<Boolean> KEEP = Setting.flag("keepSamples", false, "keep samples").macroKey("sample_stack");
	static final Setting<Double> SATURATION = Setting.number("saturation", Double.NaN, 0, Double.NaN, "saturation").autoWord("auto");
	static final Setting<String> STATS = Setting.text("statistics", "median,IQR", "statistics").cliName("--stats");
	static final Setting<String> SCHEDULE = Setting.choice("schedule", "plateau", List.of("plateau", "step"), "decay");
	static final List<Setting<?>> ALL = List.of(SAMPLES, KEEP, SATURATION, STATS, SCHEDULE);

	@Test
	void namesFollowTheKeyUnlessGivenInEachFrontEnd() {
		assertEquals("--keep-samples", KEEP.cliName());
		assertEquals("sample_stack", KEEP.macroKey());
		assertEquals("--stats", STATS.cliName());
		assertEquals("statistics", STATS.macroKey());
		assertEquals("--samples", SAMPLES.cliName());
	}

	@Test
	void valuesStartAtTheirDefaultsAndAreCheckedAgainstTheirBounds() {
		final Settings s = Settings.defaults(ALL);
		assertEquals(100, s.get(SAMPLES));
		assertTrue(Double.isNaN(s.get(SATURATION)));
		assertEquals(List.of(), s.problems());
		final Settings bad = s.with(SAMPLES, 0).withValue(SATURATION, -1).with(SCHEDULE, "cosine");
		assertEquals(List.of("samples must be between 1 and 100000, not 0", "saturation must be at least 0, not -1",
			"schedule must be one of plateau, step, not 'cosine'"), bad.problems());
		assertEquals(100, s.get(SAMPLES), "immutable");
	}

	@Test
	void textAsTypedByAUserParsesOrSaysWhatIsWrong() {
		assertEquals(Double.NaN, SATURATION.parse("AUTO"));
		assertEquals("auto", SATURATION.format(Double.NaN));
		assertEquals("255", SATURATION.format(255.0));
		assertEquals("step", SCHEDULE.parse("Step"));
		assertEquals("samples: 'many' is not a whole number", assertThrows(IllegalArgumentException.class, () -> SAMPLES.parse("many")).getMessage());
		assertEquals(7, SAMPLES.convert(7L));
	}

	@Test
	void aPipelineReadsSettingsByKeyWithErrorsNamingStepAndOption() {
		final StepOptions o = new StepOptions("posterior", JsonParser.parseString("{\"samples\": 50, \"statistics\": [\"median\", \"sd\"], \"saturation\": \"auto\"}")
			.getAsJsonObject(), null);
		final Settings s = o.settings(ALL);
		assertEquals(50, s.get(SAMPLES));
		assertEquals("median,sd", s.get(STATS));
		assertEquals(List.of(), o.unknownKeys());
		final StepOptions bad = new StepOptions("posterior", JsonParser.parseString("{\"samples\": 0}").getAsJsonObject(), null);
		assertEquals("step \"posterior\": option \"samples\" must be between 1 and 100000, not 0",
			assertThrows(IllegalArgumentException.class, () -> bad.settings(ALL)).getMessage());
		final StepOptions half = new StepOptions("posterior", JsonParser.parseString("{\"samples\": 2.5}").getAsJsonObject(), null);
		assertEquals("step \"posterior\": option \"samples\" must be a whole number, got 2.5",
			assertThrows(IllegalArgumentException.class, () -> half.settings(ALL)).getMessage());
	}
}
