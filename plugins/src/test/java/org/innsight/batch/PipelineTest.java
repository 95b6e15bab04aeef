package org.innsight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipeline files: parsing, early validation with clear messages, and a hash that ignores formatting only. */
class PipelineTest {

	@TempDir
	Path tmp;

	private static String planError(final String json) {
		return assertThrows(IllegalArgumentException.class, () -> Plan.of(Pipeline.parse(json, null), StepRegistry.standard())).getMessage();
	}

	@Test
	void aListAndAnObjectWithStepsAreTheSamePipeline() {
		final Pipeline list = Pipeline.parse("[{\"step\": \"statistics\"}, {\"step\": \"normalise\", \"options\": {\"method\": \"zscore\"}}]", null);
		final Pipeline object = Pipeline.parse("{\"description\": \"qc\", \"steps\": [{\"step\": \"statistics\"}, " +
			"{\"options\": {\"method\": \"zscore\"}, \"step\": \"normalise\"}]}", null);
		assertEquals(list.sha256(), object.sha256());
		assertEquals("statistics -> normalise", list.toString());
		assertEquals("qc", object.description());
	}

	@Test
	void theHashIgnoresKeyOrderWhitespaceAndNumberSpellingButNotValues() {
		final String a = Pipeline.parse("[{\"step\":\"normalise\",\"options\":{\"low\":1,\"high\":99}}]", null).sha256();
		final String b = Pipeline.parse("[ {\"options\": {\"high\": 99.0, \"low\": 1.00},\n \"step\": \"normalise\"} ]", null).sha256();
		final String c = Pipeline.parse("[{\"step\":\"normalise\",\"options\":{\"low\":2,\"high\":99}}]", null).sha256();
		final String d = Pipeline.parse("[{\"step\":\"normalise\",\"options\":{\"low\":1,\"high\":99},\"save\":false}]", null).sha256();
		assertEquals(a, b);
		assertNotEquals(a, c);
		assertNotEquals(a, d);
		assertEquals(64, a.length());
	}

	@Test
	void anExportedPipelineReadsBackTheSame() throws IOException {
		final Pipeline p = Pipeline.parse(SyntheticScans.PIPELINE_JSON, null);
		final Path file = tmp.resolve("exported.json");
		Files.writeString(file, p.toJson());
		final Pipeline back = Pipeline.read(file);
		assertEquals(p.sha256(), back.sha256());
		assertEquals(p.steps().get(3).as(), back.steps().get(3).as());
		assertEquals(tmp.toAbsolutePath(), back.baseFolder());
	}

	@Test
	void malformedFilesAreRejectedWithTheReason() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Pipeline.parse("[{\"step\": ", null)).getMessage().startsWith("not valid JSON"));
		assertEquals("the pipeline has no steps", assertThrows(IllegalArgumentException.class, () -> Pipeline.parse("[]", null)).getMessage());
		assertEquals("step 1: \"step\" (the step's name) is missing",
			assertThrows(IllegalArgumentException.class, () -> Pipeline.parse("[{\"options\": {}}]", null)).getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Pipeline.parse("[{\"step\": \"x\", \"option\": {}}]", null)).getMessage()
			.startsWith("step 1: unknown key \"option\""));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Pipeline.parse("{\"stpes\": []}", null)).getMessage()
			.startsWith("unknown key \"stpes\""));
		assertEquals("step 1: \"save\" must be true or false",
			assertThrows(IllegalArgumentException.class, () -> Pipeline.parse("[{\"step\": \"x\", \"save\": \"no\"}]", null)).getMessage());
	}

	@Test
	void pipelineFileProblemsNameTheFileAndSayWhatToDo() throws IOException {
		final Path missing = tmp.resolve("missing.json");
		assertEquals("pipeline file not found: " + missing + " (give the path of a pipeline .json file; examples are in pipelines/)",
			assertThrows(java.io.FileNotFoundException.class, () -> Pipeline.read(missing)).getMessage());
		final Path latin1 = tmp.resolve("latin1.json");
		Files.write(latin1, "[{\"step\": \"stat\u00e9\"}]".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
		assertEquals("pipeline " + latin1 + ": not UTF-8: byte 15 (line 1) is 0xE9, which UTF-8 text cannot hold there (the file was saved as " +
			"Latin-1 or Windows-1252?); a pipeline must be UTF-8 JSON; save it as UTF-8",
			assertThrows(IllegalArgumentException.class, () -> Pipeline.read(latin1)).getMessage());
		final Path twice = tmp.resolve("twice.json");
		Files.writeString(twice, "[{\"step\": \"convert\",\n  \"options\": {\"format\": \"tif\", \"format\": \"png\"}}]");
		assertEquals("pipeline " + twice + ": key \"format\" appears twice in the same object at line 2, column 32; a later one would " +
			"silently replace the first: keep one", assertThrows(IllegalArgumentException.class, () -> Pipeline.read(twice)).getMessage());
		final Path broken = tmp.resolve("broken.json");
		Files.writeString(broken, "[{\"step\": \"statistics\"},\n {\"step\": \"normalise\"\n]");
		assertEquals("pipeline " + broken + ": not valid JSON at line 3, column 1: an object {...} is not closed: a ',' or '}' is missing",
			assertThrows(IllegalArgumentException.class, () -> Pipeline.read(broken)).getMessage());
	}

	@Test
	void aMistypedStepNamesTheFileTheStepAndTheClosestKnownName() throws IOException {
		final String known = String.join(", ", StepRegistry.standard().all().stream().map(Step::name).sorted().toList());
		final Path p = tmp.resolve("typo.json");
		Files.writeString(p, "[{\"step\": \"statistics\"}, {\"step\": \"conver\"}]");
		assertEquals("pipeline " + p + ": step 2: unknown step \"conver\" (did you mean \"convert\"?); known steps: " + known,
			assertThrows(IllegalArgumentException.class, () -> Plan.of(Pipeline.read(p), StepRegistry.standard())).getMessage());
		Files.writeString(p, "[{\"step\": \"convert\", \"as\": \"a/b\"}]"); // was "step 1 1 (convert): ..."
		assertEquals("pipeline " + p + ": step 1 (convert): \"as\": output name \"a/b\" must be letters, digits, '_' or '-'",
			assertThrows(IllegalArgumentException.class, () -> Plan.of(Pipeline.read(p), StepRegistry.standard())).getMessage());
		Files.writeString(p, "[{\"step\": \"convert\", \"options\": {\"bitDepth\": 12}}]");
		assertEquals("pipeline " + p + ": step 1 (convert): option \"bitDepth\" must be 8, 16 or 32, got 12",
			assertThrows(IllegalArgumentException.class, () -> Plan.of(Pipeline.read(p), StepRegistry.standard())).getMessage());
	}

	@Test
	void anUnknownStepListsTheKnownOnes() {
		// the list grows as capabilities add steps: sorted names of every registered step
		final String known = String.join(", ", StepRegistry.standard().all().stream().map(Step::name).sorted().toList());
		assertEquals("step 2: unknown step \"sharpen\"; known steps: " + known,
			planError("[{\"step\": \"statistics\"}, {\"step\": \"sharpen\"}]"));
	}

	@Test
	void aMistypedOptionIsRejectedNotIgnored() {
		assertEquals("step 1 (check): unknown option bnads (did you mean \"bands\"?); known options: bitDepth, dimensions, bands, minBands, width, height, minSize, maxNonFinite",
			planError("[{\"step\": \"check\", \"options\": {\"bnads\": 16}}]"));
		assertEquals("step 1 (statistics): unknown option x; known options: percentiles",
			planError("[{\"step\": \"statistics\", \"options\": {\"x\": 1}}]"));
	}

	@Test
	void badOptionValuesNameTheStepAndOption() {
		assertEquals("step 1 (check): option \"bands\" must be a whole number, got 2.5",
			planError("[{\"step\": \"check\", \"options\": {\"bands\": 2.5}}]"));
		assertEquals("step 1 (normalise): option \"method\" must be one of minmax, zscore, percentile, got \"max\"",
			planError("[{\"step\": \"normalise\", \"options\": {\"method\": \"max\"}}]"));
		assertEquals("step 1 (normalise): option \"low\" must be below \"high\" (99.0 >= 1.0)",
			planError("[{\"step\": \"normalise\", \"options\": {\"low\": 99, \"high\": 1}}]"));
		assertEquals("step 1 (convert): option \"bitDepth\" must be 8 for png, got 16",
			planError("[{\"step\": \"convert\", \"options\": {\"format\": \"png\", \"bitDepth\": 16}}]"));
		assertEquals("step 1 (statistics): option \"percentiles\" must lie between 0 and 100, got 101.0",
			planError("[{\"step\": \"statistics\", \"options\": {\"percentiles\": [50, 101]}}]"));
	}

	@Test
	void outputsMustBeUniqueAndFromMustPointBackwards() {
		assertEquals("step 2 (normalise): a second output named \"normalised\"; give this step \"as\": \"another-name\"",
			planError("[{\"step\": \"normalise\"}, {\"step\": \"normalise\", \"options\": {\"method\": \"zscore\"}}]"));
		assertEquals("step 1 (convert): \"from\": \"normalised\" is neither \"input\" nor an output of an earlier step",
			planError("[{\"step\": \"convert\", \"from\": \"normalised\"}, {\"step\": \"normalise\"}]"));
		assertTrue(planError("[{\"step\": \"normalise\", \"as\": \"bad name\"}]").contains("must be letters, digits"));
	}

	@Test
	void aPlanKnowsItsSavedOutputsUnderTheirFinalNames() throws IOException {
		final Plan plan = Plan.of(Pipeline.parse("[{\"step\": \"normalise\", \"save\": false}, {\"step\": \"normalise\", \"as\": \"z\", " +
			"\"options\": {\"method\": \"zscore\"}, \"from\": \"input\"}, {\"step\": \"convert\", \"from\": \"normalised\", " +
			"\"options\": {\"format\": \"png\", \"plane\": 1}}]", null), StepRegistry.standard());
		assertEquals(List.of(new OutputSpec("z", "tif"), new OutputSpec("converted", "png")), plan.savedOutputs());
		assertEquals("z", plan.steps().get(1).label());
		assertTrue(plan.modelChecksums().isEmpty());
	}

	@Test
	void stepsAppendedOneByOneAsFijiExportsThemGiveTheSamePipelineAsTheFileWrittenByHand() {
		final Pipeline byHand = Pipeline.parse("{\"description\": \"qc\", \"steps\": [{\"step\": \"check\", \"options\": {\"bands\": 16}}, " +
			"{\"step\": \"normalise\", \"options\": {\"method\": \"zscore\"}, \"from\": \"input\", \"save\": false}]}", null);
		final Pipeline exported = new Pipeline(List.of(new Pipeline.Entry("check", Pipeline.options("{bands: 16}"), null, null, true)), "qc", null)
			.with(new Pipeline.Entry("normalise", Pipeline.options("{method: 'zscore'}"), "input", null, false));
		assertEquals(byHand.sha256(), exported.sha256());
		assertEquals(byHand.toJson(), exported.toJson());
		assertEquals(exported.sha256(), Pipeline.parse(exported.toJson(), null).sha256(), "the exported text reads back as the same pipeline");
		assertEquals(0, Pipeline.options("  ").size());
		final String m = assertThrows(IllegalArgumentException.class, () -> Pipeline.options("[1, 2]")).getMessage();
		assertEquals("options must be an object like {samples: 100}, got [1,2]", m);
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Pipeline.options("{model: ")).getMessage()
			.startsWith("options are not a JSON object like {model: 'msi-tissue-16band', samples: 100}: "));
	}
}
