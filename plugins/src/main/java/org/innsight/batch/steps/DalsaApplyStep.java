package org.innsight.batch.steps;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.innsight.batch.OutputSpec;
import org.innsight.batch.Step;
import org.innsight.batch.StepContext;
import org.innsight.batch.StepOptions;
import org.innsight.batch.StepResult;
import org.innsight.dalsa.DalsaClassifier;
import org.innsight.dalsa.DalsaSegmenter;
import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.features.FeatureExtractor;
import org.innsight.dalsa.io.ClassifierFile;
import org.innsight.dalsa.VolumeImages;
import org.innsight.engine.ModelCatalog;
import org.innsight.progress.ProgressListener;

import ij.ImagePlus;

/**
 * {@code "dalsa-apply"}: segments a multi-modal MR scan with a DALSA classifier from {@code innsight dalsa train},
 * as {@code innsight dalsa apply --scan} does. The scan is one multi-channel file whose channels are the
 * modalities in the classifier's order (TIFF hyperstack, or NIfTI with the modalities as 5th or 4th dimension;
 * {@code innsight dalsa stack} makes one from modality files). Options:
 * <ul>
 * <li>{@code model} (required): a {@code .dalsa} file, a folder holding one, or the name of such a folder in the
 * standard models folder ({@code "dalsa-mr-sample"});</li>
 * <li>{@code probabilities} (false): also write one probability map per class (output {@code probabilities});</li>
 * <li>{@code tile} ([256, 256, 16]): feature tile core x, y, z (bounds memory, never changes the result);</li>
 * <li>{@code format} (tif): tif, nii, nii.gz or h5 for the outputs;</li>
 * <li>{@code background} (the classifier's first class label): the class that is not tumour.</li>
 * </ul>
 * Output {@code labels}: class labels, 0 outside the foreground (voxels zero in every modality), calibrated in mm.
 * Statistics: {@code foreground_voxels}, per class {@code <class>_voxels} and {@code <class>_volume_mm3}, and
 * {@code tumour_voxels} / {@code tumour_volume_mm3} over every class except the background class.
 */
public final class DalsaApplyStep implements Step<DalsaApplyStep.Config> {

	/**
	 * @param model the classifier file (checksummed into manifests)
	 * @param classifier loaded once per run; immutable, so the jobs share it
	 * @param statisticNames per class, the prefix of its statistics (letters, digits and '_')
	 */
	public record Config(Path model, DalsaClassifier classifier, boolean probabilities, int[] tile, String format, int background,
		List<String> statisticNames) {}

	@Override
	public String name() {
		return "dalsa-apply";
	}

	@Override
	public String description() {
		return "Segment a multi-modal MR scan (channels = modalities) with a DALSA classifier (outputs \"labels\", \"probabilities\").";
	}

	@Override
	public Config configure(final StepOptions o) {
		final Path model = classifierFile(o);
		final DalsaClassifier classifier;
		try {
			classifier = ClassifierFile.load(model);
		}
		catch (final IOException e) {
			throw o.bad("model", "cannot be loaded: " + e.getMessage());
		}
		final boolean probabilities = o.flag("probabilities", false);
		final int[] tile = o.integers("tile", 1, 1 << 16, FeatureExtractor.DEFAULT_TILE.clone());
		if (tile.length != 3) throw o.bad("tile", "needs three sizes [x, y, z], got " + tile.length);
		final String format = o.choice("format", "tif", "tif", "nii", "nii.gz", "h5");
		final int[] labels = classifier.classLabels();
		final int background = o.integer("background", labels[0], 1, 255);
		if (indexOf(labels, background) < 0)
			throw o.bad("background", "must be one of the classifier's class labels " + classes(classifier) + ", got " + background);
		return new Config(model, classifier, probabilities, tile, format, background, statisticNames(classifier));
	}

	@Override
	public List<OutputSpec> outputs(final Config c) {
		return c.probabilities() ? List.of(new OutputSpec("labels", c.format()), new OutputSpec("probabilities", c.format()))
			: List.of(new OutputSpec("labels", c.format()));
	}

	@Override
	public Map<String, Path> models(final Config c) {
		return Map.of("dalsa", c.model());
	}

	@Override
	public StepResult run(final ImagePlus scan, final Config c, final StepContext context) {
		final DalsaClassifier classifier = c.classifier();
		final List<String> modalities = classifier.modalities();
		final int channels = scan.getNChannels() == 1 && scan.getNSlices() > 1 && scan.getNFrames() > 1 ? scan.getNFrames() : scan.getNChannels();
		if (channels != modalities.size())
			throw new IllegalArgumentException("the scan has " + channels + (channels == 1 ? " channel" : " channels") + " (" + Images.shape(scan) +
				"), classifier " + c.model().getFileName() + " expects " + modalities.size() + " modalities (" + String.join(", ", modalities) + ")");
		final MultiModalScan modal = VolumeImages.scan(scan, "the scan");
		final DalsaSegmenter.Segmentation s = DalsaSegmenter.segment(classifier, modal, null, c.probabilities(), c.tile(), context.threads(),
			ProgressListener.NONE);
		final StepResult result = StepResult.image("labels", VolumeImages.image(s.labels(), "labels"));
		if (c.probabilities()) result.put("probabilities", VolumeImages.channels(s.probabilities(), classifier.classNames(), "probabilities"));
		return statistics(result, s.labels(), c);
	}

	/** Voxel counts and volumes per class, of the foreground and of the tumour (every class but the background). */
	private static StepResult statistics(final StepResult result, final LabelVolume labels, final Config c) {
		final long[] histogram = labels.histogram();
		final double[] spacing = labels.spacing();
		final double voxelMm3 = spacing[0] * spacing[1] * spacing[2];
		final int[] classes = c.classifier().classLabels();
		long foreground = 0, tumour = 0;
		for (int l = 1; l < histogram.length; l++) {
			foreground += histogram[l];
			if (l != c.background()) tumour += histogram[l];
		}
		result.statistic("foreground_voxels", foreground);
		for (int k = 0; k < classes.length; k++) {
			final String name = c.statisticNames().get(k);
			result.statistic(name + "_voxels", histogram[classes[k]]);
			result.statistic(name + "_volume_mm3", histogram[classes[k]] * voxelMm3);
		}
		result.statistic("tumour_voxels", tumour);
		return result.statistic("tumour_volume_mm3", tumour * voxelMm3);
	}

	/**
	 * Statistic prefixes from the class names ("healthy", "class 3" -> "class_3"); a name that is empty, repeats
	 * or clashes with the step's own statistics becomes {@code label_<label>}.
	 */
	static List<String> statisticNames(final DalsaClassifier classifier) {
		final List<String> names = new ArrayList<>();
		final Set<String> taken = new HashSet<>(Set.of("foreground", "tumour"));
		for (int k = 0; k < classifier.classCount(); k++) {
			String n = classifier.classNames().get(k).trim().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
			if (n.isEmpty() || !taken.add(n)) n = "label_" + classifier.classLabel(k);
			taken.add(n);
			names.add(n);
		}
		return names;
	}

	/**
	 * The classifier file the {@code model} option names: a {@code .dalsa} file or a folder with exactly one,
	 * relative to the pipeline's folder, else a folder of that name in the standard models folder.
	 */
	private static Path classifierFile(final StepOptions o) {
		final String s = o.string("model", null);
		if (s == null) throw o.bad("model", "is required: a .dalsa classifier file from 'innsight dalsa train', or a folder holding one");
		Path p = o.resolve(s);
		if (!Files.exists(p) && !s.contains("/") && !s.contains("\\")) {
			final Path named = ModelCatalog.standard().root().resolve(s);
			if (Files.isDirectory(named)) p = named;
		}
		if (!Files.exists(p)) throw o.bad("model", "names " + p + ", which does not exist (nor is \"" + s + "\" a folder in " + ModelCatalog.standard().root() + ")");
		if (!Files.isDirectory(p)) return p.toAbsolutePath().normalize();
		final List<Path> found = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(p, "*.dalsa")) {
			for (final Path f : files) found.add(f);
		}
		catch (final IOException e) {
			throw o.bad("model", "folder " + p + " cannot be listed: " + e.getMessage());
		}
		if (found.size() != 1)
			throw o.bad("model", "folder " + p + " must hold exactly one .dalsa classifier file, it holds " + found.size());
		return found.get(0).toAbsolutePath().normalize();
	}

	private static String classes(final DalsaClassifier classifier) {
		final List<String> out = new ArrayList<>();
		for (int k = 0; k < classifier.classCount(); k++) out.add(classifier.classLabel(k) + " = " + classifier.classNames().get(k));
		return "(" + String.join(", ", out) + ")";
	}

	private static int indexOf(final int[] values, final int v) {
		for (int i = 0; i < values.length; i++) if (values[i] == v) return i;
		return -1;
	}
}
