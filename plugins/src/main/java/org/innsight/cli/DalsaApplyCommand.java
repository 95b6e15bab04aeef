package org.innsight.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.dalsa.DalsaClassifier;
import org.innsight.dalsa.DalsaSegmenter;
import org.innsight.dalsa.Dice;
import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.features.FeatureExtractor;
import org.innsight.dalsa.io.ClassifierFile;
import org.innsight.dalsa.VolumeImages;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code innsight dalsa apply}: segment a scan with a saved classifier. */
@Command(name = "apply", mixinStandardHelpOptions = true, description = "Segment a scan with a saved DALSA classifier.")
final class DalsaApplyCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "-m", "--model" }, required = true, paramLabel = "FILE", description = "Classifier file (.dalsa) from 'dalsa train'.")
	Path model;

	@Mixin
	DalsaInputs inputs;

	@Option(names = { "-o", "--out" }, required = true, paramLabel = "FILE", description = "Label map to write (class labels; 0 outside the foreground).")
	Path out;

	@Option(names = "--probabilities", paramLabel = "FILE", description = "Also write per-class probability maps (one channel per class).")
	Path probabilities;

	@Option(names = "--truth", paramLabel = "FILE", description = "Ground-truth label image: print Dice per class and overall.")
	Path truth;

	@Option(names = "--whole", split = ",", paramLabel = "LABEL", description = "Labels whose union is also scored, e.g. 2,3,4 (whole tumour).")
	int[] whole = {};

	@Option(names = "--tile", split = ",", paramLabel = "X,Y,Z", description = "Tile core for features (memory bound; default: 256,256,16).")
	int[] tile = FeatureExtractor.DEFAULT_TILE.clone();

	@Override
	public Integer call() throws Exception {
		final InnSightCli root = (InnSightCli) spec.root().userObject();
		final DalsaClassifier classifier = ClassifierFile.load(model);
		final MultiModalScan scan = inputs.read();
		final long t0 = System.nanoTime();
		final DalsaSegmenter.Segmentation s;
		try (TerminalProgress progress = TerminalProgress.start("dalsa")) {
			s = DalsaSegmenter.segment(classifier, scan, inputs.mask(scan), probabilities != null, tile, root.threads(), progress);
		}
		final double seconds = (System.nanoTime() - t0) / 1e9;
		final List<Path> read = inputs.files();
		read.add(model);
		if (truth != null) read.add(truth);
		VolumeImages.save(VolumeImages.image(s.labels(), "labels"), out, read);
		if (probabilities != null) VolumeImages.save(VolumeImages.channels(s.probabilities(), classifier.classNames(), "probabilities"), probabilities, read);
		System.out.printf(Locale.ROOT, "classes:     %s = %s%n", java.util.Arrays.toString(classifier.classLabels()), classifier.classNames());
		System.out.printf(Locale.ROOT, "segmented:   %s in %.1f s%n", scan.grid(), seconds);
		if (truth != null) {
			final LabelVolume t = VolumeImages.readLabels(truth);
			t.requireGridOf(scan.grid(), "ground truth " + truth);
			final double[] dice = Dice.perLabel(s.labels(), t, classifier.classLabels());
			for (int c = 0; c < dice.length; c++)
				System.out.printf(Locale.ROOT, "Dice %-12s %.3f%n", classifier.classNames().get(c), dice[c]);
			System.out.printf(Locale.ROOT, "Dice %-12s %.3f%n", "mean", Dice.mean(dice));
			if (whole.length > 0) System.out.printf(Locale.ROOT, "Dice %-12s %.3f%n", "union " + java.util.Arrays.toString(whole), Dice.of(s.labels(), t, whole));
		}
		System.out.println("wrote:       " + out + (probabilities != null ? ", " + probabilities : ""));
		return 0;
	}
}
