package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code innsight dalsa phantom | train | apply} end to end on a small phantom, and a user error. */
class DalsaCommandTest {

	private record Run(int code, String out, String err) {}

	private static Run run(final String... args) {
		final PrintStream stdout = System.out, stderr = System.err;
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		final int code;
		try {
			System.setOut(new PrintStream(out, true));
			System.setErr(new PrintStream(err, true));
			code = InnSightCli.run(args);
		}
		finally {
			System.setOut(stdout);
			System.setErr(stderr);
		}
		return new Run(code, out.toString(), err.toString());
	}

	@Test
	void phantomTrainApplyPrintsDiceAndWritesFiles(@TempDir final Path dir) throws Exception {
		final Path data = dir.resolve("mr");
		final Run phantom = run("dalsa", "phantom", "--out", data.toString(), "--size", "48,48,32", "--spacing", "4,4,5", "--seed", "3",
			"--scribbles", "0.01");
		assertEquals(0, phantom.code(), phantom.err());
		final String images = String.join(",", data.resolve("t1.nii.gz").toString(), data.resolve("t1c.nii.gz").toString(),
			data.resolve("t2.nii.gz").toString(), data.resolve("flair.nii.gz").toString());
		final Path model = dir.resolve("model.dalsa"), weights = dir.resolve("weights.nii.gz");
		final Run train = run("--threads", "2", "dalsa", "train", "--images", images, "--labels", data.resolve("scribbles_unbiased.nii.gz").toString(),
			"--class-names", "1=healthy,2=oedema,3=enhancing,4=necrosis", "--trees", "20", "--sigmas", "4,8", "--out", model.toString(),
			"--weight-map", weights.toString());
		assertEquals(0, train.code(), train.err());
		assertTrue(train.out().contains("classes:     [1, 2, 3, 4] = [healthy, oedema, enhancing, necrosis]"), train.out());
		assertTrue(Files.size(model) > 1000 && Files.size(weights) > 100);
		final Path labels = dir.resolve("labels.nii.gz"), probabilities = dir.resolve("probabilities.tif");
		final Run apply = run("--threads", "2", "dalsa", "apply", "--model", model.toString(), "--images", images, "--out", labels.toString(),
			"--probabilities", probabilities.toString(), "--truth", data.resolve("truth.nii.gz").toString(), "--whole", "2,3,4");
		assertEquals(0, apply.code(), apply.err());
		final Matcher m = Pattern.compile("Dice union \\[2, 3, 4\\]\\s+([0-9.]+)").matcher(apply.out());
		assertTrue(m.find(), apply.out());
		assertTrue(Double.parseDouble(m.group(1)) > 0.75, apply.out());
		assertTrue(Files.isRegularFile(labels) && Files.isRegularFile(probabilities));

		// A scan with the wrong number of modalities is a one-line error, and no output is written.
		final Run wrong = run("dalsa", "apply", "--model", model.toString(), "--images", data.resolve("t1.nii.gz").toString(), "--out",
			dir.resolve("never.nii.gz").toString());
		assertEquals(1, wrong.code());
		assertTrue(wrong.err().contains("error: the scan has 1 modality [t1] but the classifier expects 4 modalities in the order [t1, t1c, t2, flair]"),
			wrong.err());
		assertTrue(!Files.exists(dir.resolve("never.nii.gz")));
	}
}
