package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.posterior.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;

/**
 * The one overwrite rule, for every subcommand that writes files: an output that exists is refused with a one-line
 * error naming it (and left byte for byte as it was) unless {@code --force} is given; then it is replaced.
 * (transfer: TransferCliTest; ood, validate-ood, train-ood: OodCommandsTest; train-posterior: TrainPosteriorCommandTest.)
 */
public class OverwriteRuleTest {

	@TempDir
	static Path dir;
	static Path model, scan, phantom;

	private static final byte[] OLD = "an earlier result, not to be lost\n".getBytes(StandardCharsets.UTF_8);

	@BeforeAll
	static void modelScanAndPhantom() throws Exception {
		model = TestModels.randomModel(dir.resolve("model"), "none", "posterior-cinn");
		final ImageStack stack = new ImageStack(5, 4);
		for (int c = 0; c < 3; c++) {
			final FloatProcessor fp = new FloatProcessor(5, 4);
			for (int i = 0; i < 20; i++) fp.setf(i, 0.1f + 0.01f * i + 0.1f * c);
			stack.addSlice((500 + 100 * c) + "nm", fp);
		}
		final ImagePlus imp = new ImagePlus("scan", stack);
		imp.setDimensions(3, 1, 1);
		scan = dir.resolve("scan.tif");
		new FileSaver(imp).saveAsTiff(scan.toString());
		phantom = dir.resolve("phantom");
		final CliRun p = CliRun.of("dalsa", "phantom", "--out", phantom.toString(), "--size", "48,48,32", "--spacing", "4,4,5", "--seed", "3",
			"--scribbles", "0.01");
		assertEquals(0, p.exit(), p.err());
	}

	/**
	 * {@code existing} (created with other content) makes {@code innsight ARGS} fail with exit 1 and a one-line
	 * message naming it, and stays unchanged; with --force the run succeeds and replaces it.
	 */
	public static void refusedThenReplaced(final Path existing, final String... args) throws Exception {
		Files.createDirectories(existing.getParent());
		Files.write(existing, OLD);
		final CliRun refused = CliRun.of(args);
		assertEquals(1, refused.exit(), refused.out() + refused.err());
		assertTrue(refused.err().contains(existing + " already exist") && refused.err().contains("use --force to replace it"), refused.err());
		assertEquals(1, refused.err().strip().lines().count(), refused.err());
		assertArrayEquals(OLD, Files.readAllBytes(existing), "the existing output must stay as it was");
		final List<String> forced = new ArrayList<>(List.of(args));
		forced.add("--force");
		final CliRun replaced = CliRun.of(forced.toArray(String[]::new));
		assertEquals(0, replaced.exit(), replaced.err());
		assertFalse(java.util.Arrays.equals(OLD, Files.readAllBytes(existing)), "--force must replace " + existing);
	}

	@Test
	void posteriorImageRefusesAnExistingMapAndItsSummary() throws Exception {
		final Path out = dir.resolve("maps");
		refusedThenReplaced(out.resolve("sO2_median.tif"), "--device", "cpu", "posterior", scan.toString(), "--model", model.toString(), "--samples", "8",
			"--out", out.toString());
		// a rerun into the same folder is refused at once, before the estimation, by the summary file
		final CliRun again = CliRun.of("--device", "cpu", "posterior", scan.toString(), "--model", model.toString(), "--samples", "8", "--out",
			out.toString());
		assertEquals(1, again.exit());
		assertTrue(again.err().contains("posterior: error: " + out.resolve("posterior.json") + " already exists; use --force to replace it"), again.err());
	}

	@Test
	void posteriorTable() throws Exception {
		final Path obs = dir.resolve("obs.csv");
		TableFiles.write(new Table(List.of("band_0", "band_1", "band_2"), new float[][] { { 0.2f, 0.3f }, { 0.3f, 0.4f }, { 0.4f, 0.5f } }, null, "obs"), obs);
		refusedThenReplaced(dir.resolve("post.csv"), "--device", "cpu", "posterior", "--table", obs.toString(), "--model", model.toString(), "--samples", "8",
			"--out", dir.resolve("post.csv").toString());
	}

	@Test
	void simulateSimulateOodAndSimulateImage() throws Exception {
		refusedThenReplaced(dir.resolve("sim.csv"), "simulate", "--model", "msi", "--n", "5", "--out", dir.resolve("sim.csv").toString());
		refusedThenReplaced(dir.resolve("ood.csv"), "simulate-ood", "--kind", "specular", "--n", "5", "--out", dir.resolve("ood.csv").toString());
		refusedThenReplaced(dir.resolve("sample/ground_truth.tif"), "simulate-image", "--model", "msi", "--size", "16", "--out",
			dir.resolve("sample").toString());
	}

	@Test
	void mwsAndMwsSample() throws Exception {
		final Path sample = dir.resolve("mws");
		refusedThenReplaced(sample.resolve("truth.tif"), "mws", "sample", "--out", sample.toString());
		final String affinities = sample.resolve("affinities.h5").toString();
		refusedThenReplaced(dir.resolve("labels.tif"), "mws", "--affinities", affinities, "-o", dir.resolve("labels.tif").toString());
		refusedThenReplaced(dir.resolve("used.h5"), "mws", "--affinities", affinities, "-o", dir.resolve("labels2.tif").toString(), "--save-affinities",
			dir.resolve("used.h5").toString());
	}

	@Test
	void dalsaPhantomStackTrainAndApply() throws Exception {
		refusedThenReplaced(dir.resolve("phantom2/truth.nii.gz"), "dalsa", "phantom", "--out", dir.resolve("phantom2").toString(), "--size", "16,16,8");
		final String images = String.join(",", List.of("t1", "t1c", "t2", "flair").stream().map(m -> phantom.resolve(m + ".nii.gz").toString()).toList());
		refusedThenReplaced(dir.resolve("stack.nii.gz"), "dalsa", "stack", "--images", images, "--out", dir.resolve("stack.nii.gz").toString());
		final Path classifier = dir.resolve("c.dalsa");
		final String[] train = { "--threads", "2", "dalsa", "train", "--images", images, "--labels", phantom.resolve("scribbles_unbiased.nii.gz").toString(),
			"--trees", "3", "--sigmas", "4", "--out", classifier.toString() };
		refusedThenReplaced(classifier, train);
		refusedThenReplaced(dir.resolve("seg.nii.gz"), "--threads", "2", "dalsa", "apply", "--model", classifier.toString(), "--images", images, "--out",
			dir.resolve("seg.nii.gz").toString());
	}
}
