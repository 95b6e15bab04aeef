package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.innsight.batch.SyntheticScans;
import org.innsight.cli.InnSightCli;
import org.innsight.io.TableFiles;
import org.innsight.macro.Macros;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.io.Opener;

/**
 * Every macro in {@code macros/} and the README's headless {@code --run} lines in the real ImageJ2 runtime (see
 * {@link RealRuntimeIT}; skipped, with a message, without it), against {@code ./innsight macro} and
 * {@code ./innsight batch}: the same files, TIFF images identical in every pixel, tables identical but for timings.
 * <p>
 * The runtime costs about 10 s a start, so one Fiji JVM runs every macro (a driver macro calling
 * {@code runMacro(FILE, ARG)} for each, with the arguments their own tests give them), and a second one runs both
 * {@code --run} lines, as the README writes them, through {@code net.imagej.Main}.
 */
class EveryMacroInRealRuntimeIT {

	@TempDir
	static Path dir;
	/** Macro name -> its argument, without out=[...]. */
	private static final Map<String, String> ARGUMENTS = new LinkedHashMap<>();
	private static Path fijiOut, cliOut, scans, pipeline;
	private static String fijiLog, runLog;
	private static int fijiStatus, runStatus;
	private static final Map<String, Integer> cliStatus = new LinkedHashMap<>();
	private static String absent;

	private static void assumeRuntime() {
		assumeTrue(absent == null, absent);
	}

	@BeforeAll
	static void runEveryMacroInFijiAndInTheCommandLine() throws Exception {
		final Path runtime = RealRuntimeIT.runtime();
		if (!Files.isRegularFile(runtime.resolve("run-macro.sh"))) {
			absent = "skipped: no ImageJ2 runtime at " + runtime + " (CI has it at ../shared/imagej2 beside the checkout; " +
				"elsewhere set -Dinnsight.imagej2=DIR)";
			System.err.println("EveryMacroInRealRuntimeIT " + absent);
			return;
		}
		final long start = System.nanoTime();
		final Path app = TestInstall.install(dir.resolve("Fiji.app"));
		scans = dir.resolve("scans");
		writeScans(scans);
		final String image = Macros.repo().resolve("sample-data/msi/image.tif").toString();
		// the arguments of each macro's own test (OodMacroTest, PosteriorMacroTest, BatchMacroTest, ...)
		ARGUMENTS.put("info_and_normalise.ijm", "");
		ARGUMENTS.put("dalsa.ijm", "");
		ARGUMENTS.put("mws.ijm", "");
		ARGUMENTS.put("transfer.ijm", "");
		ARGUMENTS.put("ood.ijm", "image=[" + image + "]");
		ARGUMENTS.put("posterior.ijm", "image=[" + image + "] samples=32");
		ARGUMENTS.put("measure.ijm", "image=[" + image + "] samples=32");
		ARGUMENTS.put("unmix.ijm", "image=[" + image + "]");
		ARGUMENTS.put("batch.ijm", "in=[" + scans + "] samples=20");
		// as CSV (header kept): this test's ImageJ2 runtime is a minimal one without commons-lang3, which jhdf needs and
		// every Fiji ships (so the zip leaves it out); ValidationMacroTest runs the macro on the .h5 files themselves
		final Path sim = dir.resolve("sim_heldout.csv"), real = dir.resolve("real_heldout.csv");
		TableFiles.write(TableFiles.read(Macros.repo().resolve("sample-data/transfer/sim_heldout.h5")), sim);
		TableFiles.write(TableFiles.read(Macros.repo().resolve("sample-data/transfer/real_heldout.h5")), real);
		ARGUMENTS.put("validation.ijm", "table=[" + sim + "] ood_table=[" + real + "]");
		ARGUMENTS.put("batch_pipeline.ijm", "in=[" + scans + "] samples=8 jobs=2");
		final Set<String> shipped = new TreeSet<>();
		try (Stream<Path> s = Files.list(Macros.folder())) {
			s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ijm")).forEach(shipped::add);
		}
		assertEquals(shipped, new TreeSet<>(ARGUMENTS.keySet()), "a macro in macros/ that this test does not run, or gone");
		fijiOut = Files.createDirectories(dir.resolve("out-fiji"));
		cliOut = Files.createDirectories(dir.resolve("out-cli"));

		// One driver macro: runMacro per shipped macro, its images closed before the next, so none sees another's.
		final StringBuilder driver = new StringBuilder();
		for (final Map.Entry<String, String> m : ARGUMENTS.entrySet()) {
			final String argument = (m.getValue() + " out=[" + fijiOut.resolve(name(m.getKey())) + "]").trim();
			driver.append("t = getTime();\n")
				.append("runMacro(\"").append(Macros.file(m.getKey())).append("\", \"").append(argument).append("\");\n")
				.append("close(\"*\");\n")
				.append("print(\"ran ").append(m.getKey()).append(" in \" + (getTime() - t) + \" ms\");\n");
		}
		final Path macro = dir.resolve("every_macro.ijm");
		Files.writeString(macro, driver);
		final Path work = Files.createDirectories(dir.resolve("elsewhere"));
		final ProcessBuilder fiji = new ProcessBuilder("bash", runtime.resolve("run-macro.sh").toString(), app.toString(),
			macro.toString());
		final Process p = start(fiji, work);
		fijiLog = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the Fiji run did not end");
		fijiStatus = p.exitValue();
		final long fijiEnd = System.nanoTime();

		// The README's --run lines, as written there (key="value", commas), with the class path run-macro.sh uses.
		// The pipeline is the one batch_pipeline.ijm exported in Fiji.
		pipeline = fijiOut.resolve("batch_pipeline/pipeline.json");
		final String cp = String.join(":", app + "/jars/*", app + "/jars/linux64/*", runtime + "/jars/*");
		final ProcessBuilder run = new ProcessBuilder(java(), "-Xmx2g", "-Djava.util.prefs.userRoot=" + dir.resolve("prefs"),
			"-Djava.awt.headless=true", "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
			"--add-opens=java.desktop/sun.awt=ALL-UNNAMED", "-Dplugins.dir=" + app, "-Dij.dir=" + app, "-Dimagej.dir=" + app,
			"-Dfiji.dir=" + app, "-Dscijava.context.strict=false", "-cp", cp, "net.imagej.Main", "--headless",
			"--run", "Engine Info", "device=\"cpu\"",
			"--run", "Run Pipeline on Folder", "pipeline=\"" + pipeline + "\",input=\"" + scans + "\",output=\"" +
				fijiOut.resolve("run-pipeline") + "\",glob=\"*.tif\",jobs=2,force=false,device=\"cpu\"");
		final Process r = run.directory(work.toFile()).redirectErrorStream(true).start();
		runLog = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(r.waitFor(10, TimeUnit.MINUTES), "the --run lines did not end");
		runStatus = r.exitValue();
		final long runEnd = System.nanoTime();

		final PrintStream out = System.out, err = System.err;
		// their output is not checked here (each macro's own test does): kept out of the test's report
		final ByteArrayOutputStream cli = new ByteArrayOutputStream();
		try (PrintStream both = new PrintStream(cli, true, StandardCharsets.UTF_8)) {
			System.setOut(both);
			System.setErr(both);
			for (final Map.Entry<String, String> m : ARGUMENTS.entrySet()) {
				final String argument = (m.getValue() + " out=[" + cliOut.resolve(name(m.getKey())) + "]").trim();
				cliStatus.put(m.getKey(), InnSightCli.run("macro", Macros.file(m.getKey()).toString(), argument));
				IJ.run("Close All"); // as the driver's close("*")
			}
			cliStatus.put("batch", InnSightCli.run("--device", "cpu", "batch", "--pipeline", pipeline.toString(), "--in",
				scans.toString(), "--out", cliOut.resolve("run-pipeline").toString(), "--glob", "*.tif", "--jobs", "2", "--quiet"));
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
		System.out.printf("EveryMacroInRealRuntimeIT: install + Fiji run of %d macros %.1f s, --run lines %.1f s, " +
			"./innsight macro + batch %.1f s%n", ARGUMENTS.size(), (fijiEnd - start) / 1e9, (runEnd - fijiEnd) / 1e9,
			(System.nanoTime() - runEnd) / 1e9);
		fijiLog.lines().filter(l -> l.startsWith("ran ")).forEach(l -> System.out.println("  Fiji " + l));
	}

	/** Started in a folder of its own, with its own Java preferences (never ~/.java: see RealRuntimeIT). */
	private static Process start(final ProcessBuilder pb, final Path work) throws IOException {
		pb.directory(work.toFile()).redirectErrorStream(true);
		pb.environment().put("JAVA", java());
		pb.environment().put("IJ2_JAVA_OPTS", "-Xmx2g -Djava.util.prefs.userRoot=" + dir.resolve("prefs"));
		return pb.start();
	}

	private static String java() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** {@code batch.ijm} -> {@code batch}: each macro's output folder. */
	private static String name(final String macro) {
		return macro.replaceFirst("\\.ijm$", "");
	}

	/** As BatchMacroTest's: two 16-band crops of the sample, a 3-band one, a text file. */
	private static void writeScans(final Path in) throws IOException {
		Files.createDirectories(in);
		final ImagePlus sample = IJ.openImage(Macros.repo().resolve("sample-data/msi/image.tif").toString());
		new FileSaver(SyntheticScans.crop(sample, 0, 80, 48, 48, 16)).saveAsTiffStack(in.resolve("a_tissue.tif").toString());
		new FileSaver(SyntheticScans.crop(sample, 80, 30, 48, 48, 16)).saveAsTiffStack(in.resolve("b_instrument.tif").toString());
		new FileSaver(SyntheticScans.crop(sample, 0, 0, 48, 48, 3)).saveAsTiffStack(in.resolve("c_three_bands.tif").toString());
		Files.writeString(in.resolve("notes.txt"), "not a scan");
	}

	@Test
	void everyMacroRanInFijiAndInnSightMacro() {
		assumeRuntime();
		assertEquals(0, fijiStatus, "exit status of the Fiji run; its output:\n" + fijiLog);
		assertFalse(fijiLog.contains("Exception"), "a stack trace in Fiji's output:\n" + fijiLog);
		for (final String m : ARGUMENTS.keySet()) {
			assertTrue(fijiLog.contains("ran " + m + " in "), m + " did not finish in Fiji:\n" + fijiLog);
			assertEquals(0, cliStatus.get(m), "./innsight macro " + m);
		}
	}

	@Test
	void everyMacroWritesTheSameFilesInFijiAsInnSightMacro() throws IOException {
		assumeRuntime();
		for (final String m : ARGUMENTS.keySet())
			assertSameOutputs(fijiOut.resolve(name(m)), cliOut.resolve(name(m)));
	}

	@Test
	void theReadmesRunLinesWorkAndRunPipelineOnFolderMatchesInnSightBatch() throws IOException {
		assumeRuntime();
		assertEquals(0, runStatus, "exit status of net.imagej.Main --run ...; its output:\n" + runLog);
		assertFalse(runLog.contains("Exception"), "a stack trace in the --run output:\n" + runLog);
		// Engine Info's report: where it looked (the app folder first) and the models it found there
		assertTrue(runLog.contains("looked in: " + dir.resolve("Fiji.app").toRealPath().resolve("models")), runLog);
		assertTrue(runLog.contains("msi-ood-16band  ood-waic-ensemble v1"), "Engine Info lists no model:\n" + runLog);
		assertTrue(runLog.contains("batch: 2 done, 0 up to date, 1 failed of 3 scans"), runLog);
		assertEquals(3, cliStatus.get("batch"), "innsight batch exits 3: a scan failed");
		assertSameOutputs(fijiOut.resolve("run-pipeline"), cliOut.resolve("run-pipeline"));
	}

	/** Same relative file names; images the same pixels; text the same but for timings and the output folder. */
	private static void assertSameOutputs(final Path fiji, final Path cli) throws IOException {
		final Set<String> inFiji = files(fiji), inCli = files(cli);
		assertEquals(inCli, inFiji, "the files of " + fiji + " and " + cli);
		assertTrue(!inCli.isEmpty(), "no outputs in " + cli);
		// every difference, not just the first: one run of this test shows them all
		final List<String> differ = new ArrayList<>();
		for (final String f : inCli) {
			final Path a = fiji.resolve(f), b = cli.resolve(f);
			// a model trained by the macro (validation.ijm): its card records training times; its weights are
			// compared through the figures the macro measured with it (ood_validation.csv)
			if (f.startsWith("ood-model/")) continue;
			try {
				if (f.endsWith(".tif")) assertSamePixels(a, b);
				else if (f.endsWith(".png")) assertSamePng(a, b);
				else if (f.endsWith(".csv") || f.endsWith(".json") || f.endsWith(".html") || f.endsWith(".txt"))
					assertEquals(masked(b, cli), masked(a, fiji), f);
				else assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(a), f);
			}
			catch (final AssertionError e) {
				differ.add(cli.getFileName() + "/" + f + ": " + e.getMessage());
			}
		}
		assertEquals(List.of(), differ, "Fiji's outputs differ from ./innsight's");
		System.out.println("  same outputs: " + inCli.size() + " files in " + cli.getFileName());
	}

	private static Set<String> files(final Path root) throws IOException {
		final Set<String> names = new TreeSet<>();
		if (!Files.isDirectory(root)) return names;
		try (Stream<Path> s = Files.walk(root)) {
			s.filter(Files::isRegularFile).forEach(p -> names.add(root.relativize(p).toString()));
		}
		return names;
	}

	/**
	 * The text with its output folder as OUT and what may differ as T: timings (a manifest's {@code timingsMillis},
	 * {@code started}, {@code finished}; summary.csv's {@code seconds}; report.html's times and scans/s) and a
	 * manifest's output {@code sha256}, a hash of the TIFF's bytes, whose byte order differs between the runtimes
	 * (the pixels, compared on their own, do not).
	 */
	private static List<String> masked(final Path file, final Path root) throws IOException {
		final List<String> lines = new ArrayList<>();
		int seconds = -1;
		boolean timings = false;
		for (String line : Files.readAllLines(file)) {
			line = line.replace(root.toString(), "OUT");
			if (file.toString().endsWith(".json")) {
				if (line.contains("\"timingsMillis\"")) timings = true;
				else if (timings && line.trim().startsWith("}")) timings = false;
				else if (timings) line = line.replaceFirst(": \\d+", ": T");
				line = line.replaceFirst("\"(sha256|started|finished)\": \"[^\"]*\"", "\"$1\": \"T\"");
			}
			else if (file.getFileName().toString().equals("summary.csv")) {
				final List<String> cells = cells(line);
				if (seconds < 0) seconds = cells.indexOf("seconds");
				else if (seconds < cells.size()) cells.set(seconds, "T");
				line = String.join(",", cells);
			}
			else if (file.toString().endsWith(".html"))
				line = line.replaceAll("\\d+(?:\\.\\d+)? s([<,])", "T s$1").replaceAll("[\\d.]+ scans/s", "T scans/s");
			lines.add(line);
		}
		return lines;
	}

	/** A CSV line's cells, quotes kept (a quoted cell may hold commas). */
	private static List<String> cells(final String line) {
		final List<String> cells = new ArrayList<>();
		final StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (final char c : line.toCharArray()) {
			if (c == '"') quoted = !quoted;
			if (c == ',' && !quoted) {
				cells.add(cell.toString());
				cell.setLength(0);
			}
			else cell.append(c);
		}
		cells.add(cell.toString());
		return cells;
	}

	/** Dimensions, slice labels and every pixel bit for bit (so NaN equals NaN); not the bytes (byte order). */
	private static void assertSamePixels(final Path fiji, final Path cli) {
		final ImagePlus a = new Opener().openImage(fiji.toString()), b = new Opener().openImage(cli.toString());
		assertTrue(a != null && b != null, "cannot open " + fiji + " or " + cli);
		assertEquals(List.of(b.getWidth(), b.getHeight(), b.getNChannels(), b.getNSlices(), b.getNFrames(), b.getBitDepth()),
			List.of(a.getWidth(), a.getHeight(), a.getNChannels(), a.getNSlices(), a.getNFrames(), a.getBitDepth()), fiji.toString());
		for (int i = 1; i <= b.getStackSize(); i++) {
			assertEquals(b.getStack().getSliceLabel(i), a.getStack().getSliceLabel(i), fiji + " slice " + i);
			final Object pa = a.getStack().getPixels(i), pb = b.getStack().getPixels(i);
			final boolean same = pb instanceof float[] fb ? Arrays.equals((float[]) pa, fb)
				: pb instanceof short[] sb ? Arrays.equals((short[]) pa, sb)
				: pb instanceof byte[] bb ? Arrays.equals((byte[]) pa, bb)
				: Arrays.equals((int[]) pa, (int[]) pb);
			assertTrue(same, fiji + " slice " + i + ": pixels differ from " + cli);
		}
	}

	private static void assertSamePng(final Path fiji, final Path cli) throws IOException {
		final BufferedImage a = ImageIO.read(fiji.toFile()), b = ImageIO.read(cli.toFile());
		assertEquals(List.of(b.getWidth(), b.getHeight()), List.of(a.getWidth(), a.getHeight()), fiji.toString());
		assertArrayEquals(b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()),
			a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()), fiji + ": pixels differ from " + cli);
	}
}
