package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.innsight.cli.InnSightCli;
import org.innsight.macro.Macros;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.process.FloatProcessor;

/**
 * InnSight in a real ImageJ2 2.17 + imagej-legacy 2.0.3 runtime (the one at {@code ../shared/imagej2} beside the
 * checkout, or {@code -Dinnsight.imagej2=DIR} / {@code INNSIGHT_IMAGEJ2}); skipped, with a message, without it.
 * <p>
 * One headless Fiji run of one macro, started from a folder outside the app folder, checks three things: the
 * macro's InnSight command gives the same image (every pixel, max abs diff 0) as {@code ./innsight macro}; a non-TIFF file (ICS) opened
 * through Bio-Formats gives the same values; and a failing InnSight command stops the macro on its line, with its
 * message, and the process exits non-zero. One run because each start of the runtime costs about 10 s.
 */
class RealRuntimeIT {

	/**
	 * The macro; {@code out=[DIR]} and, in Fiji only, {@code ics=[FILE]} come as its argument. The first
	 * result is saved as the active image (in Fiji the command runs in another thread: InnSightCommand makes its
	 * result the macro's active image), the second is selected by title, as the README's macros do.
	 */
	private static final String MACRO = String.join("\n",
		"// the real-runtime test's macro: runs unchanged in Fiji and through ./innsight macro",
		"out = call(\"ij.Macro.getValue\", getArgument(), \"out\", \"\");",
		"ics = call(\"ij.Macro.getValue\", getArgument(), \"ics\", \"\");",
		"open(\"%TIF%\");",
		"run(\"Spectral Normalise\", \"image=[scan.tif] norm=L2\");",
		"saveAs(\"Tiff\", out + \"/normalised.tif\");",
		"print(\"normalised \" + getWidth() + \"x\" + getHeight() + \"x\" + nSlices);",
		"if (ics != \"\") {",
		"	run(\"Bio-Formats Macro Extensions\");",
		"	Ext.openImagePlus(ics);",
		"	run(\"Spectral Normalise\", \"image=[scan_bf.ics] norm=L2\");",
		"	selectImage(\"scan_bf_normalised\");",
		"	saveAs(\"Tiff\", out + \"/normalised_bf.tif\");",
		"}",
		"print(call(\"org.innsight.fiji.InnSightDialog.describe\", \"Tissue Posterior Estimation\"));",
		"print(call(\"org.innsight.fiji.InnSightDialog.describe\", \"Out-of-Distribution Map\"));",
		"run(\"Domain Transfer\", \"image=[no such image] direction=[target to source] device=cpu\");",
		"print(\"after the failure\");",
		"File.saveString(\"the macro went on\", out + \"/after.txt\");", "");
	private static final int FAILING_LINE = 17;
	private static final int W = 6, H = 5, BANDS = 4;

	@TempDir
	static Path dir;
	private static Path fijiOut, cliOut;
	private static String fijiLog, cliLog;
	private static int fijiStatus, cliStatus;
	/** Why the tests are skipped (no runtime), or null. */
	private static String absent;

	/** Each test, not @BeforeAll, assumes: JUnit then lists the skipped tests, with the reason, in the reports. */
	private static void assumeRuntime() {
		assumeTrue(absent == null, absent);
	}

	/** The runtime's folder: -Dinnsight.imagej2, INNSIGHT_IMAGEJ2, else ../shared/imagej2 beside the checkout. */
	static Path runtime() {
		String where = System.getProperty("innsight.imagej2");
		if (where == null || where.isEmpty()) where = System.getenv("INNSIGHT_IMAGEJ2");
		if (where != null && !where.isEmpty()) return Paths.get(where).toAbsolutePath().normalize();
		return Macros.repo().resolve("../shared/imagej2").normalize();
	}

	@BeforeAll
	static void runTheMacroInFijiAndInTheCommandLine() throws Exception {
		final Path runtime = runtime();
		if (!Files.isRegularFile(runtime.resolve("run-macro.sh"))) {
			absent = "skipped: no ImageJ2 runtime at " + runtime + " (CI has it at ../shared/imagej2 beside the checkout; " +
				"elsewhere set -Dinnsight.imagej2=DIR)";
			System.err.println("RealRuntimeIT " + absent);
			return;
		}
		final long start = System.nanoTime();
		final Path app = TestInstall.install(dir.resolve("Fiji.app"));
		final Path data = Files.createDirectories(dir.resolve("data"));
		writeScan(data.resolve("scan.tif"), data.resolve("scan_bf.ics"));
		final Path macro = data.resolve("normalise_then_fail.ijm");
		Files.writeString(macro, MACRO.replace("%TIF%", data.resolve("scan.tif").toString()));
		fijiOut = Files.createDirectories(dir.resolve("out-fiji"));
		cliOut = Files.createDirectories(dir.resolve("out-cli"));

		// Started in a folder of its own, as a user's shell would be: nothing may depend on the working directory.
		final Path work = Files.createDirectories(dir.resolve("elsewhere"));
		final ProcessBuilder fiji = new ProcessBuilder("bash", runtime.resolve("run-macro.sh").toString(), app.toString(),
			macro.toString(), "out=[" + fijiOut + "] ics=[" + data.resolve("scan_bf.ics") + "]").directory(work.toFile())
				.redirectErrorStream(true);
		fiji.environment().put("BIOFORMATS", "1");
		fiji.environment().put("JAVA", Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		// Own Java preferences: SciJava gives a key a macro leaves out its last-used value, stored there (other
		// tests run commands and store values, e.g. model paths in temporary folders).
		fiji.environment().put("IJ2_JAVA_OPTS", "-Xmx1g -Djava.util.prefs.userRoot=" + dir.resolve("prefs"));
		final Process p = fiji.start();
		final byte[] output = p.getInputStream().readAllBytes();
		assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the Fiji run did not end");
		fijiLog = new String(output, StandardCharsets.UTF_8);
		fijiStatus = p.exitValue();
		final long fijiEnd = System.nanoTime();

		final PrintStream out = System.out, err = System.err;
		final ByteArrayOutputStream cli = new ByteArrayOutputStream();
		try (PrintStream both = new PrintStream(cli, true, StandardCharsets.UTF_8)) {
			System.setOut(both);
			System.setErr(both);
			cliStatus = InnSightCli.run("macro", macro.toString(), "out=[" + cliOut + "]");
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
		cliLog = cli.toString(StandardCharsets.UTF_8);
		System.out.printf("RealRuntimeIT: install + Fiji run %.1f s, ./innsight macro %.1f s%n", (fijiEnd - start) / 1e9,
			(System.nanoTime() - fijiEnd) / 1e9);
	}

	/**
	 * What InnSight's dialog offers, asked of the real runtime's own module items (issue 23): the models of the
	 * command's kind installed in the app, the open images (with none) for the mask, the devices with what auto is
	 * here, the statistics as check boxes ticked by default, the saturation as a number with auto.
	 */
	@Test
	void theDialogsOfferTheInstalledModelsOfTheirKindTheOpenImagesAndTheDevices() {
		assumeRuntime();
		final List<String> lines = fijiLog.lines().toList();
		final String posterior = line(lines, "model: CHOICE = msi-tissue-16band ["), ood = line(lines, "model: CHOICE = msi-ood-16band [");
		assertTrue(posterior.contains("msi-tissue-exposure-16band") && posterior.contains("pai-tissue-16wl") && !posterior.contains("msi-ood-16band"), posterior);
		assertFalse(ood.contains("msi-tissue-16band"), ood);
		final String mask = line(lines, "mask: CHOICE = none [none | ");
		assertTrue(mask.contains("scan.tif") && mask.contains("normalised.tif"), mask);
		assertTrue(line(lines, "device: CHOICE = auto [").startsWith("device: CHOICE = auto [auto (here: cpu) | cpu"), fijiLog);
		assertTrue(lines.contains("median: CHECKBOX = true") && lines.contains("iqr: CHECKBOX = true") && lines.contains("sd: CHECKBOX = false"), fijiLog);
		assertTrue(lines.contains("saturation: AUTO_NUMBER = auto"), fijiLog);
		assertTrue(cliLog.contains("InnSight dialog of Tissue Posterior Estimation: no ImageJ2 (imagej-legacy) here to ask"), cliLog);
	}

	/** The first line starting with {@code start}; fails naming the log when there is none. */
	private static String line(final List<String> lines, final String start) {
		return lines.stream().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError("no line '" + start + "...' in:\n" + fijiLog));
	}

	/**
	 * Same images: dimensions, band labels and every pixel (max abs diff 0). Not the bytes: the TIFF's byte order
	 * is an ImageJ preference ({@code Prefs.intelByteOrder}), big-endian in this runtime and little-endian in a
	 * bare ImageJ1, so the two files' bytes differ.
	 */
	@Test
	void theCommandGivesTheSameOutputInFijiAsInnSightMacro() {
		assumeRuntime();
		assertTrue(Files.isRegularFile(fijiOut.resolve("normalised.tif")), "Fiji wrote no normalised.tif; its output:\n" + fijiLog);
		final ImagePlus cli = new Opener().openImage(cliOut.resolve("normalised.tif").toString());
		final ImagePlus fiji = new Opener().openImage(fijiOut.resolve("normalised.tif").toString());
		assertEquals(List.of(W, H, BANDS, 32), List.of(cli.getWidth(), cli.getHeight(), cli.getNChannels(), cli.getBitDepth()));
		assertEquals(List.of(cli.getWidth(), cli.getHeight(), cli.getNChannels(), cli.getNSlices(), cli.getNFrames(), cli.getBitDepth()),
			List.of(fiji.getWidth(), fiji.getHeight(), fiji.getNChannels(), fiji.getNSlices(), fiji.getNFrames(), fiji.getBitDepth()));
		double squares = 0; // the result, not the input: L2-normalised spectra
		for (int b = 1; b <= BANDS; b++)
			squares += Math.pow(cli.getStack().getProcessor(b).getf(0), 2);
		assertEquals(1, squares, 1e-5);
		for (int b = 1; b <= BANDS; b++) {
			assertEquals(cli.getStack().getSliceLabel(b), fiji.getStack().getSliceLabel(b));
			assertArrayEquals((float[]) cli.getStack().getPixels(b), (float[]) fiji.getStack().getPixels(b), 0f, "band " + b);
		}
		assertTrue(fijiLog.contains("normalised " + W + "x" + H + "x" + BANDS), fijiLog);
		assertTrue(cliLog.contains("normalised " + W + "x" + H + "x" + BANDS), cliLog);
	}

	@Test
	void anIcsFileOpenedThroughBioFormatsGivesTheSameValues() {
		assumeRuntime();
		assertTrue(Files.isRegularFile(fijiOut.resolve("normalised_bf.tif")), "Fiji wrote no normalised_bf.tif; its output:\n" +
			fijiLog);
		final ImagePlus tif = new Opener().openImage(fijiOut.resolve("normalised.tif").toString());
		final ImagePlus bf = new Opener().openImage(fijiOut.resolve("normalised_bf.tif").toString());
		assertEquals(List.of(W, H, BANDS), List.of(bf.getWidth(), bf.getHeight(), bf.getStackSize()));
		for (int b = 1; b <= BANDS; b++)
			assertArrayEquals((float[]) tif.getStack().getPixels(b), (float[]) bf.getStack().getPixels(b), 0f, "band " + b);
	}

	@Test
	void aFailingCommandStopsTheMacroOnItsLineWithItsMessageAndFijiExitsNonZero() {
		assumeRuntime();
		final String message = "Domain Transfer: key 'image': no open image is titled 'no such image'";
		assertTrue(fijiLog.contains("Macro Error: " + message), fijiLog);
		assertTrue(fijiLog.contains(" in line " + FAILING_LINE + "\n"), fijiLog);
		assertFalse(fijiLog.contains("Exception"), "a stack trace instead of one line:\n" + fijiLog);
		assertFalse(fijiLog.contains("after the failure"), "the macro went on after the failure:\n" + fijiLog);
		assertFalse(Files.exists(fijiOut.resolve("after.txt")), "the macro went on after the failure");
		assertEquals(InnSightCommand.FAILED, fijiStatus, "exit status of the Fiji run; its output:\n" + fijiLog);
		// ./innsight macro stops on the same line and says so as FILE:LINE: Label: message
		assertNotEquals(0, cliStatus);
		assertTrue(cliLog.contains("normalise_then_fail.ijm:" + FAILING_LINE + ": Domain Transfer: key 'image': "), cliLog);
		assertFalse(cliLog.contains("after the failure"), cliLog);
		assertFalse(Files.exists(cliOut.resolve("after.txt")));
	}

	/** A small spectral image as an ImageJ TIFF and the same values as an ICS 2.0 file (x fastest, then y, then band). */
	private static void writeScan(final Path tif, final Path ics) throws IOException {
		final ImageStack stack = new ImageStack(W, H);
		final ByteBuffer raw = ByteBuffer.allocate(W * H * BANDS * 4).order(ByteOrder.LITTLE_ENDIAN);
		for (int b = 0; b < BANDS; b++) {
			final float[] v = new float[W * H];
			for (int i = 0; i < v.length; i++) {
				v[i] = (i % W + 1) * (i / W + 2) + 0.5f * b * b;
				raw.putFloat(v[i]);
			}
			stack.addSlice((500 + 20 * b) + "nm", new FloatProcessor(W, H, v));
		}
		final ImagePlus imp = new ImagePlus("scan.tif", stack);
		imp.setDimensions(BANDS, 1, 1);
		assertTrue(new FileSaver(imp).saveAsTiffStack(tif.toString()));
		final String header = "\t\n" + String.join("\n", "ics_version\t2.0", "filename\tscan_bf", "layout\tparameters\t3",
			"layout\torder\tbits\tx\ty\tch", "layout\tsizes\t32\t" + W + "\t" + H + "\t" + BANDS, "layout\tcoordinates\tvideo",
			"layout\tsignificant_bits\t32", "representation\tformat\treal", "representation\tsign\tsigned",
			"representation\tcompression\tuncompressed", "representation\tbyte_order\t1\t2\t3\t4", "end") + "\n";
		final ByteArrayOutputStream file = new ByteArrayOutputStream();
		file.write(header.getBytes(StandardCharsets.US_ASCII));
		file.write(raw.array());
		Files.write(ics, file.toByteArray());
	}
}
