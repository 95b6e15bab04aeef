package org.innsight.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.innsight.cli.TerminalProgress;
import org.innsight.image.CalibratedImage;
import org.innsight.image.ImagePlusBridge;
import org.innsight.io.ImageFiles;
import org.innsight.ood.OodMaps;
import org.innsight.ood.OodModel;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** Out-of-distribution maps of the multispectral sample with the default OOD model, checked against the foreign patch. */
final class OodStep implements DemoStep {

	static final String MODEL = "msi-ood-16band";

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
		final OodMaps.Result r;
		try (OodModel m = OodModel.load(model, demo.device()); TerminalProgress bar = demo.progress("ood")) {
			r = OodMaps.compute(ImageFiles.openSpectral(image), m, true, bar);
		}
		save(demo, r.score(), "ood_score.tif", "OOD score (-WAIC per band; higher = more out of distribution)");
		save(demo, r.mask(), "ood_mask.tif", "OOD mask (255 = above the model's threshold)");
		save(demo, r.spread(), "ood_spread.tif", "spread of log p over the ensemble's members (nats)");
		demo.note(String.format(Locale.ROOT, "%.2f%% of the pixels out of distribution (threshold %.3f)", 100 * r.flaggedFraction(), r.threshold()));
		final Path foreign = image.resolveSibling("foreign_mask.tif");
		if (Files.isRegularFile(foreign)) demo.note(patchFigures(r.mask(), IJ.openImage(foreign.toString())));
	}

	private static void save(final DemoContext demo, final CalibratedImage<?> map, final String name, final String what) throws IOException {
		final ImagePlus imp = ImagePlusBridge.toImagePlus(map);
		demo.write(name, what, tmp -> {
			if (!new FileSaver(imp).saveAsTiff(tmp.toString())) throw new IOException("cannot write " + tmp);
		});
	}

	/** Flagged share of the foreign patch and of the tissue. */
	static String patchFigures(final CalibratedImage<UnsignedByteType> mask, final ImagePlus foreign) {
		final RandomAccess<UnsignedByteType> m = mask.image().randomAccess();
		long patch = 0, patchFlagged = 0, tissue = 0, tissueFlagged = 0;
		for (int y = 0; y < foreign.getHeight(); y++)
			for (int x = 0; x < foreign.getWidth(); x++) {
				m.setPosition(new long[] { x, y });
				final boolean flagged = m.get().get() != 0;
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
