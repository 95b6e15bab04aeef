package org.innsight.batch.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.innsight.batch.BatchReport;
import org.innsight.batch.BatchRunner;
import org.innsight.batch.BatchSettings;
import org.innsight.batch.FileOutcome.Status;
import org.innsight.batch.FileOutcome;
import org.innsight.batch.Pipeline;
import org.innsight.batch.Plan;
import org.innsight.batch.StepRegistry;
import org.innsight.cli.InnSightCli;
import org.innsight.dalsa.Dalsa;
import org.innsight.dalsa.DalsaClassifier;
import org.innsight.dalsa.Dice;
import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.Volume;
import org.innsight.dalsa.VolumeImages;
import org.innsight.dalsa.io.ClassifierFile;
import org.innsight.dalsa.io.PhantomFiles;
import org.innsight.io.ImageFiles;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;

/**
 * The {@code dalsa-apply} batch step against {@code innsight dalsa apply} on the MR sample, the committed sample
 * classifier against the command that made it, and the step's refusals.
 */
class DalsaApplyStepTest {

	@TempDir
	Path tmp;

	static Path repo(final String path) {
		return Path.of(System.getProperty("innsight.repo", "..")).resolve(path).toAbsolutePath().normalize();
	}

	static final Path SAMPLE = repo("sample-data/mr"), CLASSIFIER = repo("models/dalsa-mr-sample/phantom.dalsa");

	private static String modalityFiles() {
		final List<String> files = new ArrayList<>();
		for (final Path f : PhantomFiles.modalityFiles(SAMPLE)) files.add(f.toString());
		return String.join(",", files);
	}

	@Test
	void theCommittedClassifierIsWhatItsReadmeCommandMakes() throws IOException {
		final Path made = tmp.resolve("phantom.dalsa");
		assertEquals(0, InnSightCli.run("--threads", "2", "dalsa", "train", "--images", modalityFiles(), "--labels",
			SAMPLE.resolve("scribbles_unbiased.nii.gz").toString(), "--class-names", "1=healthy,2=oedema,3=enhancing,4=necrosis", "--seed", "1",
			"--out", made.toString()));
		assertArrayEquals(Files.readAllBytes(CLASSIFIER), Files.readAllBytes(made), "models/dalsa-mr-sample/phantom.dalsa differs from what its README command makes");
	}

	@Test
	void stackingKeepsEveryModalityVoxelForVoxelInTiffAndNifti() throws IOException {
		final MultiModalScan files = VolumeImages.readModalities(PhantomFiles.modalityFiles(SAMPLE));
		for (final String name : new String[] { "scan.tif", "scan.nii.gz" }) {
			final Path stacked = tmp.resolve(name);
			assertEquals(0, InnSightCli.run("dalsa", "stack", "--images", modalityFiles(), "--out", stacked.toString()));
			final ImagePlus imp = ImageFiles.open(stacked);
			assertEquals(16, imp.getBitDepth(), name);
			final MultiModalScan back = VolumeImages.readMultiChannel(stacked);
			assertEquals(4, back.modalityCount(), name);
			for (int m = 0; m < 4; m++) {
				assertArrayEquals(files.modality(m).voxels, back.modality(m).voxels, name + " modality " + m);
				assertArrayEquals(files.modality(m).spacing(), back.modality(m).spacing(), 1e-9, name);
			}
			if (name.endsWith(".tif")) assertEquals(List.of("t1", "t1c", "t2", "flair"), back.names());
		}
	}

	@Test
	void theExamplePipelineSegmentsTheSampleAsTheCommandLineDoesAndItsStatisticsMatchTheFiles() throws Exception {
		final Path in = tmp.resolve("in"), out = tmp.resolve("out"), scan = in.resolve("phantom.nii.gz");
		Files.createDirectories(in);
		assertEquals(0, InnSightCli.run("dalsa", "stack", "--images", modalityFiles(), "--out", scan.toString()));
		final BatchReport r = new BatchRunner(StepRegistry.standard()).run(Pipeline.read(repo("pipelines/mr-dalsa.json")),
			new BatchSettings(in, out).jobs(1).previews(false), ProgressListener.NONE);
		assertEquals(1, r.count(Status.DONE), () -> r.failures().toString());

		final Path cliLabels = tmp.resolve("cli.nii.gz"), cliProbabilities = tmp.resolve("cli-p.nii.gz");
		assertEquals(0, InnSightCli.run("--threads", "2", "dalsa", "apply", "--model", CLASSIFIER.toString(), "--scan", scan.toString(), "--out",
			cliLabels.toString(), "--probabilities", cliProbabilities.toString()));
		final LabelVolume labels = VolumeImages.readLabels(out.resolve("phantom.labels.nii.gz"));
		assertArrayEquals(VolumeImages.readLabels(cliLabels).labels, labels.labels, "labels differ from innsight dalsa apply --scan");
		assertArrayEquals(new double[] { 2, 2, 2.5 }, labels.spacing(), 1e-9);
		final ImagePlus p = ImageFiles.open(out.resolve("phantom.probabilities.nii.gz")), q = ImageFiles.open(cliProbabilities);
		assertEquals(4, p.getNChannels());
		for (int i = 1; i <= q.getStackSize(); i++)
			assertArrayEquals((float[]) q.getStack().getPixels(i), (float[]) p.getStack().getPixels(i), "probability plane " + i);

		// statistics recomputed from the written label file: 2 x 2 x 2.5 mm voxels, tumour = labels 2, 3, 4
		final Map<String, Object> s = r.outcomes().get(0).statistics();
		final long[] h = labels.histogram();
		assertEquals(h[1] + h[2] + h[3] + h[4], ((Number) s.get("dalsa-apply.foreground_voxels")).longValue());
		assertEquals(labels.size() - h[0], h[1] + h[2] + h[3] + h[4], "labels are 0..4 only");
		final String[] names = { "healthy", "oedema", "enhancing", "necrosis" };
		for (int c = 1; c <= 4; c++) {
			assertEquals(h[c], ((Number) s.get("dalsa-apply." + names[c - 1] + "_voxels")).longValue(), names[c - 1]);
			assertEquals(h[c] * 10.0, ((Number) s.get("dalsa-apply." + names[c - 1] + "_volume_mm3")).doubleValue(), 1e-6, names[c - 1]);
		}
		assertEquals(h[2] + h[3] + h[4], ((Number) s.get("dalsa-apply.tumour_voxels")).longValue());
		assertEquals((h[2] + h[3] + h[4]) * 10.0, ((Number) s.get("dalsa-apply.tumour_volume_mm3")).doubleValue(), 1e-6);

		// the Dice the classifier's README reports for this scan
		final LabelVolume truth = VolumeImages.readLabels(SAMPLE.resolve("truth.nii.gz"));
		assertEquals(0.951, Dice.of(labels, truth, new int[] { 2, 3, 4 }), 5e-4);
		assertEquals(0.965, Dice.mean(Dice.perLabel(labels, truth, new int[] { 1, 2, 3, 4 })), 5e-4);
	}

	/** A 40 x 40 x 12 crop through the tumour, with the first {@code channels} modalities as channels. */
	private static ImagePlus crop(final int channels, final boolean timeAsModalities) throws IOException {
		final MultiModalScan full = VolumeImages.readModalities(PhantomFiles.modalityFiles(SAMPLE));
		final int w = 40, h = 40, d = 12, x0 = 28, y0 = 28, z0 = 26;
		final List<Volume> volumes = new ArrayList<>();
		for (int m = 0; m < channels; m++) {
			final Volume v = new Volume(w, h, d, full.grid().spacing());
			for (int z = 0; z < d; z++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) v.set(x, y, z, full.modality(m).get(x0 + x, y0 + y, z0 + z));
			volumes.add(v);
		}
		final ImagePlus c = VolumeImages.channels(volumes, full.names().subList(0, channels), "crop");
		if (!timeAsModalities) return c;
		final ImageStack t = new ImageStack(w, h); // ImageJ order c, z, t: z fastest once the modalities are frames
		for (int m = 1; m <= channels; m++)
			for (int z = 1; z <= d; z++) t.addSlice(null, c.getStack().getProcessor(c.getStackIndex(m, z, 1)));
		final ImagePlus four = new ImagePlus("crop", t);
		four.setDimensions(1, d, channels);
		four.setCalibration(c.getCalibration());
		return four;
	}

	@Test
	void aScanWithTheWrongChannelCountFailsWithAClearReasonWhileTheOthersFinish() throws Exception {
		final Path in = tmp.resolve("in"), out = tmp.resolve("out");
		Files.createDirectories(in);
		ImageFiles.save(crop(4, false), in.resolve("a.tif"), List.of());
		ImageFiles.save(crop(3, false), in.resolve("b.tif"), List.of());
		ImageFiles.save(crop(4, true), in.resolve("c.nii"), List.of()); // 4D NIfTI x, y, z, modality
		final BatchReport r = new BatchRunner(StepRegistry.standard()).run(Pipeline.parse(
			"[{\"step\": \"dalsa-apply\", \"options\": {\"model\": \"" + CLASSIFIER.toString().replace("\\", "\\\\") + "\", \"tile\": [16, 16, 4]}}]", null),
			new BatchSettings(in, out).jobs(2).previews(false), ProgressListener.NONE);
		assertEquals(2, r.count(Status.DONE), () -> r.failures().toString());
		final FileOutcome b = r.failures().get(0);
		assertEquals("b.tif", b.relative());
		assertEquals("dalsa-apply", b.failedStep());
		assertEquals("the scan has 3 channels (40 x 40, c=3, z=12), classifier phantom.dalsa expects 4 modalities (t1, t1c, t2, flair)", b.reason());
		// the modalities along the 4th NIfTI axis give the same segmentation as channels
		final byte[] a = VolumeImages.readLabels(out.resolve("a.labels.tif")).labels;
		assertArrayEquals(a, VolumeImages.readLabels(out.resolve("c.labels.tif")).labels);
		final long tumour = ((Number) r.outcomes().get(0).statistics().get("dalsa-apply.tumour_voxels")).longValue();
		assertTrue(tumour > 1000, "the crop holds the tumour: " + tumour);
	}

	private static String planError(final String options) {
		return assertThrows(IllegalArgumentException.class,
			() -> Plan.of(Pipeline.parse("[{\"step\": \"dalsa-apply\", \"options\": " + options + "}]", CLASSIFIER.getParent()), StepRegistry.standard()))
			.getMessage();
	}

	@Test
	void badOptionsFailInThePlanNamingStepAndOption() {
		assertTrue(planError("{}").startsWith("step 1 (dalsa-apply): option \"model\" is required"), planError("{}"));
		assertTrue(planError("{\"model\": \"nowhere.dalsa\"}").startsWith("step 1 (dalsa-apply): option \"model\" names "), planError("{\"model\": \"nowhere.dalsa\"}"));
		assertTrue(planError("{\"model\": \"README.md\"}").startsWith("step 1 (dalsa-apply): option \"model\" cannot be loaded: "), planError("{\"model\": \"README.md\"}"));
		assertEquals("step 1 (dalsa-apply): option \"tile\" needs three sizes [x, y, z], got 2", planError("{\"model\": \"phantom.dalsa\", \"tile\": [64, 64]}"));
		assertEquals("step 1 (dalsa-apply): option \"format\" must be one of tif, nii, nii.gz, h5, got \"png\"",
			planError("{\"model\": \"phantom.dalsa\", \"format\": \"png\"}"));
		assertEquals("step 1 (dalsa-apply): option \"background\" must be one of the classifier's class labels (1 = healthy, 2 = oedema, " +
			"3 = enhancing, 4 = necrosis), got 7", planError("{\"model\": \"phantom.dalsa\", \"background\": 7}"));
		assertTrue(planError("{\"model\": \"phantom.dalsa\", \"probabilites\": true}").startsWith("step 1 (dalsa-apply): unknown option probabilites (did you mean \"probabilities\"?); known options: model, "));
	}

	@Test
	void theModelIsAFileAFolderOrANameInTheModelsFolder() throws IOException {
		for (final String model : new String[] { "phantom.dalsa", ".", "dalsa-mr-sample" })
			try (Plan plan = Plan.of(Pipeline.parse("[{\"step\": \"dalsa-apply\", \"options\": {\"model\": \"" + model + "\"}}]",
				"dalsa-mr-sample".equals(model) ? tmp : CLASSIFIER.getParent()), StepRegistry.standard())) {
				assertEquals(List.of("dalsa"), List.copyOf(plan.modelChecksums().keySet()), model);
			}
	}

	@Test
	void statisticNamesComeFromClassNamesAndNeverClash() throws IOException {
		final DalsaClassifier sample = ClassifierFile.load(CLASSIFIER);
		final DalsaClassifier c = new DalsaClassifier(sample.modalities(), sample.features(), new int[] { 1, 2, 5, 9 },
			List.of("class 1", "Whole tumour!", "tumour", "class 1"), sample.forest(), Map.of());
		assertEquals(List.of("class_1", "Whole_tumour", "label_5", "label_9"), Dalsa.statisticNames(c));
	}
}
