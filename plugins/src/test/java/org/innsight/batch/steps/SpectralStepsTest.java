package org.innsight.batch.steps;

import static org.innsight.batch.steps.MsiScans.cli;
import static org.innsight.batch.steps.MsiScans.crop;
import static org.innsight.batch.steps.MsiScans.finite;
import static org.innsight.batch.steps.MsiScans.median;
import static org.innsight.batch.steps.MsiScans.number;
import static org.innsight.batch.steps.MsiScans.outcome;
import static org.innsight.batch.steps.MsiScans.pixels;
import static org.innsight.batch.steps.MsiScans.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.innsight.batch.BatchReport;
import org.innsight.batch.BatchRunner;
import org.innsight.batch.BatchSettings;
import org.innsight.io.Checksums;
import org.innsight.batch.FileOutcome;
import org.innsight.batch.FileOutcome.Status;
import org.innsight.batch.Manifest;
import org.innsight.batch.Pipeline;
import org.innsight.batch.Plan;
import org.innsight.batch.StepRegistry;
import org.innsight.engine.Device;
import org.innsight.image.SpectralImage;
import org.innsight.io.ImageFiles;
import org.innsight.posterior.PosteriorEstimator;
import org.innsight.posterior.PosteriorMaps;
import org.innsight.posterior.PosteriorModel;
import org.innsight.posterior.PosteriorOptions;
import org.innsight.posterior.Statistic;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

/**
 * The posterior, ood and transfer steps against the CLI commands on crops of the bundled sample scan: same maps
 * pixel for pixel, statistics equal to values computed from the written files, errors that name step, option or
 * band counts.
 */
class SpectralStepsTest {

	private static ImagePlus sample, foreign;

	@TempDir
	Path tmp;

	@BeforeAll
	static void open() throws Exception {
		sample = ImageFiles.open(MsiScans.sample("image.tif"));
		foreign = ImageFiles.open(MsiScans.sample("foreign_mask.tif"));
	}

	private static BatchReport batch(final String pipeline, final Path in, final Path out, final int jobs) throws Exception {
		return new BatchRunner(StepRegistry.standard()).run(Pipeline.parse(pipeline, null),
			new BatchSettings(in, out).jobs(jobs).previews(false).device(Device.CPU), ProgressListener.NONE);
	}

	private static String planError(final String pipeline) {
		return assertThrows(IllegalArgumentException.class, () -> {
			try (Plan p = Plan.of(Pipeline.parse(pipeline, null), StepRegistry.standard())) {
				// only planning
			}
		}).getMessage();
	}

	/**
	 * ood then posterior excluding the flagged pixels, in a batch of two scans run at once, against {@code innsight
	 * ood} then {@code innsight posterior --exclude} on one of them: every map equal bit for bit.
	 */
	@Test
	void oodThenPosteriorEqualTheCliAndLeaveFlaggedPixelsOut() throws Exception {
		final Path in = tmp.resolve("in"), out = tmp.resolve("out"), cliOut = tmp.resolve("cli");
		// a: the right edge, where the instrument shaft enters (foreign); b: tissue only
		final Path a = write(crop(sample, 96, 32, 32, 32, 16), in.resolve("a.tif"));
		write(crop(sample, 0, 0, 32, 32, 16), in.resolve("b.tif"));
		final BatchReport r = batch("""
			[{"step": "ood", "options": {"model": "msi-ood-16band", "spread": true}},
			 {"step": "posterior", "from": "input", "options": {"model": "msi-tissue-16band", "samples": 16, "seed": 7,
			  "statistics": ["median", "IQR", "modes"], "keepSamples": true, "exclude": "ood_mask"}}]""", in, out, 2);
		assertEquals(2, r.count(Status.DONE), () -> r.failures().toString());

		cli("ood", a.toString(), "--model", "msi-ood-16band", "--spread", "--out", cliOut.toString(), "--device", "cpu");
		cli("posterior", a.toString(), "--model", "msi-tissue-16band", "--samples", "16", "--seed", "7", "--stats", "median,IQR,modes",
			"--keep-samples", "--exclude", cliOut.resolve("a_ood_mask.tif").toString(), "--out", cliOut.toString(), "--device", "cpu");
		for (final String map : List.of("ood_score", "ood_mask", "ood_spread"))
			assertArrayEquals(pixels(cliOut.resolve("a_" + map + ".tif")), pixels(out.resolve("a." + map + ".tif")), map);
		for (final String map : List.of("sO2_median", "sO2_IQR", "sO2_modes", "vHb_1_median", "vHb_1_IQR", "vHb_1_modes", "sO2_samples", "vHb_1_samples"))
			assertArrayEquals(pixels(cliOut.resolve(map + ".tif")), pixels(out.resolve("a." + map + ".tif")), map);

		// statistics = what the written files say
		final FileOutcome o = outcome(r.outcomes(), "a.tif");
		final float[] mask = pixels(out.resolve("a.ood_mask.tif")), median = pixels(out.resolve("a.sO2_median.tif"));
		long flagged = 0, flaggedAndNaN = 0;
		for (int i = 0; i < mask.length; i++)
			if (mask[i] != 0) {
				flagged++;
				if (Float.isNaN(median[i])) flaggedAndNaN++;
			}
		assertTrue(flagged > 100, "the shaft covers much of this crop; flagged " + flagged);
		assertEquals(flagged, (long) number(o, "ood.flagged"));
		assertEquals(flagged / 1024.0, number(o, "ood.ood_fraction"), 1e-12);
		assertEquals(1024, (long) number(o, "ood.pixels"));
		assertEquals(flagged, flaggedAndNaN, "every flagged pixel is left out");
		assertEquals(flagged, (long) number(o, "posterior.excluded"));
		assertEquals(finite(median), (long) number(o, "posterior.estimated"));
		assertEquals(1024 - flagged, (long) number(o, "posterior.estimated"));
		assertEquals(median(median), number(o, "posterior.sO2_median_in_mask"), 1e-7);
		assertEquals(median(pixels(out.resolve("a.vHb_1_IQR.tif"))), number(o, "posterior.vHb_1_IQR_in_mask"), 1e-9);
		// the known foreign pixels of the crop: flagged and not estimated
		final float[] truth = pixels(crop(foreign, 96, 32, 32, 32, 1));
		long known = 0, caught = 0;
		for (int i = 0; i < truth.length; i++)
			if (truth[i] != 0) {
				known++;
				if (mask[i] != 0 && Float.isNaN(median[i])) caught++;
			}
		assertTrue(known > 100 && caught >= 0.95 * known, caught + " of " + known + " foreign pixels flagged and left out");

		// the manifest names both models with their checksums
		final Manifest m = Manifest.read(out.resolve("a.manifest.json"));
		assertEquals(Map.of("ood", Checksums.sha256(MsiScans.repo().resolve("models/msi-ood-16band")),
			"posterior", Checksums.sha256(MsiScans.repo().resolve("models/msi-tissue-16band"))), m.models);
		assertTrue(m.models.get("posterior").matches("[0-9a-f]{64}"));
	}

	/**
	 * A pixel's samples depend on (seed, its position) only, not on the tiles or threads: tiles of 7 pixels on one
	 * thread give the maps of the default 64-pixel tiles on two threads up to float rounding. Not bit for bit:
	 * the network's matrix products take another kernel for small batches (below a few hundred rows, e.g. the
	 * 3 x 7-pixel edge tiles here), which rounds differently by about one unit in the last place. Batch and CLI use
	 * the same tiles for the same scan, so their maps are identical (test above) whatever the jobs.
	 */
	@Test
	void posteriorMapsDoNotDependOnTilingOrThreads() throws Exception {
		final ImagePlus scan = crop(sample, 40, 50, 24, 24, 16);
		try (PosteriorModel model = PosteriorModel.load("msi-tissue-16band", Device.CPU)) {
			final PosteriorMaps[] maps = new PosteriorMaps[2];
			for (int k = 0; k < 2; k++) {
				final PosteriorOptions o = new PosteriorOptions();
				o.samples = 16;
				o.seed = 3;
				o.statistics = List.of(Statistic.MEDIAN, Statistic.IQR, Statistic.MODES);
				o.keepSamples = true;
				o.tileSize = k == 0 ? 64 : 7;
				o.threads = k == 0 ? 2 : 1;
				maps[k] = PosteriorEstimator.estimate(SpectralImage.of(scan), null, null, model, o, null);
			}
			for (int i = 0; i < maps[0].maps().size(); i++) {
				final PosteriorMaps.ParameterMap m = maps[0].maps().get(i);
				final float[] a = floats(m.image()), b = floats(maps[1].maps().get(i).image());
				if (m.statistic() != Statistic.MODES) assertArrayEquals(a, b, 1e-6f, m.label());
				else {
					int differ = 0;
					for (int p = 0; p < a.length; p++) if (a[p] != b[p]) differ++;
					assertTrue(differ <= a.length / 100, m.label() + ": " + differ + " pixels differ");
				}
			}
			for (int i = 0; i < maps[0].samples().size(); i++)
				assertArrayEquals(floats(maps[0].samples().get(i).image()), floats(maps[1].samples().get(i).image()), 1e-6f);
		}
	}

	private static float[] floats(final Iterable<net.imglib2.type.numeric.real.FloatType> image) {
		final List<Float> v = new java.util.ArrayList<>();
		for (final var x : image) v.add(x.get());
		final float[] out = new float[v.size()];
		for (int i = 0; i < out.length; i++) out[i] = v.get(i);
		return out;
	}

	@Test
	void aScanWithOtherBandsFailsAtPosteriorWhileTheOtherFinishes() throws Exception {
		final Path in = tmp.resolve("in");
		write(crop(sample, 0, 0, 16, 16, 16), in.resolve("good.tif"));
		write(crop(sample, 0, 0, 16, 16, 8), in.resolve("narrow.tif"));
		final BatchReport r = batch("[{\"step\": \"posterior\", \"options\": {\"model\": \"msi-tissue-16band\", \"samples\": 4}}]", in, tmp.resolve("out"), 2);
		assertEquals(Status.DONE, outcome(r.outcomes(), "good.tif").status());
		assertEquals(256, (long) number(outcome(r.outcomes(), "good.tif"), "posterior.estimated"));
		final FileOutcome bad = outcome(r.outcomes(), "narrow.tif");
		assertEquals(Status.FAILED, bad.status());
		assertEquals("posterior", bad.failedStep());
		assertEquals("the scan has 8 bands (16 x 16, c=8) but model msi-tissue-16band expects 16", bad.reason());
	}

	@Test
	void badOptionsFailWhenPlanningNamingStepAndOption() {
		assertEquals("step 1 (posterior): option \"samples\" must be between 1 and 100000, not 0",
			planError("[{\"step\": \"posterior\", \"options\": {\"model\": \"msi-tissue-16band\", \"samples\": 0}}]"));
		String m = planError("[{\"step\": \"posterior\", \"options\": {\"model\": \"no-such-model\"}}]");
		assertTrue(m.startsWith("step 1 (posterior): option \"model\" names no-such-model, which does not exist; no model 'no-such-model': looked in "), m);
		m = planError("[{\"step\": \"posterior\", \"options\": {\"model\": \"msi-ood-16band\"}}]");
		assertTrue(m.startsWith("step 1 (posterior): option \"model\" ") && m.contains("not a posterior model"), m);
		m = planError("[{\"step\": \"posterior\", \"options\": {\"model\": \"msi-tissue-16band\", \"statistics\": [\"median\", \"medain\"]}}]");
		assertTrue(m.startsWith("step 1 (posterior): option \"statistics\" unknown posterior statistic 'medain'"), m);
		assertEquals("step 1 (posterior): option \"statistics\" names IQR twice",
			planError("[{\"step\": \"posterior\", \"options\": {\"model\": \"msi-tissue-16band\", \"statistics\": [\"IQR\", \"iqr\"]}}]"));
		assertEquals("step 1 (posterior): reads the image \"ood_mask\", which is neither \"input\" nor an output of an earlier step",
			planError("[{\"step\": \"posterior\", \"options\": {\"model\": \"msi-tissue-16band\", \"exclude\": \"ood_mask\"}}]"));
		assertEquals("step 2 (posterior): unknown option sample (did you mean \"samples\"?); known options: samples, seed, statistics, saturation, keepSamples, tileSize, acceptUnits, exclude, mask, model",
			planError("[{\"step\": \"check\"}, {\"step\": \"posterior\", \"options\": {\"model\": \"msi-tissue-16band\", \"sample\": 10}}]"));
		assertEquals("step 1 (posterior): option \"saturation\" must be above 0, not 0",
			planError("[{\"step\": \"posterior\", \"options\": {\"model\": \"msi-tissue-16band\", \"saturation\": 0}}]"));
		m = planError("[{\"step\": \"ood\"}]");
		assertTrue(m.startsWith("step 1 (ood): option \"model\" is required"), m);
		m = planError("[{\"step\": \"ood\", \"options\": {\"model\": \"msi-tissue-16band\"}}]");
		assertTrue(m.startsWith("step 1 (ood): option \"model\" ") && m.contains("not an OOD model"), m);
		assertEquals("step 1 (transfer): option \"to\" domain must be 'source' (sim) or 'target' (real), got 'sideways'",
			planError("[{\"step\": \"transfer\", \"options\": {\"model\": \"msi-sim2real-16band\", \"to\": \"sideways\"}}]"));
		m = planError("[{\"step\": \"transfer\", \"options\": {\"model\": \"msi-tissue-16band\"}}]");
		assertTrue(m.startsWith("step 1 (transfer): option \"model\" "), m);
	}

	@Test
	void parameterNamesBecomeValidOutputNames() {
		assertEquals("sO2_median", SpectralSteps.outputName("sO2_median"));
		assertEquals("d_1_IQR", SpectralSteps.outputName("d 1_IQR"));
		assertEquals("p_a_median", SpectralSteps.outputName("\u00b5a_median"));
		assertEquals("p-x", SpectralSteps.outputName("-x"));
	}

	/** Outputs are known before any scan: one per parameter (from the model card) and statistic, as the CLI names its files. */
	@Test
	void posteriorOutputsComeFromTheModelCardAndTheStatistics() throws Exception {
		for (final String statistics : List.of("\"median, q95\"", "[\"median\", \"Q95\"]"))
			try (Plan p = Plan.of(Pipeline.parse("[{\"step\": \"posterior\", \"options\": {\"model\": \"msi-tissue-16band\", \"keepSamples\": true, " +
				"\"statistics\": " + statistics + "}}]", null), StepRegistry.standard())) {
				assertEquals(List.of("sO2_median", "sO2_q95", "vHb_1_median", "vHb_1_q95", "sO2_samples", "vHb_1_samples"),
					p.savedOutputs().stream().map(o -> o.name()).toList());
			}
	}

	/** transfer against {@code innsight transfer}: same spectra, wavelength labels kept, unit L2 norms. */
	@Test
	void transferEqualsTheCli() throws Exception {
		final Path in = tmp.resolve("in"), out = tmp.resolve("out");
		final Path a = write(crop(sample, 20, 60, 32, 32, 16), in.resolve("a.tif"));
		final BatchReport r = batch("[{\"step\": \"transfer\", \"options\": {\"model\": \"msi-sim2real-16band\", \"to\": \"real\"}}]", in, out, 1);
		assertEquals(1, r.count(Status.DONE), () -> r.failures().toString());
		cli("transfer", "--model", "msi-sim2real-16band", "--input", a.toString(), "--out", tmp.resolve("cli.tif").toString(), "--device", "cpu");
		final ImagePlus batch = ImageFiles.open(out.resolve("a.transferred.tif"));
		assertArrayEquals(pixels(tmp.resolve("cli.tif")), pixels(batch));
		assertEquals(32, batch.getBitDepth());
		assertEquals(16, batch.getNChannels());
		for (int c = 1; c <= 16; c++)
			assertEquals(sample.getStack().getSliceLabel(c), batch.getStack().getSliceLabel(c));
		final float[] v = pixels(batch);
		long whole = 0;
		for (int p = 0; p < 1024; p++) {
			double ss = 0;
			for (int c = 0; c < 16; c++) ss += (double) v[c * 1024 + p] * v[c * 1024 + p];
			if (Double.isFinite(ss)) {
				whole++;
				assertEquals(1, Math.sqrt(ss), 1e-4, "L2 norm of pixel " + p);
			}
		}
		final FileOutcome o = outcome(r.outcomes(), "a.tif");
		assertEquals(whole, (long) number(o, "transfer.transferred"));
		assertEquals(1024, (long) number(o, "transfer.pixels"));
		assertEquals(1024 - whole, (long) number(o, "transfer.not_transferred"));
		assertEquals(Map.of("transfer", Checksums.sha256(MsiScans.repo().resolve("models/msi-sim2real-16band"))),
			Manifest.read(out.resolve("a.manifest.json")).models);
	}
}
