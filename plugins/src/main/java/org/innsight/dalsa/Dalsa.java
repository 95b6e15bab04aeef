package org.innsight.dalsa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;

/**
 * DALSA's two actions, as every front end (Fiji, {@code innsight dalsa}, the {@code dalsa-apply} pipeline step, the
 * demo) runs them: {@link #train} a classifier from sparse annotations of a scan, and {@link #apply} it to a scan.
 * Results come by name; front ends present them by these names.
 */
public final class Dalsa {

	/** Output image of {@link #train}: importance weight of every annotated voxel (0 elsewhere). */
	public static final String WEIGHTS = "weights";
	/** Output images of {@link #apply}: class labels (0 outside the foreground), and one probability map per class. */
	public static final String LABELS = "labels", PROBABILITIES = "probabilities";

	/**
	 * A trained classifier and what training made: image {@value #WEIGHTS}; statistics {@code annotated_voxels},
	 * {@code ignored_voxels} (outside the foreground), {@code out_of_bag_accuracy}, with weighting
	 * {@code weight_min|median|mean|max}, and {@code features_seconds}, {@code weights_seconds}, {@code forest_seconds}.
	 */
	public record Trained(DalsaClassifier classifier, Outputs outputs) {}

	private Dalsa() {}

	/**
	 * Trains a classifier on the annotated voxels of {@code scan}.
	 *
	 * @param annotations label image on the scan's grid: 0 = unannotated, 1..255 = classes
	 * @param classNames names by label (e.g. from named ROIs), or null for the request's {@code classNames}
	 * @param mask foreground voxels, or null for the voxels non-zero in any modality
	 * @param threads worker threads; 0 = all cores
	 */
	public static Trained train(final MultiModalScan scan, final LabelVolume annotations, final Map<Integer, String> classNames, final boolean[] mask,
		final DalsaTrainRequest request, final int threads, final ProgressListener progress)
	{
		require(request.validate());
		final DalsaTrainer.Result r = DalsaTrainer.train(scan, annotations, mask, classNames != null ? classNames : request.classNames(), request,
			threads, progress);
		final Outputs out = new Outputs().image(WEIGHTS, VolumeImages.image(r.weightMap(), WEIGHTS));
		out.statistic("annotated_voxels", r.annotatedVoxels());
		out.statistic("ignored_voxels", r.ignoredVoxels());
		out.statistic("out_of_bag_accuracy", r.classifier().forest().outOfBagAccuracy());
		if (r.weightSummary() != null) {
			final String[] names = { "weight_min", "weight_median", "weight_mean", "weight_max" };
			for (int i = 0; i < names.length; i++) out.statistic(names[i], r.weightSummary()[i]);
		}
		out.statistic("features_seconds", r.seconds()[0]);
		out.statistic("weights_seconds", r.seconds()[1]);
		out.statistic("forest_seconds", r.seconds()[2]);
		return new Trained(r.classifier(), out);
	}

	/**
	 * Segments {@code scan} (modalities in the classifier's order). Images {@value #LABELS} (calibrated in mm) and,
	 * if requested, {@value #PROBABILITIES} (one channel per class); statistics {@code foreground_voxels}, per class
	 * {@code <class>_voxels} and {@code <class>_volume_mm3} (class names as in {@link #statisticNames}), and
	 * {@code tumour_voxels} / {@code tumour_volume_mm3} over every class except the request's background class.
	 *
	 * @param mask foreground voxels to classify, or null for the voxels non-zero in any modality
	 * @param threads worker threads; 0 = all cores
	 */
	public static Outputs apply(final MultiModalScan scan, final DalsaClassifier classifier, final boolean[] mask, final DalsaApplyRequest request,
		final int threads, final ProgressListener progress)
	{
		require(request.validate(classifier));
		final DalsaSegmenter.Segmentation s = DalsaSegmenter.segment(classifier, scan, mask, request.probabilities(), request.tileSize(), threads,
			progress);
		final Outputs out = new Outputs().image(LABELS, VolumeImages.image(s.labels(), LABELS));
		if (request.probabilities()) out.image(PROBABILITIES, VolumeImages.channels(s.probabilities(), classifier.classNames(), PROBABILITIES));
		final long[] histogram = s.labels().histogram();
		final double[] spacing = s.labels().spacing();
		final double voxelMm3 = spacing[0] * spacing[1] * spacing[2];
		final int background = request.background(classifier);
		long foreground = 0, tumour = 0;
		for (int l = 1; l < histogram.length; l++) {
			foreground += histogram[l];
			if (l != background) tumour += histogram[l];
		}
		out.statistic("foreground_voxels", foreground);
		final List<String> names = statisticNames(classifier);
		for (int k = 0; k < classifier.classCount(); k++) {
			out.statistic(names.get(k) + "_voxels", histogram[classifier.classLabel(k)]);
			out.statistic(names.get(k) + "_volume_mm3", histogram[classifier.classLabel(k)] * voxelMm3);
		}
		out.statistic("tumour_voxels", tumour);
		out.statistic("tumour_volume_mm3", tumour * voxelMm3);
		return out;
	}

	/**
	 * Statistic prefixes from the class names ("healthy", "class 3" -> "class_3"); a name that is empty, repeats
	 * or clashes with the other statistics of {@link #apply} becomes {@code label_<label>}.
	 */
	public static List<String> statisticNames(final DalsaClassifier classifier) {
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

	private static void require(final List<String> problems) {
		if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
	}
}
