package org.innsight.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.innsight.cli.TerminalProgress;
import org.innsight.mws.MwsInput;
import org.innsight.mws.MwsRequest;
import org.innsight.mws.MwsSegmentation;
import org.innsight.request.Outputs;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.io.Opener;

/** Mutex Watershed on sample-data/mws: from the noisy affinities, and from the membrane image itself. */
final class MwsDemo implements DemoStep {

	@Override
	public String name() {
		return "mws";
	}

	@Override
	public String description() {
		return "Mutex Watershed: cells of the synthetic membrane image from noisy affinities, and from the image alone";
	}

	@Override
	public void run(final DemoContext demo) throws Exception {
		final Path dir = demo.samples().resolve("mws");
		if (!Files.isRegularFile(dir.resolve("affinities.h5"))) demo.skip("no MWS sample in " + dir);
		final ImagePlus cells = new Opener().openImage(dir.resolve("cells.tif").toString());
		final MwsRequest fromImage = MwsRequest.defaults().with(MwsRequest.FROM, "boundary").with(MwsRequest.SIGMA, 1.0).with(MwsRequest.MIN_SIZE, 100);
		final Outputs a, b;
		try (TerminalProgress progress = demo.progress("mws")) {
			a = MwsSegmentation.run(MwsInput.affinities(dir.resolve("affinities.h5")), MwsRequest.defaults(), null, progress).outputs();
			b = MwsSegmentation.run(MwsInput.image(cells), fromImage, null, progress).outputs();
		}
		save(demo, "labels_from_affinities", "labels from affinities.h5 (glasbey-like LUT)", a);
		save(demo, "labels_from_image", "labels from cells.tif as a boundary map (sigma 1, min size 100)", b);
		demo.note(String.format(Locale.ROOT, "%d segments from the affinities, %d from the image alone; the sample has 49 cells",
			a.statistics().get("largest_label"), b.statistics().get("largest_label")));
	}

	private static void save(final DemoContext demo, final String name, final String what, final Outputs outputs) throws IOException {
		final ImagePlus imp = outputs.image(MwsSegmentation.LABELS);
		imp.setTitle(name);
		demo.write(name + ".tif", what, tmp -> check(new FileSaver(imp).saveAsTiff(tmp.toString()), tmp));
		demo.write(name + ".png", "preview of " + name, tmp -> check(new FileSaver(imp.flatten()).saveAsPng(tmp.toString()), tmp));
	}

	private static void check(final boolean ok, final Path file) throws IOException {
		if (!ok) throw new IOException("cannot write " + file);
	}
}
