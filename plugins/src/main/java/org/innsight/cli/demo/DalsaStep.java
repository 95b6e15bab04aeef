package org.innsight.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.innsight.cli.TerminalProgress;
import org.innsight.dalsa.Dice;
import org.innsight.dalsa.DalsaWorkflow;
import org.innsight.dalsa.TrainingOptions;
import org.innsight.dalsa.io.ClassifierFile;
import org.innsight.dalsa.io.PhantomFiles;
import org.innsight.dalsa.VolumeImages;
import org.innsight.dalsa.phantom.BrainTumourPhantom;

import ij.ImagePlus;
import ij.io.FileSaver;

/** DALSA on the MR phantom of the sample data: train on the unbiased scribbles (weighted), segment, score. */
final class DalsaStep implements DemoStep {

	@Override
	public String name() {
		return "dalsa";
	}

	@Override
	public String description() {
		return "DALSA: tumour classifier trained from sparse scribbles of the MR phantom with importance weighting";
	}

	@Override
	public void run(final DemoContext demo) throws Exception {
		final Path dir = demo.samples().resolve("mr");
		if (!Files.isDirectory(dir)) demo.skip("no MR phantom in " + dir);
		final PhantomFiles.Sample sample = PhantomFiles.read(dir);
		final DalsaWorkflow.Outcome o;
		try (TerminalProgress progress = demo.progress("dalsa")) {
			o = DalsaWorkflow.trainAndSegment(sample.scan(), sample.unbiased(), DalsaWorkflow.parseClassNames(String.join(",",
				BrainTumourPhantom.CLASS_NAMES)), TrainingOptions.defaults(), true, progress);
		}
		demo.write("phantom.dalsa", "the trained classifier", tmp -> ClassifierFile.save(o.training().classifier(), tmp, List.of()));
		tiff(demo, "labels.tif", "label map (1 healthy, 2 oedema, 3 enhancing, 4 necrosis)", VolumeImages.image(o.segmentation().labels(), "labels"));
		tiff(demo, "probabilities.tif", "probability map per class (channels)",
			VolumeImages.channels(o.segmentation().probabilities(), o.training().classifier().classNames(), "probabilities"));
		tiff(demo, "weights.tif", "importance weight of each annotated voxel", VolumeImages.image(o.training().weightMap(), "weights"));
		final double[] dice = Dice.perLabel(o.segmentation().labels(), sample.truth(), new int[] { 1, 2, 3, 4 });
		demo.note(String.format(Locale.ROOT, "%d annotated voxels; Dice healthy %.3f, oedema %.3f, enhancing %.3f, necrosis %.3f, whole tumour %.3f",
			o.training().annotatedVoxels(), dice[0], dice[1], dice[2], dice[3], Dice.of(o.segmentation().labels(), sample.truth(), BrainTumourPhantom.WHOLE_TUMOUR)));
	}

	private static void tiff(final DemoContext demo, final String name, final String what, final ImagePlus imp) throws IOException {
		demo.write(name, what, tmp -> {
			if (!new FileSaver(imp).saveAsTiff(tmp.toString())) throw new IOException("cannot write " + tmp);
		});
	}
}
