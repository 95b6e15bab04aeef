package org.innsight.fiji;

import org.innsight.image.DerivedImages;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innsight.dalsa.DalsaWorkflow;
import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.TrainingOptions;
import org.innsight.dalsa.features.FeatureSettings;
import org.innsight.forest.ForestSettings;
import org.innsight.dalsa.io.ClassifierFile;
import org.innsight.dalsa.VolumeImages;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.IJ;
import ij.ImagePlus;

/**
 * {@code Plugins > InnSight > DALSA Segmentation}: trains a DALSA classifier on the open scan's sparse annotations
 * (named ROIs, or a label image with 0 = unannotated) and segments the scan. Shows {@code <scan>_dalsa_labels},
 * optionally {@code <scan>_dalsa_probabilities} (one channel per class) and {@code <scan>_dalsa_weights}. Macro:
 * {@code run("DALSA Segmentation", "scan=brain annotations=[label image] labels=scribbles classifier_file=[/tmp/brain.dalsa] probability_maps");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>DALSA Segmentation",
	description = "Train a voxel classifier from sparse annotations with importance weighting (DALSA) and segment the scan.")
public class DalsaSegmentationCommand implements Command {

	public static final String ROIS = "ROI Manager or overlay", LABEL_IMAGE = "label image";

	@Parameter(label = "Scan", description = "co-registered modalities as channels (e.g. T1, T1c, T2, FLAIR)")
	private ImagePlus scan;

	@Parameter(label = "Annotations", choices = { ROIS, LABEL_IMAGE }, description = "ROIs named by class, or a label image (0 = unannotated)")
	private String annotations = ROIS;

	@Parameter(label = "Label image", required = false, description = "used when annotations = label image")
	private ImagePlus labels;

	@Parameter(label = "Class names", required = false, description = "for a label image: 1=healthy,2=tumour (ROIs are named already)")
	private String class_names = "";

	@Parameter(label = "Importance weighting", choices = { "on", "off" })
	private String weighting = "on";

	@Parameter(label = "Trees", min = "1")
	private int trees = 255;

	@Parameter(label = "Feature scales (mm)")
	private String sigmas = "1,2,4,8";

	@Parameter(label = "Structure tensor features")
	private boolean structure_tensor = false;

	@Parameter(label = "Random seed")
	private long seed = 1;

	@Parameter(label = "Save classifier as", style = FileWidget.SAVE_STYLE, required = false)
	private File classifier_file;

	@Parameter(label = "Show probability maps")
	private boolean probability_maps = true;

	@Parameter(label = "Show weight map")
	private boolean weight_map = false;

	@Parameter(required = false)
	private StatusService status;

	@Override
	public void run() {
		final MultiModalScan s = VolumeImages.scan(scan, scan.getTitle());
		final LabelVolume annotated;
		Map<Integer, String> names = DalsaWorkflow.parseClassNames(class_names);
		if (LABEL_IMAGE.equals(annotations)) {
			if (labels == null) throw new IllegalArgumentException("choose the label image (annotations = label image)");
			annotated = VolumeImages.labels(labels, labels.getTitle());
		}
		else {
			final RoiAnnotations.Annotations a = RoiAnnotations.of(scan, RoiAnnotations.rois(scan));
			annotated = a.labels();
			names = a.classNames();
		}
		final TrainingOptions options = TrainingOptions.defaults()
			.withFeatures(new FeatureSettings(FijiValues.numbers(sigmas, "feature scales"), structure_tensor, FeatureSettings.DEFAULT_TRUNCATE))
			.withForest(ForestSettings.defaults().withTrees(trees).withSeed(seed)).withWeighting("on".equals(weighting));
		final DalsaWorkflow.Outcome o = DalsaWorkflow.trainAndSegment(s, annotated, names, options, probability_maps, StatusProgress.of(status));
		if (classifier_file != null) FijiValues.save(o.training().classifier(), classifier_file);
		final List<String> classNames = o.training().classifier().classNames();
		ResultImages.show(VolumeImages.image(o.segmentation().labels(), "labels"), DerivedImages.title(scan, "dalsa_labels"));
		if (probability_maps) ResultImages.show(VolumeImages.channels(o.segmentation().probabilities(), classNames, "p"), DerivedImages.title(scan, "dalsa_probabilities"));
		if (weight_map) ResultImages.show(VolumeImages.image(o.training().weightMap(), "w"), DerivedImages.title(scan, "dalsa_weights"));
		IJ.log(String.format(Locale.ROOT, "DALSA: %d annotated voxels, classes %s, weighting %s, out-of-bag accuracy %.3f", o.training().annotatedVoxels(),
			classNames, weighting, o.training().classifier().forest().outOfBagAccuracy()));
	}
}
