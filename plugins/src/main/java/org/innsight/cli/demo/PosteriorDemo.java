package org.innsight.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innsight.cli.TerminalProgress;
import org.innsight.plots.PosteriorPlots;
import org.innsight.image.SpectralImage;
import org.innsight.posterior.MapComparison;
import org.innsight.posterior.PixelInspector;
import org.innsight.posterior.PosteriorModel;
import org.innsight.posterior.PosteriorOptions;
import org.innsight.posterior.PosteriorRequest;
import org.innsight.posterior.TissuePosterior;
import org.innsight.request.Outputs;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import net.imglib2.img.array.ArrayImgs;

/**
 * Tissue posteriors of the sample images: {@code sample-data/msi} with {@code msi-tissue-16band} and
 * {@code sample-data/pai} with {@code pai-tissue-16wl}. Writes every map (TIFF), PNG previews of the median
 * and IQR maps, the posterior of the most blood-filled vessel pixel (pixel inspector), and notes how far the
 * median maps are from the ground truth.
 */
final class PosteriorDemo implements DemoStep {

	private static final String[][] CASES = { { "msi", "msi-tissue-16band", "vHb_1" }, { "pai", "pai-tissue-16wl", "vHb" } };

	@Override
	public String name() {
		return "posterior";
	}

	@Override
	public String description() {
		return "Tissue Posterior Estimation on the MSI and PAI sample images: median/mean/IQR/modes maps, a vessel pixel's posterior, error vs ground truth";
	}

	@Override
	public void run(final DemoContext demo) throws Exception {
		int done = 0;
		for (final String[] c : CASES) {
			final Path image = demo.samples().resolve(c[0]).resolve("image.tif");
			final Path model = demo.repo().resolve("models").resolve(c[1]);
			if (!Files.isRegularFile(image) || !Files.isDirectory(model)) {
				demo.note(c[0] + ": skipped (" + (Files.isRegularFile(image) ? "no model " + model : "no " + image) + ")");
				continue;
			}
			run(demo, c[0], image, model, c[2]);
			done++;
		}
		if (done == 0) demo.skip("no sample image with its model (" + demo.samples() + ", " + demo.repo().resolve("models") + ")");
	}

	private static void run(final DemoContext demo, final String what, final Path imageFile, final Path modelDir, final String bloodVolume)
		throws Exception
	{
		final ImagePlus image = IJ.openImage(imageFile.toString());
		final PosteriorRequest request = PosteriorRequest.defaults();
		final TissuePosterior.Result r;
		try (PosteriorModel model = PosteriorModel.load(modelDir, demo.device());
			TerminalProgress bar = demo.progress("posterior " + what))
		{
			r = TissuePosterior.run(image, null, null, false, model, request, bar);
			demo.note(String.format(Locale.ROOT, "%s: %s with %s, %d samples/pixel, %.1f s", what, r.counts(), model.name(), request.samples(),
				r.seconds()));
			for (final String w : r.outputs().warnings()) demo.note("warning: " + w);
			for (final Map.Entry<String, ImagePlus> e : r.outputs().images().entrySet()) {
				final ImagePlus map = e.getValue();
				final String name = what + "_" + e.getKey();
				final String unit = map.getCalibration().getValueUnit();
				demo.write(name + ".tif", map.getTitle() + " (32-bit" + ("1".equals(unit) || unit.isEmpty() ? "" : ", in " + unit) + ")",
					tmp -> save(new FileSaver(map).saveAsTiff(tmp.toString()), tmp));
				final String stat = map.getProp("statistic");
				if ("median".equals(stat) || "IQR".equals(stat))
					demo.write(name + ".png", "preview of " + map.getTitle() + " with its LUT", tmp -> save(new FileSaver(map.flatten()).saveAsPng(tmp.toString()), tmp));
			}
			compareWithTruth(demo, what, imageFile.resolveSibling("ground_truth.tif"), imageFile.resolveSibling("foreign_mask.tif"), model.parameters(),
				r.outputs());
			inspectVessel(demo, what, image, imageFile.resolveSibling("ground_truth.tif"), bloodVolume, model);
		}
	}

	/** MAE of each median map against the ground truth over tissue pixels (foreign patch left out). */
	private static void compareWithTruth(final DemoContext demo, final String what, final Path truthFile, final Path maskFile,
		final List<String> parameters, final Outputs maps)
	{
		if (!Files.isRegularFile(truthFile)) return;
		final ImagePlus truth = IJ.openImage(truthFile.toString());
		final ImagePlus foreign = Files.isRegularFile(maskFile) ? IJ.openImage(maskFile.toString()) : null;
		final int w = truth.getWidth(), h = truth.getHeight();
		final float[] tissue = new float[w * h];
		for (int i = 0; i < tissue.length; i++) tissue[i] = foreign == null || foreign.getProcessor().get(i) == 0 ? 1 : 0;
		for (final String parameter : parameters) {
			final ImagePlus median = maps.images().get(parameter + "_median");
			final float[] t = plane(truth, parameter);
			if (median == null || t == null) continue;
			final float[] m = (float[]) median.getProcessor().getPixels();
			final MapComparison c = MapComparison.of(ArrayImgs.floats(m, w, h), ArrayImgs.floats(t, w, h), ArrayImgs.floats(tissue, w, h));
			final String unit = median.getCalibration().getValueUnit();
			demo.note(String.format(Locale.ROOT, "%s: %s median vs ground truth on %d tissue pixels: MAE %.4f, median |error| %.4f, bias %+.4f %s", what,
				parameter, c.pixels(), c.mae(), c.medianAbsoluteError(), c.bias(), unit.equals("1") ? "" : unit));
		}
	}

	/** The posterior of a vessel pixel (most blood; of those, the deepest row: for PAI the most ambiguous), as plots. */
	private static void inspectVessel(final DemoContext demo, final String what, final ImagePlus image, final Path truthFile, final String bloodVolume,
		final PosteriorModel model) throws IOException
	{
		if (!Files.isRegularFile(truthFile)) return;
		final float[] v = plane(IJ.openImage(truthFile.toString()), bloodVolume);
		if (v == null) return;
		float max = Float.NEGATIVE_INFINITY;
		for (final float f : v) if (f > max) max = f;
		int best = 0;
		for (int i = 0; i < v.length; i++) if (v[i] >= 0.99f * max) best = i; // the last in row order: the deepest
		final int x = best % image.getWidth(), y = best / image.getWidth();
		final PosteriorOptions o = new PosteriorOptions();
		o.samples = 1000;
		final PixelInspector.Inspection in = PixelInspector.inspect(SpectralImage.of(image), x, y, 1, 1, 0, model, o);
		for (final PixelInspector.ParameterPosterior p : in.parameters()) {
			final String name = what + "_inspect_" + x + "_" + y + "_" + p.name() + ".png";
			demo.write(name, p.name() + " posterior at vessel " + in.where() + " (histogram, density, median)",
				tmp -> PosteriorPlots.savePng(PosteriorPlots.inspection(in, p), tmp, List.of()));
		}
	}

	private static float[] plane(final ImagePlus stack, final String label) {
		for (int i = 1; i <= stack.getStackSize(); i++)
			if (label.equals(stack.getStack().getSliceLabel(i))) return (float[]) stack.getStack().getProcessor(i).convertToFloatProcessor().getPixels();
		return null;
	}

	private static void save(final boolean ok, final Path file) throws IOException {
		if (!ok) throw new IOException("cannot write " + file);
	}
}
