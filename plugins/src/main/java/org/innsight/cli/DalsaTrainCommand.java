package org.innsight.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.dalsa.DalsaTrainer;
import org.innsight.dalsa.DalsaWorkflow;
import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.TrainingOptions;
import org.innsight.dalsa.features.FeatureSettings;
import org.innsight.forest.ForestSettings;
import org.innsight.dalsa.io.ClassifierFile;
import org.innsight.dalsa.VolumeImages;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code innsight dalsa train}: learn a classifier from a scan and its sparse annotations. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a DALSA classifier from sparse annotations of one scan.")
final class DalsaTrainCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	DalsaInputs inputs;

	@Option(names = "--labels", required = true, paramLabel = "FILE", description = "Annotations: label image, 0 = unannotated, 1..255 = classes.")
	Path labels;

	@Option(names = "--class-names", split = ",", paramLabel = "LABEL=NAME",
		description = "Class names, e.g. 1=healthy,2=oedema,3=enhancing,4=necrosis (default: class N).")
	List<String> classNames = new ArrayList<>();

	@Option(names = { "-o", "--out" }, required = true, paramLabel = "FILE", description = "Classifier file to write (.dalsa).")
	Path out;

	@Option(names = "--weight-map", paramLabel = "FILE", description = "Also write the importance weight of each annotated voxel (0 elsewhere).")
	Path weightMap;

	@Mixin
	DalsaTrainingMixin training;

	@Override
	public Integer call() throws Exception {
		final InnSightCli root = (InnSightCli) spec.root().userObject();
		final MultiModalScan scan = inputs.read();
		final LabelVolume annotations = VolumeImages.readLabels(labels);
		final TrainingOptions options = training.options(root.threads());
		final DalsaTrainer.Result r;
		try (TerminalProgress progress = TerminalProgress.start("dalsa")) {
			r = DalsaTrainer.train(scan, annotations, inputs.mask(scan), DalsaWorkflow.parseClassNames(String.join(",", classNames)), options, progress);
		}
		final List<Path> read = inputs.files();
		read.add(labels);
		ClassifierFile.save(r.classifier(), out, read);
		if (weightMap != null) VolumeImages.save(VolumeImages.image(r.weightMap(), "weights"), weightMap, read);
		System.out.printf(Locale.ROOT, "modalities:  %s%n", scan.names());
		System.out.printf(Locale.ROOT, "classes:     %s = %s%n", java.util.Arrays.toString(r.classifier().classLabels()), r.classifier().classNames());
		System.out.printf(Locale.ROOT, "annotated:   %d voxels (%.3f%% of the scan)%s%n", r.annotatedVoxels(), 100.0 * r.annotatedVoxels() / scan.voxelCount(),
			r.ignoredVoxels() > 0 ? ", " + r.ignoredVoxels() + " outside the foreground ignored" : "");
		System.out.printf(Locale.ROOT, "features:    %d (%s)%n", r.classifier().forest().featureCount(), options.features());
		if (r.weightSummary() != null)
			System.out.printf(Locale.ROOT, "weights:     min %.3g, median %.3g, mean %.3g, max %.3g%n", r.weightSummary()[0], r.weightSummary()[1],
				r.weightSummary()[2], r.weightSummary()[3]);
		else System.out.println("weights:     off (every annotated voxel counts 1)");
		System.out.printf(Locale.ROOT, "forest:      %d trees, mean depth %.1f, out-of-bag accuracy %.3f%n", r.classifier().forest().treeCount(),
			r.classifier().forest().meanDepth(), r.classifier().forest().outOfBagAccuracy());
		System.out.printf(Locale.ROOT, "time:        features %.1f s, weights %.1f s, forest %.1f s%n", r.seconds()[0], r.seconds()[1], r.seconds()[2]);
		System.out.println("wrote:       " + out + (weightMap != null ? ", " + weightMap : ""));
		return 0;
	}

	/** Options shared with the evaluation and the benchmark. */
	static final class DalsaTrainingMixin {
		@Option(names = "--trees", defaultValue = "255", description = "Trees in the forest (default: ${DEFAULT-VALUE}).")
		int trees;

		@Option(names = "--no-weighting", description = "Turn importance weighting off (plain sparse training).")
		boolean noWeighting;

		@Option(names = "--sigmas", split = ",", paramLabel = "MM", description = "Feature scales in mm (default: 1,2,4,8).")
		double[] sigmas = FeatureSettings.DEFAULT_SIGMAS_MM.clone();

		@Option(names = "--structure-tensor", description = "Add structure-tensor eigenvalues to the features.")
		boolean structureTensor;

		@Option(names = "--l2", defaultValue = "1.0", description = "Ridge penalty of the weighting regression (default: ${DEFAULT-VALUE}).")
		double l2;

		@Option(names = "--weighting-samples", defaultValue = "20000",
			description = "Scan voxels drawn to fit the weighting regression (default: ${DEFAULT-VALUE}).")
		int weightingSamples;

		@Option(names = "--seed", defaultValue = "1", description = "Random seed of sampling and forest (default: ${DEFAULT-VALUE}).")
		long seed;

		@Option(names = "--tile", split = ",", paramLabel = "X,Y,Z", description = "Tile core for features (memory bound; default: 256,256,16).")
		int[] tile = org.innsight.dalsa.features.FeatureExtractor.DEFAULT_TILE.clone();

		TrainingOptions options(final int threads) {
			if (tile.length != 3) throw new IllegalArgumentException("--tile needs three sizes X,Y,Z");
			final FeatureSettings features = new FeatureSettings(sigmas, structureTensor, FeatureSettings.DEFAULT_TRUNCATE);
			final ForestSettings forest = ForestSettings.defaults().withTrees(trees).withSeed(seed).withThreads(threads);
			return new TrainingOptions(features, forest, !noWeighting, l2, weightingSamples, tile, threads);
		}
	}
}
