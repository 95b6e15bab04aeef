package org.innsight.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless macro bridge: ImageJ1's macro language, InnSight commands, and errors naming file, line and key. */
class MacroRunnerTest {

	private static MacroResult run(final String macro) throws MacroException {
		return Macros.runner().run("test.ijm", macro, "the argument");
	}

	private static MacroException failure(final String macro) {
		return assertThrows(MacroException.class, () -> run(macro).close());
	}

	@Test
	void printReachesTheLogAndTheArgumentReachesTheMacro() throws Exception {
		try (MacroResult r = run("print(\"arg is \" + getArgument());\nreturn \"done\";")) {
			assertEquals("arg is the argument", r.logLines().get(0));
			assertEquals("done", r.returnValue());
		}
	}

	@Test
	void everyRunStartsWithoutImages() throws Exception {
		run("newImage(\"left over\", \"8-bit black\", 4, 4, 1);").close();
		try (MacroResult leftOpen = run("newImage(\"kept\", \"8-bit black\", 4, 4, 1);")) {
			assertEquals(java.util.List.of("kept"), leftOpen.imageTitles());
		}
		try (MacroResult r = run("newImage(\"a\", \"8-bit black\", 4, 4, 1);")) {
			// "kept" was still open (the result not yet closed) when this run started, and was closed
			assertEquals(java.util.List.of("a"), r.imageTitles());
		}
	}

	@Test
	void aSyntaxErrorNamesFileAndLine() {
		final MacroException e = failure("a = 1;\nb = ;\n");
		assertEquals("test.ijm", e.macroName());
		assertEquals(2, e.line());
		assertTrue(e.getMessage().startsWith("test.ijm:2: "), e.getMessage());
	}

	@Test
	void anUnknownCommandIsReportedWithASuggestion() {
		final MacroException e = failure("x = 1;\nrun(\"Spectral Normalize\", \"norm=L2\");\nprint(\"not reached\");");
		assertEquals(2, e.line());
		assertEquals("unknown command \"Spectral Normalize\"; did you mean \"Spectral Normalise\"?", e.problem());
	}

	@Test
	void openingAFileThatIsNotAnImageNamesTheFile(@TempDir final Path dir) throws Exception {
		final Path notes = dir.resolve("notes.md"), table = dir.resolve("table.txt");
		Files.writeString(notes, "# not an image");
		Files.writeString(table, "a\tb\n1\t2\n");
		final String hint = ": not an image ImageJ can open (ImageJ shows such a file as text or a table, in a window a headless run " +
			"cannot show); give open() an image file, e.g. a .tif";
		// was: "this needs a dialog window, which a headless JVM cannot show (Dialog.*, getNumber, ...)"
		MacroException e = failure("print(\"start\");\nopen(\"" + notes + "\");\nprint(\"not reached\");");
		assertEquals(2, e.line());
		assertEquals("open(" + notes + ")" + hint, e.problem());
		e = failure("dir = \"" + dir + "/\";\nname = \"table.txt\";\nopen(dir + name);");
		assertEquals(3, e.line());
		assertEquals("open(" + table + ")" + hint, e.problem());
		// a path the runner cannot work out is shown as written
		final String call = "replace(\"X\", \"X\", \"" + notes + "\")";
		e = failure("open(" + call + ");");
		assertEquals("open(" + call + ")" + hint, e.problem());
	}

	@Test
	void allKindsOfInputConvertAsInFiji() throws Exception {
		try (MacroResult r = run("newImage(\"first\", \"8-bit black\", 4, 4, 1);\n" +
			"newImage(\"second\", \"8-bit black\", 4, 4, 1);\n" +
			"run(\"Echo Inputs\", \"text=[hello world] count=3.0 scale=0.25 flag size=LARGE path=/tmp/x.tif norm=l1 image=first\");\n" +
			"run(\"Echo Inputs\", \"text=plain flag=false\");"))
		{
			assertEquals("text=hello world count=3 scale=0.25 flag=true size=large path=/tmp/x.tif norm=L1 image=first",
				r.logLines().get(0));
			// left-out keys take the parameter's default; the image input the active image
			assertEquals("text=plain count=1 scale=1.5 flag=false size=small path=null norm=L2 image=second", r
				.logLines().get(1));
		}
	}

	@Test
	void anImageCanBeGivenByItsId() throws Exception {
		try (MacroResult r = run("newImage(\"first\", \"8-bit black\", 4, 4, 1);\nid = getImageID();\n" +
			"newImage(\"second\", \"8-bit black\", 4, 4, 1);\nrun(\"Echo Inputs\", \"text=t image=\" + id);"))
		{
			assertTrue(r.logLines().get(0).endsWith("image=first"), r.log());
		}
	}

	@Test
	void badOptionsNameTheKey() {
		assertEquals("Echo Inputs: missing key 'text' (a String)", failure("run(\"Echo Inputs\", \"count=2\");")
			.problem());
		assertEquals("Echo Inputs: key 'count': 'two' is not a whole number", failure(
			"run(\"Echo Inputs\", \"text=a count=two\");").problem());
		assertEquals("Echo Inputs: key 'count': '2.5' is not a whole number", failure(
			"run(\"Echo Inputs\", \"text=a count=2.5\");").problem());
		assertEquals("Echo Inputs: key 'size': 'huge': not one of small, large", failure(
			"run(\"Echo Inputs\", \"text=a size=huge\");").problem());
		assertEquals("Echo Inputs: key 'flag': 'maybe': use true or false", failure(
			"run(\"Echo Inputs\", \"text=a flag=maybe\");").problem());
		assertEquals("Echo Inputs: key 'norm': 'L3': not one of none, L1, L2", failure(
			"run(\"Echo Inputs\", \"text=a norm=L3\");").problem());
		assertTrue(failure("run(\"Echo Inputs\", \"text=a cuont=3\");").problem().startsWith(
			"Echo Inputs: unknown key 'cuont'; the keys are: count, flag, image, norm, path, scale, size, text"));
		assertEquals("Echo Inputs: key 'image': 'nowhere': no open image has this title (no images are open)",
			failure("run(\"Echo Inputs\", \"text=a image=nowhere\");").problem());
		assertEquals("Echo Inputs: key 'count' needs a value (count=...)", failure(
			"run(\"Echo Inputs\", \"text=a count\");").problem());
	}

	@Test
	void aCommandsOwnErrorStopsTheMacroAtItsLine() {
		final MacroException e = failure("newImage(\"rgb\", \"RGB black\", 4, 4, 1);\n\n" +
			"run(\"Spectral Normalise\", \"norm=L2\");\nprint(\"not reached\");");
		assertEquals(3, e.line());
		assertTrue(e.problem().startsWith("Spectral Normalise: image 'rgb' is RGB; InnSight needs"), e.problem());
	}

	@Test
	void aSpectralImageCommandNeedsAnOpenImage() {
		assertEquals("Spectral Normalise: no image is open for 'image'; open one or give image=[title]", failure(
			"run(\"Spectral Normalise\", \"norm=L1\");").problem());
	}

	@Test
	void imageJCommandsWithoutDialogsWork(@TempDir final Path dir) throws Exception {
		final Path png = dir.resolve("x.png");
		run("newImage(\"x\", \"8-bit ramp\", 8, 8, 1);\nsaveAs(\"PNG\", \"" + png + "\");").close();
		assertTrue(Files.size(png) > 0);
	}

	@Test
	void imageJCommandsThatNeedADialogFailClearly() {
		final MacroException e = failure("newImage(\"x\", \"8-bit ramp\", 8, 8, 1);\n" +
			"run(\"Duplicate...\", \"title=copy\");");
		assertEquals(2, e.line());
		assertTrue(e.problem().startsWith("ImageJ command \"Duplicate...\": it opens a dialog window"), e.problem());
	}

	@Test
	void aMacroDialogFailsClearly() {
		final MacroException e = failure("print(\"a\");\nDialog.create(\"x\");\nDialog.show();");
		assertEquals(2, e.line());
		assertTrue(e.problem().startsWith("this needs a dialog window"), e.problem());
	}

	@Test
	void exitIsNotAnError() throws Exception {
		try (MacroResult r = run("print(\"before\");\nexit;\nprint(\"after\");")) {
			assertEquals(java.util.List.of("before"), r.logLines());
		}
	}

	@Test
	void aMissingMacroFileIsReported(@TempDir final Path dir) {
		assertThrows(NoSuchFileException.class, () -> Macros.runner().run(dir.resolve("nope.ijm"), ""));
	}
}
