package org.innsight.batch.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.innsight.batch.BatchReport;
import org.innsight.batch.BatchRunner;
import org.innsight.batch.BatchSettings;
import org.innsight.batch.FileOutcome.Status;
import org.innsight.batch.Pipeline;
import org.innsight.batch.Plan;
import org.innsight.batch.StepRegistry;
import org.innsight.cli.InnSightCli;
import org.innsight.dalsa.Dice;
import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.VolumeImages;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code dalsa-train} step: trains on a folder of annotated scans as {@code innsight dalsa train --folder} does, then segments the batch. */
class DalsaTrainStepTest {

	@TempDir
	Path tmp;

	private void phantom(final Path dir, final int seed) {
		assertEquals(0, InnSightCli.run("dalsa", "phantom", "--out", dir.toString(), "--size", "48,48,32", "--spacing", "4,4,5", "--seed",
			String.valueOf(seed), "--scribbles", "0.02"));
	}

	@Test
	void trainsOnTheFoldersScansAsTheCommandLineDoesAndSegmentsTheBatch() throws Exception {
		final Path cases = tmp.resolve("cases"), in = tmp.resolve("in"), out = tmp.resolve("out"), other = tmp.resolve("other");
		phantom(cases.resolve("a"), 3);
		phantom(cases.resolve("b"), 4);
		phantom(other, 5);
		Files.createDirectories(in);
		assertEquals(0, InnSightCli.run("dalsa", "stack", "--images", String.join(",", other.resolve("t1.nii.gz").toString(),
			other.resolve("t1c.nii.gz").toString(), other.resolve("t2.nii.gz").toString(), other.resolve("flair.nii.gz").toString()), "--out",
			in.resolve("c.nii.gz").toString()));
		final Path model = tmp.resolve("step.dalsa");
		final String pipeline = "[{\"step\": \"dalsa-train\", \"options\": {\"training\": \"" + cases + "\", \"modalities\": [\"t1\", \"t1c\", \"t2\", \"flair\"]," +
			" \"labels_name\": \"unbiased\", \"classifier\": \"" + model + "\", \"trees\": 12, \"sigmas\": [4, 8], \"format\": \"nii.gz\"}}]";
		final BatchReport r = new BatchRunner(StepRegistry.standard()).run(Pipeline.parse(pipeline, null), new BatchSettings(in, out).jobs(1).previews(false),
			ProgressListener.NONE);
		assertEquals(1, r.count(Status.DONE), () -> r.failures().toString());
		final Path cli = tmp.resolve("cli.dalsa");
		assertEquals(0, InnSightCli.run("--threads", "2", "dalsa", "train", "--folder", cases.toString(), "--modalities", "t1,t1c,t2,flair", "--labels-name",
			"unbiased", "--trees", "12", "--sigmas", "4,8", "--out", cli.toString()));
		assertArrayEquals(Files.readAllBytes(cli), Files.readAllBytes(model), "the step's classifier differs from innsight dalsa train --folder");
		final LabelVolume labels = VolumeImages.readLabels(out.resolve("c.labels.nii.gz")), truth = VolumeImages.readLabels(other.resolve("truth.nii.gz"));
		final double whole = Dice.of(labels, truth, 2, 3, 4);
		assertTrue(whole > 0.7, "whole-tumour Dice on a scan not trained on: " + whole);
	}

	@Test
	void withoutTrainingScansThePlanFailsNamingTheOption() {
		final String message = assertThrows(IllegalArgumentException.class,
			() -> Plan.of(Pipeline.parse("[{\"step\": \"dalsa-train\", \"options\": {\"classifier\": \"m.dalsa\"}}]", tmp), StepRegistry.standard())).getMessage();
		assertTrue(message.startsWith("step 1 (dalsa-train): option \"training\" is required"), message);
	}
}
