package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import picocli.CommandLine;

/** Exit codes and error lines of the command line, and what info, macro and demo write. */
class InnSightCliTest {

	/** What one CLI run printed and returned. */
	private static final class Run {
		final int exit;
		final String out;
		final String err;

		Run(final int exit, final String out, final String err) {
			this.exit = exit;
			this.out = out;
			this.err = err;
		}

		List<String> errLines() {
			return err.lines().collect(Collectors.toList());
		}
	}

	private static synchronized Run cli(final String... args) {
		final PrintStream out = System.out;
		final PrintStream err = System.err;
		final ByteArrayOutputStream o = new ByteArrayOutputStream();
		final ByteArrayOutputStream e = new ByteArrayOutputStream();
		System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
		try {
			final int exit = InnSightCli.run(args);
			return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
	}

	@Test
	void versionAndHelpOfEverySubcommandSucceed() {
		final Run version = cli("--version");
		assertEquals(0, version.exit);
		assertTrue(version.out.startsWith("InnSight "), version.out);
		for (final var sub : new CommandLine(new InnSightCli()).getSubcommands().entrySet()) { // names and aliases (ood-intensity)
			final Run help = cli(sub.getKey(), "--help");
			assertEquals(0, help.exit, sub.getKey());
			assertTrue(help.out.startsWith("Usage: innsight " + sub.getValue().getCommandName()), help.out);
		}
		assertEquals(List.of("info", "demo", "macro"), List.copyOf(new CommandLine(new InnSightCli()).getSubcommands()
			.keySet()).subList(0, 3));
	}

	@Test
	void aBadDeviceIsAOneLineUsageError() {
		final Run r = cli("--device", "tpu", "info");
		assertEquals(2, r.exit);
		assertEquals(List.of("innsight: error: unknown device 'tpu'; use auto, cpu, gpu or gpu:N (see innsight --help)"),
			r.errLines());
	}

	@Test
	void anAbsentGpuIsAOneLineError() {
		final Run r = cli("info", "--device", "gpu:7");
		assertEquals(1, r.exit);
		assertEquals(1, r.errLines().size(), r.err);
		assertTrue(r.err.startsWith("innsight info: error: device gpu:7 was asked for, but the PyTorch engine reports"),
			r.err);
	}

	@Test
	void noSubcommandOrAnUnknownOneIsAUsageError() {
		assertEquals(2, cli().exit);
		final Run r = cli("frobnicate");
		assertEquals(2, r.exit);
		assertTrue(r.errLines().get(0).startsWith("innsight: error: Unmatched argument at index 0: 'frobnicate'"), r.err);
	}

	@Test
	void infoListsTheModelFoldersWithACard(@TempDir final Path models) throws Exception {
		final ModelCard card = new ModelCard();
		card.name = "toy";
		card.kind = "posterior-cinn";
		card.version = "1.2";
		card.inputs.names = List.of("band_520", "band_540");
		card.outputs.add(ModelCard.Output.of("sO2", "1", new double[] { 0, 1 }));
		card.training.command = "innsight train-posterior --seed 7";
		card.training.seed = 7L;
		card.training.dataSha256 = ModelFolder.sha256(new byte[] { 1 });
		ModelFolder.save(models.resolve("b-model"), card, java.util.Map.of("weights.bin", o -> o.write(new byte[] { 1,
			2 })), false);
		Files.createDirectories(models.resolve("a-broken"));
		Files.writeString(models.resolve("a-broken/model.json"), "{ not json");
		Files.createDirectories(models.resolve("no-card"));
		final Run r = cli("info", "--device", "cpu", "--models", models.toString());
		assertEquals(0, r.exit, r.err);
		assertTrue(r.out.contains("engine:  PyTorch "), r.out);
		assertTrue(r.out.contains("device:  cpu -> cpu()"), r.out);
		assertTrue(r.out.contains("models:  2 in " + models), r.out);
		final List<String> lines = r.out.lines().collect(Collectors.toList());
		assertTrue(lines.get(lines.size() - 2).startsWith("  a-broken  BROKEN: model card "), r.out);
		assertEquals("  b-model  posterior-cinn v1.2  in: 2 out: sO2", lines.get(lines.size() - 1));
	}

	@Test
	void aMissingMacroFileIsAOneLineError(@TempDir final Path dir) {
		final Run r = cli("macro", dir.resolve("nope.ijm").toString());
		assertEquals(1, r.exit);
		assertEquals(List.of("innsight macro: error: macro file not found: " + dir.resolve("nope.ijm")), r.errLines());
	}

	@Test
	void aFailingMacroNamesFileAndLineOnOneLine(@TempDir final Path dir) throws Exception {
		final Path macro = dir.resolve("bad.ijm");
		Files.writeString(macro, "print(\"first\");\nrun(\"Spectral Normalise\", \"norm=L2\");\n");
		final Run r = cli("macro", macro.toString());
		assertEquals(1, r.exit);
		assertEquals("first\n", r.out);
		assertEquals(List.of("innsight macro: error: bad.ijm:2: Spectral Normalise: no image is open for 'image'; " +
			"open one or give image=[title]"), r.errLines());
	}

	@Test
	void aMacroGetsItsArgumentAndPrintsToStandardOutput(@TempDir final Path dir) throws Exception {
		final Path macro = dir.resolve("hello.ijm");
		Files.writeString(macro, "print(\"hello \" + getArgument());");
		final Run r = cli("macro", macro.toString(), "world");
		assertEquals(0, r.exit, r.err);
		assertEquals("hello world\n", r.out);
	}

	@Test
	void demoWritesEveryStepsOutputsAndAnIndex(@TempDir final Path tmp) throws Exception {
		final Path samples = Files.createDirectories(tmp.resolve("samples/spectral"));
		final ImageStack stack = new ImageStack(2, 1);
		stack.addSlice("520nm", new FloatProcessor(2, 1, new float[] { 3, 2 }));
		stack.addSlice("560nm", new FloatProcessor(2, 1, new float[] { 4, 0 }));
		new FileSaver(new ImagePlus("cube", stack)).saveAsTiff(samples.resolve("cube.tif").toString());
		final byte[] sampleBytes = Files.readAllBytes(samples.resolve("cube.tif"));
		final Path out = tmp.resolve("results");
		// the DALSA step reads the MR phantom of the shipped sample data
		final Path mr = Files.createDirectories(tmp.resolve("samples/mr"));
		try (Stream<Path> files = Files.list(org.innsight.macro.Macros.repo().resolve("sample-data/mr"))) {
			for (final Path f : files.collect(Collectors.toList())) Files.copy(f, mr.resolve(f.getFileName()));
		}

		// the network capabilities' demo steps are tested with their own sample data in their packages
		final Run r = cli("--device", "cpu", "demo", "--out", out.toString(), "--samples", tmp.resolve("samples")
			.toString(), "--steps", "engine,macro,normalise,dalsa");
		assertEquals(0, r.exit, r.out + r.err);
		final String index = Files.readString(out.resolve("README.md"));
		for (final String step : new String[] { "engine", "macro", "normalise", "dalsa" })
			assertTrue(index.contains("| [" + step + "](#" + step + ") |") && index.contains("\n## " + step + "\n"), index);
		assertTrue(!index.contains("| skipped |") && !index.contains("| FAILED |"), index);
		assertTrue(Files.readString(out.resolve("engine/engine.txt")).contains("device:  cpu -> cpu()"));
		assertTrue(Files.isRegularFile(out.resolve("macro/spectrum_normalised.tif")));
		assertTrue(Files.isRegularFile(out.resolve("dalsa/labels.tif")) && index.contains("whole tumour 0.9"), index);
		final ImagePlus normalised = IJ.openImage(out.resolve("normalise/spectral_cube_normalised.tif").toString());
		assertEquals(0.6f, normalised.getStack().getProcessor(1).getf(0, 0), 1e-6);
		assertEquals(0.8f, normalised.getStack().getProcessor(2).getf(0, 0), 1e-6);
		assertEquals(1f, normalised.getStack().getProcessor(1).getf(1, 0), 1e-6);
		assertTrue(index.contains("[normalise/spectral_cube_normalised.tif](normalise/spectral_cube_normalised.tif)"),
			index);
		// inputs untouched, no temporary files left
		assertTrue(java.util.Arrays.equals(sampleBytes, Files.readAllBytes(samples.resolve("cube.tif"))));
		try (Stream<Path> files = Files.walk(out)) {
			assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".part")).collect(Collectors.toList()));
		}
	}

	@Test
	void demoBatchStepRunsTheExamplePipelineAndReportsTheBrokenScan(@TempDir final Path tmp) throws Exception {
		final Path out = tmp.resolve("results");
		final Run r = cli("--device", "cpu", "demo", "--out", out.toString(), "--steps", "batch");
		assertEquals(0, r.exit, r.out + r.err);
		final List<String> rows = Files.readAllLines(out.resolve("batch/results/summary.csv"));
		assertEquals(6, rows.size(), rows.toString());
		assertTrue(rows.get(1).startsWith("broken_three_bands.tif,failed,check,\"expected 16 bands, found 3"), rows.get(1));
		for (int i = 1; i <= 4; i++) {
			assertTrue(rows.get(i + 1).startsWith("crop" + i + ".tif,done,"), rows.get(i + 1));
			assertTrue(Files.isRegularFile(out.resolve("batch/results/crop" + i + ".sO2_median.tif")));
			assertTrue(Files.isRegularFile(out.resolve("batch/results/crop" + i + ".manifest.json")));
		}
		assertTrue(Files.readString(out.resolve("README.md")).contains("reported as intended: broken_three_bands.tif failed at check"));
	}

	@Test
	void demoWithoutSampleSpectraSkipsThatStepAndRejectsUnknownSteps(@TempDir final Path tmp) throws Exception {
		final Run r = cli("demo", "--out", tmp.resolve("r").toString(), "--samples", Files.createDirectories(tmp.resolve(
			"empty")).toString(), "--steps", "normalise");
		assertEquals(0, r.exit, r.err);
		assertTrue(r.out.contains("[1/1] normalise: skipped"), r.out);
		final Run bad = cli("demo", "--out", tmp.resolve("r").toString(), "--steps", "engine,warp");
		assertEquals(1, bad.exit);
		assertEquals(List.of("innsight demo: error: unknown demo step 'warp'; steps: engine, macro, normalise, dalsa, posterior, ood, transfer, mws, batch"), bad
			.errLines());
	}

	@Test
	void demoRefusesToWriteIntoTheSampleData(@TempDir final Path tmp) throws Exception {
		final Run r = cli("demo", "--samples", tmp.toString(), "--out", tmp.resolve("results").toString(), "--steps",
			"engine");
		assertEquals(1, r.exit);
		assertTrue(r.err.contains("must not be inside the sample data"), r.err);
	}
}
