package org.innsight.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.innsight.cli.TerminalProgress;
import org.innsight.io.ImageFiles;
import org.innsight.ood.OodMaps;
import org.innsight.ood.OodModel;
import org.innsight.ood.OodRequest;
import org.innsight.request.Outputs;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;

/** Out-of-distribution maps of the multispectral sample with the default OOD model, checked against the foreign patch. */
final class OodDemo implements DemoStep {

	static final String MODEL = "msi-ood-16band";

	/** What each output image is, for the demo's README. */
	private static final Map<String, String> WHAT = Map.of(OodMaps.SCORE, "OOD score (-WAIC per band; higher = more out of distribution)", OodMaps.MASK,
		"OOD mask (255 = above the model's threshold)", OodMaps.SPREAD, "spread of log p over the ensemble's members (nats)");

	@Override
	public String name() {
		return "ood";
	}

	@Override
	public String description() {
		return "Out-of-distribution score, mask and log-likelihood spread of sample-data/msi with " + MODEL;
	}

	@Override
	public void run(final DemoContext demo) throws Exception {
		final Path image = demo.samples().resolve("msi").resolve("image.tif");
		final Path model = demo.repo().resolve("models").resolve(MODEL);
		if (!Files.isRegularFile(image)) demo.skip("no " + image);
		if (!Files.isDirectory(model)) demo.skip("no model " + model + " (train it with the command in models/" + MODEL + "/README.md)");
		final Outputs r;
		try (OodModel m = OodModel.load(model, demo.device()); TerminalProgress bar = demo.progress("ood")) {
			r = OodMaps.run(ImageFiles.openSpectral(image), m, OodRequest.defaults().with(OodRequest.SPREAD, true), bar);
		}
		for (final String w : r.warnings()) demo.note("warning: " + w);
		for (final Map.Entry<String, ImagePlus> e : r.images().entrySet()) save(demo, e.getValue(), e.getKey() + ".tif", WHAT.get(e.getKey()));
		demo.note(String.format(Locale.ROOT, "%.2f%% of the pixels out of distribution (threshold %.3f)", 100 * (double) r.statistics().get(OodMaps.FRACTION),
			r.statistics().get(OodMaps.THRESHOLD)));
		final Path foreign = image.resolveSibling("foreign_mask.tif");
		if (Files.isRegularFile(foreign)) demo.note(patchFigures(r.image(OodMaps.MASK), IJ.openImage(foreign.toString())));
	}

	private static void save(final DemoContext demo, final ImagePlus imp, final String name, final String what) throws IOException {
		demo.write(name, what, tmp -> {
			if (!new FileSaver(imp).saveAsTiff(tmp.toString())) throw new IOException("cannot write " + tmp);
		});
	}

	/** Flagged share of the foreign patch and of the tissue. */
	static String patchFigures(final ImagePlus mask, final ImagePlus foreign) {
		final ij.process.ImageProcessor m = mask.getProcessor();
		long patch = 0, patchFlagged = 0, tissue = 0, tissueFlagged = 0;
		for (int y = 0; y < foreign.getHeight(); y++)
			for (int x = 0; x < foreign.getWidth(); x++) {
				final boolean flagged = m.get(x, y) != 0;
				if (foreign.getProcessor().get(x, y) != 0) {
					patch++;
					if (flagged) patchFlagged++;
				}
				else {
					tissue++;
					if (flagged) tissueFlagged++;
				}
			}
		return String.format(Locale.ROOT, "foreign patch flagged %.1f%% (%d of %d pixels), tissue flagged %.2f%% (%d of %d)", 100.0 * patchFlagged / patch,
			patchFlagged, patch, 100.0 * tissueFlagged / tissue, tissueFlagged, tissue);
	}
}
