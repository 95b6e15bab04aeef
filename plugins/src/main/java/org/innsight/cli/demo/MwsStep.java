package org.innsight.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.innsight.cli.TerminalProgress;
import org.innsight.mws.AffinitiesFromImage;
import org.innsight.mws.AffinityFiles;
import org.innsight.mws.MutexWatershed;
import org.innsight.mws.MwsImages;
import org.innsight.mws.MwsOptions;
import org.innsight.mws.Offsets;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.io.Opener;

/** Mutex Watershed on sample-data/mws: from the noisy affinities, and from the membrane image itself. */
final class MwsStep implements DemoStep {

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
		final AffinityFiles.Loaded loaded = AffinityFiles.readHdf5(dir.resolve("affinities.h5"), AffinityFiles.DEFAULT_DATASET, null);
		final ImagePlus cells = new Opener().openImage(dir.resolve("cells.tif").toString());
		final MwsImages.Pixels image = MwsImages.pixels(cells);
		final int[] fromAffinities, fromImage;
		try (TerminalProgress progress = demo.progress("mws")) {
			fromAffinities = MutexWatershed.segment(loaded.affinities, new MwsOptions().attractive(loaded.attractive).progress(progress));
			fromImage = MutexWatershed.segment(AffinitiesFromImage.fromBoundaryMap(image.values, image.dims, Offsets.defaults(2), 1.0, 2),
				new MwsOptions().minSize(100).progress(progress));
		}
		save(demo, "labels_from_affinities", "labels from affinities.h5 (glasbey-like LUT)", fromAffinities, image.dims);
		save(demo, "labels_from_image", "labels from cells.tif as a boundary map (sigma 1, min size 100)", fromImage, image.dims);
		demo.note(String.format(Locale.ROOT, "%d segments from the affinities, %d from the image alone; the sample has 49 cells",
			max(fromAffinities), max(fromImage)));
	}

	private static void save(final DemoContext demo, final String name, final String what, final int[] labels, final int[] dims) throws IOException {
		final ImagePlus imp = MwsImages.labels(labels, dims, name, null);
		demo.write(name + ".tif", what, tmp -> check(new FileSaver(imp).saveAsTiff(tmp.toString()), tmp));
		demo.write(name + ".png", "preview of " + name, tmp -> check(new FileSaver(imp.flatten()).saveAsPng(tmp.toString()), tmp));
	}

	private static void check(final boolean ok, final Path file) throws IOException {
		if (!ok) throw new IOException("cannot write " + file);
	}

	private static int max(final int[] labels) {
		int m = 0;
		for (final int l : labels) m = Math.max(m, l);
		return m;
	}
}
