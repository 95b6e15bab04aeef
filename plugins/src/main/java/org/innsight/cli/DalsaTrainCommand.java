package org.innsight.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.innsight.dalsa.Dalsa;
import org.innsight.dalsa.DalsaClassifier;
import org.innsight.dalsa.DalsaTrainRequest;
import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.VolumeImages;
import org.innsight.dalsa.io.ClassifierFile;
import org.innsight.request.Setting;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight dalsa train}: learn a classifier from a scan and its sparse annotations. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a DALSA classifier from sparse annotations of one scan.")
final class DalsaTrainCommand implements Callable<Integer>, SettingOptions.Owner {

	@Mixin
	GlobalOptions cli;

	@Mixin
	DalsaInputs inputs;

	@Option(names = "--labels", required = true, paramLabel = "FILE", description = "Annotations: label image, 0 = unannotated, 1..255 = classes.")
	Path labels;

	@Option(names = "--class-names", paramLabel = "LABEL=NAME,...",
		description = "Class names, e.g. 1=healthy,2=oedema,3=enhancing,4=necrosis (default: class N).")
	String classNames;

	@Option(names = { "-o", "--out" }, required = true, paramLabel = "FILE", description = "Classifier file to write (.dalsa).")
	Path out;

	@Option(names = "--weight-map", paramLabel = "FILE", description = "Also write the importance weight of each annotated voxel (0 elsewhere).")
	Path weightMap;

	@Mixin
	DalsaTrainingMixin training;

	@Override
	public List<Setting<?>> settings() {
		return DalsaTrainRequest.SETTINGS;
	}

	@Override
	public Integer call() throws Exception {
		final DalsaTrainRequest request = new DalsaTrainRequest(SettingOptions.read(cli.spec(), DalsaTrainRequest.SETTINGS));
		final MultiModalScan scan = inputs.read();
		final LabelVolume annotations = VolumeImages.readLabels(labels);
		final Dalsa.Trained trained;
		try (TerminalProgress progress = TerminalProgress.start("dalsa")) {
			trained = Dalsa.train(scan, annotations, null, inputs.mask(scan), request, cli.threads(), progress);
		}
		final List<Path> read = inputs.files();
		read.add(labels);
		final DalsaClassifier c = trained.classifier();
		ClassifierFile.save(c, out, read);
		if (weightMap != null) VolumeImages.save(trained.outputs().image(Dalsa.WEIGHTS), weightMap, read);
		final Map<String, Object> s = trained.outputs().statistics();
		final int annotated = (Integer) s.get("annotated_voxels"), ignored = (Integer) s.get("ignored_voxels");
		cli.out().printf(Locale.ROOT, "modalities:  %s%n", scan.names());
		cli.out().printf(Locale.ROOT, "classes:     %s = %s%n", Arrays.toString(c.classLabels()), c.classNames());
		cli.out().printf(Locale.ROOT, "annotated:   %d voxels (%.3f%% of the scan)%s%n", annotated, 100.0 * annotated / scan.voxelCount(),
			ignored > 0 ? ", " + ignored + " outside the foreground ignored" : "");
		cli.out().printf(Locale.ROOT, "features:    %d (%s)%n", c.forest().featureCount(), request.features());
		if (s.containsKey("weight_min"))
			cli.out().printf(Locale.ROOT, "weights:     min %.3g, median %.3g, mean %.3g, max %.3g%n", s.get("weight_min"), s.get("weight_median"),
				s.get("weight_mean"), s.get("weight_max"));
		else cli.out().println("weights:     off (every annotated voxel counts 1)");
		cli.out().printf(Locale.ROOT, "forest:      %d trees, mean depth %.1f, out-of-bag accuracy %.3f%n", c.forest().treeCount(), c.forest().meanDepth(),
			c.forest().outOfBagAccuracy());
		cli.out().printf(Locale.ROOT, "time:        features %.1f s, weights %.1f s, forest %.1f s%n", s.get("features_seconds"), s.get("weights_seconds"),
			s.get("forest_seconds"));
		cli.out().println("wrote:       " + out + (weightMap != null ? ", " + weightMap : ""));
		return 0;
	}

	/**
	 * The training settings as options, shared with {@code dalsa evaluate} and {@code bench dalsa} (commands using it
	 * are {@link SettingOptions.Owner}s of {@link DalsaTrainRequest#SETTINGS}, which give the defaults).
	 */
	static final class DalsaTrainingMixin {
		@Option(names = "--trees", description = "Trees in the forest (default: ${DEFAULT-VALUE}).")
		int trees;

		/** Weighting on; picocli's negatable option true by default is named by its negative form, and also takes {@code --weighting}. */
		@Option(names = "--no-weighting", negatable = true,
			description = "Importance weighting (default: on); --no-weighting turns it off (plain sparse training).")
		boolean weighting;

		@Option(names = "--sigmas", paramLabel = "MM,MM,...", description = "Feature scales in mm (default: ${DEFAULT-VALUE}).")
		String sigmas;

		@Option(names = "--structure-tensor", description = "Add structure-tensor eigenvalues to the features.")
		boolean structureTensor;

		@Option(names = "--l2", description = "Ridge penalty of the weighting regression (default: ${DEFAULT-VALUE}).")
		double l2;

		@Option(names = "--weighting-samples", description = "Scan voxels drawn to fit the weighting regression (default: ${DEFAULT-VALUE}).")
		int weightingSamples;

		@Option(names = "--seed", description = "Random seed of sampling and forest (default: ${DEFAULT-VALUE}).")
		long seed;

		@Option(names = "--tile", paramLabel = "X,Y,Z", description = "Tile core for features (memory bound; default: ${DEFAULT-VALUE}).")
		String tile;
	}
}
