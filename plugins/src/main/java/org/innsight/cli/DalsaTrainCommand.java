package org.innsight.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.innsight.dalsa.Dalsa;
import org.innsight.dalsa.DalsaClassifier;
import org.innsight.dalsa.DalsaTrainRequest;
import org.innsight.dalsa.DalsaTrainer;
import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.VolumeImages;
import org.innsight.dalsa.io.ClassifierFile;
import org.innsight.dalsa.io.TrainingScans;
import org.innsight.request.Setting;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight dalsa train}: learn a classifier from a scan and its sparse annotations. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a DALSA classifier from sparse annotations of one scan (--images/--scan with --labels) or of several (--list, --folder), each z-scored on its own.")
final class DalsaTrainCommand implements Callable<Integer>, SettingOptions.Owner {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Mixin
	DalsaInputs inputs;

	@Option(names = "--labels", paramLabel = "FILE", description = "Annotations of the scan (--images/--scan): label image, 0 = unannotated, 1..255 = classes.")
	Path labels;

	@Option(names = "--labels-name", defaultValue = "scribbles", paramLabel = "WORD",
		description = "With --folder: the annotation file in each case folder is the one named by this word (default: ${DEFAULT-VALUE}).")
	String labelsName;

	@Option(names = "--class-names", paramLabel = "LABEL=NAME,...",
		description = "Class names, e.g. 1=healthy,2=oedema,3=enhancing,4=necrosis (default: class N).")
	String classNames;

	@Option(names = { "-o", "--out" }, required = true, paramLabel = "FILE", description = "Classifier file to write (.dalsa).")
	Path out;

	@Option(names = "--weight-map", paramLabel = "FILE",
		description = "Also write the importance weight of each annotated voxel (0 elsewhere); with several scans a folder, one <scan>.weights.nii.gz each.")
	Path weightMap;

	@Mixin
	DalsaTrainingMixin training;

	@Override
	public List<Setting<?>> settings() {
		return DalsaTrainRequest.SETTINGS;
	}

	/** With several scans, scan {@code e}'s weight map in the --weight-map folder. */
	private Path weightMapFile(final int e, final DalsaTrainer.Example example) {
		return weightMap.resolve(String.format(Locale.ROOT, "%03d_%s.weights.nii.gz", e + 1, VolumeImages.baseName(Path.of(example.name()))));
	}

	@Override
	public Integer call() throws Exception {
		final DalsaTrainRequest request = new DalsaTrainRequest(SettingOptions.read(cli.spec(), DalsaTrainRequest.SETTINGS));
		final List<TrainingScans.Entry> scans = new ArrayList<>();
		if (inputs.several()) {
			if (labels != null) throw new IllegalArgumentException("--labels is for one scan; with --list / --folder each scan names its own annotations");
			if (inputs.mask != null) throw new IllegalArgumentException("--mask is for one scan; in a --list give mask=FILE per scan");
			scans.addAll(inputs.scan.list != null ? TrainingScans.readList(inputs.scan.list)
				: TrainingScans.readFolder(inputs.scan.folder, request.modalities(), labelsName));
		}
		else {
			if (labels == null) throw new IllegalArgumentException("give the annotations with --labels FILE (or several scans with --list / --folder)");
			final MultiModalScan scan = inputs.read();
			final boolean[] mask = inputs.mask(scan);
			if (mask != null) inputs.describeMask(cli.out(), mask, request.normaliseOverMask(), "training on annotations within");
			final List<Path> files = inputs.files();
			files.add(labels);
			scans.add(new TrainingScans.Entry(new DalsaTrainer.Example(files.get(0).toString(), scan, VolumeImages.readLabels(labels), mask), files));
		}
		output.check(out);
		final List<DalsaTrainer.Example> examples = new ArrayList<>();
		final List<Path> read = new ArrayList<>();
		for (final TrainingScans.Entry e : scans) {
			examples.add(e.example());
			read.addAll(e.files());
		}
		if (weightMap != null) output.check(examples.size() == 1 ? List.of(weightMap)
			: java.util.stream.IntStream.range(0, examples.size()).mapToObj(e -> weightMapFile(e, examples.get(e))).toList());
		final Dalsa.Trained trained;
		try (TerminalProgress progress = TerminalProgress.start("dalsa")) {
			trained = Dalsa.train(examples, null, request, cli.threads(), progress);
		}
		final DalsaClassifier c = trained.classifier();
		ClassifierFile.save(c, out, read);
		if (weightMap != null) {
			if (examples.size() == 1) VolumeImages.save(trained.weightMaps().get(0), weightMap, read);
			else {
				Files.createDirectories(weightMap);
				for (int e = 0; e < examples.size(); e++)
					VolumeImages.save(trained.weightMaps().get(e), weightMapFile(e, examples.get(e)), read);
			}
		}
		final Map<String, Object> s = trained.outputs().statistics();
		final int annotated = (Integer) s.get("annotated_voxels"), ignored = (Integer) s.get("ignored_voxels");
		long voxels = 0;
		for (final DalsaTrainer.Example e : examples) voxels += e.scan().voxelCount();
		if (examples.size() > 1) cli.out().printf(Locale.ROOT, "scans:       %d, each z-scored on its own%n", examples.size());
		cli.out().printf(Locale.ROOT, "modalities:  %s%n", c.modalities());
		cli.out().printf(Locale.ROOT, "classes:     %s = %s%n", Arrays.toString(c.classLabels()), c.classNames());
		cli.out().printf(Locale.ROOT, "annotated:   %d voxels (%.3f%% of the scan%s)%s%n", annotated, 100.0 * annotated / voxels, examples.size() > 1 ? "s" : "",
			ignored > 0 ? ", " + ignored + " outside the foreground ignored" : "");
		cli.out().printf(Locale.ROOT, "features:    %d (%s)%n", c.forest().featureCount(), request.features());
		if (s.containsKey("weight_min"))
			cli.out().printf(Locale.ROOT, "weights:     %s; min %.3g, median %.3g, mean %.3g, max %.3g%n", c.provenance().get("weighting"), s.get("weight_min"),
				s.get("weight_median"), s.get("weight_mean"), s.get("weight_max"));
		else cli.out().println("weights:     off (every annotated voxel counts 1)");
		final List<String> names = Dalsa.statisticNames(c);
		for (final String n : names)
			cli.out().printf(Locale.ROOT, "  %-14s %6d voxels, weight sum %9.1f, effective sample size %8.1f (%.0f%%)%n", n, s.get(n + "_voxels"),
				s.get(n + "_weight_sum"), s.get(n + "_ess"), 100 * ((Number) s.get(n + "_ess")).doubleValue() / ((Number) s.get(n + "_voxels")).doubleValue());
		for (final String w : trained.warnings()) cli.out().println("warning:     " + w);
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

		@Option(names = "--weighting-method", paramLabel = "class|global",
			description = "class: density ratio within each class, weights normalised per class; global: MITK's single ratio, which can weight rare classes away (default: ${DEFAULT-VALUE}).")
		String weightingMethod;

		@Option(names = "--weight-temper", paramLabel = "0..1",
			description = "Exponent of the class-conditional density ratio: 0 = no weighting, 1 = the full ratio (default: ${DEFAULT-VALUE}).")
		double weightTemper;

		@Option(names = "--weight-clip", paramLabel = "RATIO",
			description = "Weights stay within [median / RATIO, median * RATIO] of their class (default: ${DEFAULT-VALUE}).")
		double weightClip;

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
