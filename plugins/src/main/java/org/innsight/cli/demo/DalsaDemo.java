package org.innsight.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.innsight.cli.TerminalProgress;
import org.innsight.dalsa.Dalsa;
import org.innsight.dalsa.DalsaApplyRequest;
import org.innsight.dalsa.DalsaTrainRequest;
import org.innsight.dalsa.Dice;
import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.VolumeImages;
import org.innsight.dalsa.io.ClassifierFile;
import org.innsight.dalsa.io.PhantomFiles;
import org.innsight.dalsa.phantom.BrainTumourPhantom;
import org.innsight.request.Outputs;

import ij.ImagePlus;
import ij.io.FileSaver;

/** DALSA on the MR phantom of the sample data: train on the unbiased scribbles (weighted), segment, score. */
final class DalsaDemo implements DemoStep {

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
		final DalsaTrainRequest training = DalsaTrainRequest.defaults().with(DalsaTrainRequest.CLASS_NAMES, String.join(",", BrainTumourPhantom.CLASS_NAMES));
		final DalsaApplyRequest applying = DalsaApplyRequest.defaults().with(DalsaApplyRequest.PROBABILITIES, true);
		final Dalsa.Trained trained;
		final Outputs segmented;
		try (TerminalProgress progress = demo.progress("dalsa")) {
			trained = Dalsa.train(sample.scan(), sample.unbiased(), null, null, training, 0, progress);
			segmented = Dalsa.apply(sample.scan(), trained.classifier(), null, applying, 0, progress);
		}
		demo.write("phantom.dalsa", "the trained classifier", tmp -> ClassifierFile.save(trained.classifier(), tmp, List.of()));
		tiff(demo, "labels.tif", "label map (1 healthy, 2 oedema, 3 enhancing, 4 necrosis)", segmented.image(Dalsa.LABELS));
		tiff(demo, "probabilities.tif", "probability map per class (channels)", segmented.image(Dalsa.PROBABILITIES));
		tiff(demo, "weights.tif", "importance weight of each annotated voxel", trained.outputs().image(Dalsa.WEIGHTS));
		final LabelVolume labels = VolumeImages.labels(segmented.image(Dalsa.LABELS), "labels");
		final double[] dice = Dice.perLabel(labels, sample.truth(), new int[] { 1, 2, 3, 4 });
		demo.note(String.format(Locale.ROOT, "%d annotated voxels; Dice healthy %.3f, oedema %.3f, enhancing %.3f, necrosis %.3f, whole tumour %.3f",
			trained.outputs().statistics().get("annotated_voxels"), dice[0], dice[1], dice[2], dice[3],
			Dice.of(labels, sample.truth(), BrainTumourPhantom.WHOLE_TUMOUR)));
	}

	private static void tiff(final DemoContext demo, final String name, final String what, final ImagePlus imp) throws IOException {
		demo.write(name, what, tmp -> {
			if (!new FileSaver(imp).saveAsTiff(tmp.toString())) throw new IOException("cannot write " + tmp);
		});
	}
}
