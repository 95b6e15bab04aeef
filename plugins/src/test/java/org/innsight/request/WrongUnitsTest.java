package org.innsight.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.innsight.batch.BatchRunner;
import org.innsight.batch.BatchReport;
import org.innsight.batch.BatchSettings;
import org.innsight.batch.FileOutcome;
import org.innsight.batch.Pipeline;
import org.innsight.batch.StepRegistry;
import org.innsight.cli.CliRun;
import org.innsight.engine.Device;
import org.innsight.fiji.OodMapCommand;
import org.innsight.fiji.TissuePosteriorCommand;
import org.innsight.image.SpectralImage;
import org.innsight.io.ImageFiles;
import org.innsight.io.TableFiles;
import org.innsight.macro.Macros;
import org.innsight.ood.OodMaps;
import org.innsight.ood.OodModel;
import org.innsight.ood.OodRequest;
import org.innsight.posterior.PosteriorModel;
import org.innsight.posterior.PosteriorRequest;
import org.innsight.posterior.TissuePosterior;
import org.innsight.progress.ProgressListener;
import org.innsight.transfer.DomainTransfer;
import org.innsight.transfer.TransferModel;
import org.innsight.transfer.TransferRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.prefs.PrefService;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

/**
 * The cases against the bundled models, in every front end: an all-negative image and an 8-bit image
 * (values 11-89) are refused with a message saying why and what to do, and run with the units accepted; the
 * bundled sample data passes without a warning; an image with 10 % of its pixels outside the training range warns.
 */
class WrongUnitsTest {

	@TempDir
	static Path dir;
	/** A 16 x 16 crop of sample-data/msi/image.tif (tissue and one vessel), 32-bit reflectance. */
	static ImagePlus tissue;
	static Path negative, counts;

	@BeforeAll
	static void images() throws Exception {
		tissue = crop(ImageFiles.open(sample("msi/image.tif")), 20, 20, 16, 16);
		negative = dir.resolve("negative.tif");
		ImageFiles.save(map(tissue, "negative.tif", v -> -v), negative, List.of());
		counts = dir.resolve("counts.tif");
		ImageFiles.save(eightBit(tissue, "counts.tif"), counts, List.of());
	}

	static Path sample(final String file) {
		return Macros.repo().resolve("sample-data").resolve(file);
	}

	/** The rectangle of every channel, with its labels (the wavelengths). */
	static ImagePlus crop(final ImagePlus imp, final int x, final int y, final int w, final int h) {
		final ImageStack out = new ImageStack(w, h);
		for (int c = 1; c <= imp.getStackSize(); c++) {
			final ImageProcessor ip = imp.getStack().getProcessor(c).duplicate();
			ip.setRoi(x, y, w, h);
			out.addSlice(imp.getStack().getSliceLabel(c), ip.crop());
		}
		final ImagePlus result = new ImagePlus("crop.tif", out);
		result.setDimensions(imp.getStackSize(), 1, 1);
		return result;
	}

	/** A 32-bit copy with every value mapped. */
	static ImagePlus map(final ImagePlus imp, final String title, final java.util.function.DoubleUnaryOperator f) {
		final ImageStack out = new ImageStack(imp.getWidth(), imp.getHeight());
		for (int c = 1; c <= imp.getStackSize(); c++) {
			final FloatProcessor fp = imp.getStack().getProcessor(c).convertToFloatProcessor();
			for (int i = 0; i < fp.getPixelCount(); i++) fp.setf(i, (float) f.applyAsDouble(fp.getf(i)));
			out.addSlice(imp.getStack().getSliceLabel(c), fp);
		}
		final ImagePlus result = new ImagePlus(title, out);
		result.setDimensions(imp.getStackSize(), 1, 1);
		return result;
	}

	/** The reflectance as 8-bit counts 11 .. 89 (a camera's raw values): the second case. */
	static ImagePlus eightBit(final ImagePlus imp, final String title) {
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (int c = 1; c <= imp.getStackSize(); c++)
			for (final float v : (float[]) imp.getStack().getPixels(c)) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
		final ImageStack out = new ImageStack(imp.getWidth(), imp.getHeight());
		for (int c = 1; c <= imp.getStackSize(); c++) {
			final float[] v = (float[]) imp.getStack().getPixels(c);
			final ByteProcessor bp = new ByteProcessor(imp.getWidth(), imp.getHeight());
			for (int i = 0; i < v.length; i++) bp.set(i, (int) Math.round(11 + 78 * (v[i] - lo) / (hi - lo)));
			out.addSlice(imp.getStack().getSliceLabel(c), bp);
		}
		final ImagePlus result = new ImagePlus(title, out);
		result.setDimensions(imp.getStackSize(), 1, 1);
		return result;
	}

	static final String ACCEPT = ", or run with --accept-units (Fiji and macros: accept_units=true; pipelines: \"acceptUnits\": true)";

	@Test
	void anAllNegativeImageIsRefusedAndRunsWithTheUnitsAccepted() throws Exception {
		final Path out = dir.resolve("negative-out");
		final CliRun refused = CliRun.of("--device", "cpu", "posterior", negative.toString(), "--model", "msi-tissue-16band", "--samples", "2", "--out",
			out.toString());
		assertEquals(1, refused.exit(), refused.err());
		assertEquals("innsight posterior: error: negative.tif: 100.0 % of the 256 pixels to estimate have negative values, which the training data " +
			"of model msi-tissue-16band (diffuse reflectance (specular excluded)) do not have; 100.0 % of the 256 pixels to estimate lie outside the " +
			"training range of model msi-tissue-16band (diffuse reflectance (specular excluded): -0.00160 to 0.686 [0.1-99.9 % of its 200000 training " +
			"spectra, all bands]; negative.tif: " + range(negative) + "). Convert it to reflectance" + ACCEPT, refused.err().strip());
		assertFalse(Files.exists(out.resolve("posterior.json")), "nothing written");

		final CliRun accepted = CliRun.of("--device", "cpu", "posterior", negative.toString(), "--model", "msi-tissue-16band", "--samples", "2", "--out",
			out.toString(), "--accept-units");
		assertEquals(0, accepted.exit(), accepted.err());
		assertTrue(accepted.err().startsWith("innsight posterior: warning: negative.tif: units accepted as asked, though 100.0 % of the 256 pixels"),
			accepted.err());
		final JsonObject units = JsonParser.parseString(Files.readString(out.resolve("posterior.json"))).getAsJsonObject().getAsJsonObject("units");
		assertEquals("accepted", units.get(UnitsCheck.UNITS).getAsString());
		assertEquals(1.0, units.get(UnitsCheck.NEGATIVE).getAsDouble(), 0);
		assertEquals(1.0, units.get(UnitsCheck.OUTSIDE).getAsDouble(), 0);

		for (final String[] command : List.of(new String[] { "ood", negative.toString(), "--model", "msi-ood-16band", "--out", dir.resolve("o").toString() },
			new String[] { "transfer", "--model", "msi-sim2real-16band", "--input", negative.toString(), "--out", dir.resolve("t.tif").toString() })) {
			final CliRun r = CliRun.of(concat(new String[] { "--device", "cpu" }, command));
			assertEquals(1, r.exit(), r.err());
			assertTrue(r.err().contains(": error: negative.tif: 100.0 % of the 256 pixels to estimate have negative values") && r.err().strip().endsWith(ACCEPT),
				r.err());
		}
	}

	/** The image's own range, as the message gives it. */
	private static String range(final Path file) throws Exception {
		final ImagePlus imp = ImageFiles.open(file);
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (int c = 1; c <= imp.getStackSize(); c++)
			for (int i = 0; i < imp.getWidth() * imp.getHeight(); i++) {
				lo = Math.min(lo, imp.getStack().getProcessor(c).getf(i));
				hi = Math.max(hi, imp.getStack().getProcessor(c).getf(i));
			}
		return String.format(java.util.Locale.ROOT, "%.3g to %.3g", lo, hi);
	}

	private static String[] concat(final String[] a, final String[] b) {
		final String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	@Test
	void anEightBitImageOfCountsIsRefusedAndRunsWithTheUnitsAccepted() throws Exception {
		final Path out = dir.resolve("counts-out");
		final CliRun refused = CliRun.of("--device", "cpu", "posterior", counts.toString(), "--model", "msi-tissue-16band", "--samples", "2", "--out",
			out.toString());
		assertEquals(1, refused.exit(), refused.err());
		assertEquals("innsight posterior: error: counts.tif: 100.0 % of the 256 pixels to estimate lie outside the training range of model " +
			"msi-tissue-16band (diffuse reflectance (specular excluded): -0.00160 to 0.686 [0.1-99.9 % of its 200000 training spectra, all bands]; counts.tif: 11.0 to " +
			"89.0); the image is 8-bit: integer counts, not reflectance. Convert it to reflectance" + ACCEPT, refused.err().strip());
		final CliRun accepted = CliRun.of("--device", "cpu", "posterior", counts.toString(), "--model", "msi-tissue-16band", "--samples", "2", "--out",
			out.toString(), "--accept-units");
		assertEquals(0, accepted.exit(), accepted.err());
		assertTrue(accepted.err().contains("warning: counts.tif: units accepted as asked, though 100.0 % of the 256 pixels"), accepted.err());
		assertTrue(Files.exists(out.resolve("sO2_median.tif")));
	}

	@Test
	void fijiCommandsRefuseWrongUnitsUnlessAcceptUnitsIsTicked() throws Exception {
		final Context context = new Context(CommandService.class, PrefService.class);
		try {
			final ImagePlus imp = ImageFiles.open(counts);
			// every remembered key given: other tests' values must not leak in through the preferences
			final Object[] posterior = { "image", imp, "model", "msi-tissue-16band", "samples", 2, "seed", 1L, "statistics", "median", "mask", "none",
				"exclude", "none", "use_selection", false, "saturation", "auto", "threads", 1, "tile_size", 64, "device", "cpu" };
			final Exception e = assertThrows(Exception.class, () -> context.service(org.scijava.module.ModuleService.class).run(context.service(CommandService.class).getCommand(TissuePosteriorCommand.class), true, posterior).get());
			assertTrue(String.valueOf(rootMessage(e)).startsWith("counts.tif: 100.0 % of the 256 pixels to estimate lie outside"), rootMessage(e));
			final Object[] accepted = java.util.Arrays.copyOf(posterior, posterior.length + 2);
			accepted[posterior.length] = "accept_units";
			accepted[posterior.length + 1] = true;
			context.service(org.scijava.module.ModuleService.class).run(context.service(CommandService.class).getCommand(TissuePosteriorCommand.class), true, accepted).get();
			assertTrue(WindowManager.getImage("counts_sO2_median") != null);
			context.service(org.scijava.module.ModuleService.class).run(context.service(CommandService.class).getCommand(OodMapCommand.class), true, "image", imp, "model", "msi-ood-16band", "spread", false, "device", "cpu",
				"accept_units", true).get();
			assertTrue(WindowManager.getImage("counts_ood_mask") != null);
		}
		finally {
			final int[] ids = WindowManager.getIDList();
			if (ids != null) for (final int id : ids) WindowManager.getImage(id).close();
			// what these runs remembered must not become the next test's defaults
			context.service(PrefService.class).clear(TissuePosteriorCommand.class);
			context.service(PrefService.class).clear(OodMapCommand.class);
			context.dispose();
		}
	}

	private static String rootMessage(Throwable e) {
		while (e.getCause() != null) e = e.getCause();
		return e.getMessage();
	}

	@Test
	void aPipelineFailsTheScanUnlessAcceptUnitsAndReportsTheWarning() throws Exception {
		final Path in = dir.resolve("batch-in");
		Files.createDirectories(in);
		ImageFiles.save(ImageFiles.open(counts), in.resolve("counts.tif"), List.of());
		final String step = "[{\"step\": \"posterior\", \"options\": {\"model\": \"msi-tissue-16band\", \"samples\": 2%s}}]";
		final FileOutcome failed = batch(String.format(step, ""), in, dir.resolve("batch-refused")).outcomes().get(0);
		assertEquals(FileOutcome.Status.FAILED, failed.status());
		assertTrue(failed.reason().contains("counts.tif: 100.0 % of the 256 pixels to estimate lie outside"), failed.reason());
		final FileOutcome done = batch(String.format(step, ", \"acceptUnits\": true"), in, dir.resolve("batch-accepted")).outcomes().get(0);
		assertEquals(FileOutcome.Status.DONE, done.status(), done.reason());
		assertEquals("accepted", done.statistics().get("posterior." + UnitsCheck.UNITS));
		assertTrue(done.warnings().size() == 1 && done.warnings().get(0).contains("counts.tif: units accepted as asked"), done.warnings().toString());
	}

	private static BatchReport batch(final String pipeline, final Path in, final Path out) throws Exception {
		return new BatchRunner(StepRegistry.standard()).run(Pipeline.parse(pipeline, null),
			new BatchSettings(in, out).jobs(1).previews(false).device(Device.CPU), ProgressListener.NONE);
	}

	@Test
	void theBundledSampleDataPassesWithoutAWarning() throws Exception {
		final PosteriorRequest two = PosteriorRequest.defaults().with(PosteriorRequest.SAMPLES, 2);
		for (final String[] c : List.of(new String[] { "msi/image.tif", "msi-tissue-16band" }, new String[] { "pai/image.tif", "pai-tissue-16wl" }))
			try (PosteriorModel m = PosteriorModel.load(c[1], Device.CPU)) {
				assertOk(TissuePosterior.run(ImageFiles.open(sample(c[0])), null, null, false, m, two, null).outputs(), c[0]);
			}
		try (OodModel m = OodModel.load("msi-ood-16band", Device.CPU)) {
			assertOk(OodMaps.run(ImageFiles.openSpectral(sample("msi/image.tif")), m, OodRequest.defaults(), null), "ood");
		}
		try (TransferModel m = TransferModel.load("msi-sim2real-16band", Device.CPU)) {
			final SpectralImage msi = ImageFiles.openSpectral(sample("msi/image.tif"));
			assertOk(DomainTransfer.run(msi, m, TransferRequest.defaults(), null), "transfer image");
			assertOk(DomainTransfer.run(TableFiles.read(sample("transfer/sim_heldout.h5")), m, TransferRequest.defaults(), null), "sim table");
			assertOk(DomainTransfer.run(TableFiles.read(sample("transfer/real_heldout.h5")), m, TransferRequest.defaults().with(TransferRequest.TO, "source"),
				null), "real table");
		}
	}

	private static void assertOk(final Outputs out, final String what) {
		assertEquals("ok", out.statistics().get(UnitsCheck.UNITS), what);
		assertEquals(List.of(), out.warnings(), what);
		assertEquals(0.0, (double) out.statistics().get(UnitsCheck.OUTSIDE), 0, what);
		assertEquals(0.0, (double) out.statistics().get(UnitsCheck.NEGATIVE), 0, what);
	}

	@Test
	void tenPercentOfThePixelsOutsideTheRangeWarnUnlessExcluded() throws Exception {
		final ImagePlus imp = crop(ImageFiles.open(sample("msi/image.tif")), 20, 20, 20, 20);
		final ImagePlus odd = map(imp, "odd.tif", v -> v);
		final ByteProcessor flags = new ByteProcessor(20, 20);
		for (int i = 0; i < 40; i++) { // 40 of 400 pixels ten times as bright as any tissue
			for (int c = 1; c <= 16; c++) odd.getStack().getProcessor(c).setf(i, 10 * odd.getStack().getProcessor(c).getf(i));
			flags.set(i, 255);
		}
		final PosteriorRequest two = PosteriorRequest.defaults().with(PosteriorRequest.SAMPLES, 2);
		try (PosteriorModel m = PosteriorModel.load("msi-tissue-16band", Device.CPU)) {
			final Outputs warned = TissuePosterior.run(odd, null, null, false, m, two, null).outputs();
			assertEquals("warning", warned.statistics().get(UnitsCheck.UNITS));
			assertEquals(0.1, (double) warned.statistics().get(UnitsCheck.OUTSIDE), 0);
			assertEquals(1, warned.warnings().size());
			assertTrue(warned.warnings().get(0).startsWith("odd.tif: 10.0 % of the 400 pixels to estimate lie outside the training range of model " +
				"msi-tissue-16band"), warned.warnings().get(0));
			assertTrue(Float.isFinite(warned.image("sO2_median").getProcessor().getf(0)), "the work ran");
			// the same pixels flagged (e.g. by an OOD mask) are not estimated, so not checked
			final Outputs excluded = TissuePosterior.run(odd, null, new ImagePlus("flags", flags), false, m, two, null).outputs();
			assertEquals("ok", excluded.statistics().get(UnitsCheck.UNITS));
			assertEquals(List.of(), excluded.warnings());
		}
		final Path file = dir.resolve("odd.tif");
		ImageFiles.save(odd, file, List.of());
		final CliRun cli = CliRun.of("--device", "cpu", "posterior", file.toString(), "--model", "msi-tissue-16band", "--samples", "2", "--out",
			dir.resolve("odd-out").toString());
		assertEquals(0, cli.exit(), cli.err());
		assertTrue(cli.err().startsWith("innsight posterior: warning: odd.tif: 10.0 % of the 400 pixels"), cli.err());
	}

	@AfterAll
	static void closeImages() {
		final int[] ids = WindowManager.getIDList();
		if (ids != null) for (final int id : ids) WindowManager.getImage(id).close();
	}
}
