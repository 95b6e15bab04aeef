package org.innsight.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongFunction;

import org.innsight.batch.BatchReport;
import org.innsight.batch.BatchRunner;
import org.innsight.batch.BatchSettings;
import org.innsight.batch.FileOutcome;
import org.innsight.batch.FileOutcome.Status;
import org.innsight.batch.Pipeline;
import org.innsight.batch.StepRegistry;
import org.innsight.batch.SyntheticScans;
import org.innsight.cli.TerminalProgress;
import org.innsight.io.ImageFiles;

import ij.ImagePlus;
import ij.io.FileSaver;

/**
 * {@code innsight batch} on a small folder: four crops of the multispectral sample and one broken scan (three bands),
 * through {@code pipelines/msi-posterior.json} (check, OOD map, sO2 posterior of the trusted pixels).
 */
final class BatchDemo implements DemoStep {

	static final String PIPELINE = "msi-posterior.json";
	static final int CROPS = 4, SIZE = 48;

	@Override
	public String name() {
		return "batch";
	}

	@Override
	public String description() {
		return "innsight batch with pipelines/" + PIPELINE + " over 4 crops of sample-data/msi and one broken scan: outputs, report.html, summary.csv";
	}

	@Override
	public void run(final DemoContext demo) throws Exception {
		final Path image = demo.samples().resolve("msi").resolve("image.tif");
		final Path pipeline = demo.repo().resolve("pipelines").resolve(PIPELINE);
		if (!Files.isRegularFile(image)) demo.skip("no " + image);
		if (!Files.isRegularFile(pipeline)) demo.skip("no pipeline " + pipeline);
		final ImagePlus sample = ImageFiles.open(image);
		final LongFunction<ImagePlus> crops = SyntheticScans.crops(sample, SIZE, SIZE);
		for (int i = 1; i <= CROPS; i++)
			saveScan(demo, String.format(Locale.ROOT, "crop%d.tif", i), crops.apply(i), "scan: a " + SIZE + " x " + SIZE + " crop of " + image.getFileName());
		saveScan(demo, "broken_three_bands.tif", SyntheticScans.crop(sample, 0, 0, SIZE, SIZE, 3), "scan: a broken one (3 bands), to be reported, not to stop the batch");

		final BatchSettings settings = new BatchSettings(demo.folder().resolve("scans"), demo.folder().resolve("results")).device(demo.device())
			.force(true);
		final BatchReport r;
		try (TerminalProgress bar = demo.progress("batch")) {
			r = new BatchRunner(StepRegistry.standard()).run(Pipeline.read(pipeline), settings, bar);
		}
		demo.record(r.reportFile(), "report.html: every scan with previews, statistics and the failure");
		demo.record(r.summaryFile(), "summary.csv: one row per scan (median sO2 of trusted pixels, OOD fraction, ...)");
		final long outputs = r.outcomes().stream().mapToLong(o -> o.outputs().size()).sum();
		demo.note(String.format(Locale.ROOT, "%d scans done, %d failed in %.1f s; %d outputs (maps) and a manifest per scan in batch/results/",
			r.count(Status.DONE), r.count(Status.FAILED), r.millis() / 1000.0, outputs));
		for (final FileOutcome f : r.failures())
			demo.note("reported as intended: " + f.relative() + " failed " + f.failedAt());
		if (r.count(Status.DONE) != CROPS || r.count(Status.FAILED) != 1)
			throw new IllegalStateException("expected " + CROPS + " scans done and 1 failed, got " + r.count(Status.DONE) + " and " + r.count(Status.FAILED));
	}

	private static void saveScan(final DemoContext demo, final String name, final ImagePlus scan, final String what) throws IOException {
		demo.write("scans/" + name, what, tmp -> {
			if (!new FileSaver(scan).saveAsTiffStack(tmp.toString())) throw new IOException("cannot write " + tmp);
		});
	}
}
