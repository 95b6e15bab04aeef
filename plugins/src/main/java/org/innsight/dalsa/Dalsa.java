package org.innsight.dalsa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.innsight.dalsa.weights.ClassWeighting;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;

import ij.ImagePlus;

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
	 * A trained classifier and what training made: image {@value #WEIGHTS} (of the first scan; {@code weightMaps}
	 * holds one per training scan, placed in space like its scan); statistics {@code annotated_voxels},
	 * {@code ignored_voxels} (outside the foreground), {@code training_scans}, {@code out_of_bag_accuracy}, per class
	 * {@code <class>_voxels}, {@code <class>_weight_sum} and {@code <class>_ess} (effective sample size of its
	 * weights, (sum w)^2 / sum w^2), with weighting {@code weight_min|median|mean|max}, {@code warnings} (text, one
	 * line per class whose weights collapsed; absent when none), and {@code features_seconds},
	 * {@code weights_seconds}, {@code forest_seconds}.
	 */
	public record Trained(DalsaClassifier classifier, Outputs outputs, List<ImagePlus> weightMaps, List<String> warnings) {}

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
		return train(List.of(new DalsaTrainer.Example("the scan", scan, annotations, mask)), classNames, request, threads, progress);
	}

	/**
	 * Trains one classifier on the annotated voxels of several scans (same modalities in the same order), each
	 * z-scored on its own.
	 */
	public static Trained train(final List<DalsaTrainer.Example> examples, final Map<Integer, String> classNames, final DalsaTrainRequest request,
		final int threads, final ProgressListener progress)
	{
		require(request.validate());
		final DalsaTrainer.Result r = DalsaTrainer.train(examples, classNames != null ? classNames : request.classNames(), request, threads, progress);
		final List<ImagePlus> maps = new ArrayList<>();
		for (int e = 0; e < examples.size(); e++) maps.add(VolumeImages.image(r.weightMaps().get(e), WEIGHTS, examples.get(e).scan().geometry()));
		final Outputs out = new Outputs().image(WEIGHTS, maps.get(0));
		out.statistic("annotated_voxels", r.annotatedVoxels());
		out.statistic("ignored_voxels", r.ignoredVoxels());
		out.statistic("training_scans", examples.size());
		out.statistic("out_of_bag_accuracy", r.classifier().forest().outOfBagAccuracy());
		final List<String> names = statisticNames(r.classifier());
		for (int k = 0; k < names.size(); k++) {
			final ClassWeighting.ClassStats c = r.weighting().classes().get(k);
			out.statistic(names.get(k) + "_voxels", c.voxels());
			out.statistic(names.get(k) + "_weight_sum", c.weightSum());
			out.statistic(names.get(k) + "_ess", c.ess());
		}
		if (request.weighting()) {
			final String[] summary = { "weight_min", "weight_median", "weight_mean", "weight_max" };
			for (int i = 0; i < summary.length; i++) out.statistic(summary[i], r.weightSummary()[i]);
		}
		if (!r.weighting().warnings().isEmpty()) out.statistic("warnings", String.join("; ", r.weighting().warnings()));
		out.statistic("features_seconds", r.seconds()[0]);
		out.statistic("weights_seconds", r.seconds()[1]);
		out.statistic("forest_seconds", r.seconds()[2]);
		return new Trained(r.classifier(), out, maps, r.weighting().warnings());
	}

	/**
	 * Segments {@code scan} (modalities in the classifier's order: their names, the request's {@code modalities} or
	 * else the scan's file or channel names, are checked against the classifier's, see
	 * {@link DalsaClassifier#checkModalities}). Images {@value #LABELS} and, if requested, {@value #PROBABILITIES}
	 * (one channel per class), both placed in space like the scan (its calibration and NIfTI orientation);
	 * statistics {@code foreground_voxels}, per class {@code <class>_voxels} and {@code <class>_volume_mm3} (class
	 * names as in {@link #statisticNames}), {@code tumour_voxels} / {@code tumour_volume_mm3} over every class except
	 * the request's background class, and {@code notes} (text) when modality names could not be checked or a mask
	 * covers little of the scan.
	 *
	 * @param mask voxels to classify, or null for the voxels non-zero in any modality; intensities are z-scored over it
	 *        or over the whole scan's foreground as the request's {@code normalise} says
	 * @param threads worker threads; 0 = all cores
	 */
	public static Outputs apply(final MultiModalScan scan, final DalsaClassifier classifier, final boolean[] mask, final DalsaApplyRequest request,
		final int threads, final ProgressListener progress)
	{
		require(request.validate(classifier));
		final List<String> notes = new ArrayList<>(classifier.checkModalities(request.modalities().isEmpty() ? scan.names() : request.modalities(),
			!request.modalities().isEmpty()));
		if (mask != null) notes.addAll(maskNotes(scan, mask, request.normaliseOverMask()));
		final DalsaSegmenter.Segmentation s = DalsaSegmenter.segment(classifier, scan, mask, request.normaliseOverMask(), request.probabilities(),
			request.tileSize(), threads, progress);
		final ScanGeometry g = scan.geometry();
		final Outputs out = new Outputs().image(LABELS, VolumeImages.image(s.labels(), LABELS, g));
		if (request.probabilities()) out.image(PROBABILITIES, VolumeImages.channels(s.probabilities(), classifier.classNames(), PROBABILITIES, g));
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
		if (!notes.isEmpty()) out.statistic("notes", String.join("; ", notes));
		return out;
	}

	/** What a mask does, when that may surprise: a mask much smaller than the scan's foreground that also sets the normalisation. */
	static List<String> maskNotes(final MultiModalScan scan, final boolean[] mask, final boolean normaliseOverMask) {
		if (mask.length != scan.voxelCount()) return List.of();
		final int inMask = IntensityNormalisation.count(mask), foreground = IntensityNormalisation.count(IntensityNormalisation.foreground(scan));
		if (!normaliseOverMask || foreground == 0 || inMask >= 0.5 * foreground) return List.of();
		return List.of(String.format(java.util.Locale.ROOT,
			"the mask covers %.1f%% of the scan's foreground and intensities are z-scored over it; a classifier trained on whole scans then sees " +
				"shifted intensities (normalise = scan z-scores over the whole foreground and only classifies inside the mask)",
			100.0 * inMask / foreground));
	}

	/**
	 * Statistic prefixes from the class names ("healthy", "class 3" -> "class_3"); a name that is empty, repeats
	 * or clashes with the other statistics of {@link #apply} or {@link #train} becomes {@code label_<label>}.
	 */
	public static List<String> statisticNames(final DalsaClassifier classifier) {
		final List<String> names = new ArrayList<>();
		final Set<String> taken = new HashSet<>(Set.of("foreground", "tumour", "annotated", "ignored"));
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
