package org.innsight.fiji;

import java.io.File;
import java.util.Map;

import org.innsight.dalsa.Dalsa;
import org.innsight.dalsa.DalsaApplyRequest;
import org.innsight.dalsa.DalsaTrainRequest;
import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.VolumeImages;
import org.innsight.image.DerivedImages;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;

/**
 * {@code Plugins > InnSight > DALSA Segmentation}: trains a DALSA classifier on the open scan's sparse annotations
 * (named ROIs, or a label image with 0 = unannotated) and segments the scan. Shows {@code <scan>_dalsa_labels},
 * optionally {@code <scan>_dalsa_probabilities} (one channel per class) and {@code <scan>_dalsa_weights}. Macro:
 * {@code run("DALSA Segmentation", "scan=brain annotations=[label image] labels=scribbles classifier_file=[/tmp/brain.dalsa] probability_maps");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>DALSA Segmentation",
	description = "Train a voxel classifier from sparse annotations with importance weighting (DALSA) and segment the scan.")
public class DalsaSegmentationCommand extends InnSightCommand {

	public static final String ROIS = "ROI Manager or overlay", LABEL_IMAGE = "label image";

	@Parameter(label = "Scan", description = "co-registered modalities as channels (e.g. T1, T1c, T2, FLAIR)")
	private ImagePlus scan;

	@Parameter(label = "Annotations", choices = { ROIS, LABEL_IMAGE }, description = "ROIs named by class, or a label image (0 = unannotated)")
	private String annotations = ROIS;

	@Parameter(label = "Label image", required = false, description = "used when annotations = label image")
	private ImagePlus labels;

	@Parameter(label = "Class names", required = false, description = "for a label image: 1=healthy,2=tumour (ROIs are named already)")
	private String class_names = DalsaTrainRequest.CLASS_NAMES.defaultValue();

	@Parameter(label = "Importance weighting", choices = { "on", "off" }, description = "on: DALSA; off: plain sparse training")
	private String weighting = DalsaTrainRequest.WEIGHTING.defaultValue() ? "on" : "off";

	@Parameter(label = "Weighting method", choices = { "class", "global" },
		description = "class: density ratio within each class, normalised per class; global: MITK's single ratio (can weight rare classes away)")
	private String weighting_method = DalsaTrainRequest.WEIGHTING_METHOD.defaultValue();

	@Parameter(label = "Weight temper (0..1)", min = "0", max = "1", description = "0 = no weighting, 1 = the full class-conditional ratio")
	private double weight_temper = DalsaTrainRequest.WEIGHT_TEMPER.defaultValue();

	@Parameter(label = "Weight clip", min = "1", max = "1000000", description = "weights stay within [median / clip, median * clip] of their class")
	private double weight_clip = DalsaTrainRequest.WEIGHT_CLIP.defaultValue();

	@Parameter(label = "Modality names", required = false, description = "the scan's channels in order, e.g. t1,t1c,t2,flair (default: channel names)")
	private String modalities = DalsaTrainRequest.MODALITIES.defaultValue();

	@Parameter(label = "Trees", min = "1", max = "100000")
	private int trees = DalsaTrainRequest.TREES.defaultValue();

	@Parameter(label = "Feature scales (mm)")
	private String sigmas = DalsaTrainRequest.SIGMAS.defaultValue();

	@Parameter(label = "Structure tensor features")
	private boolean structure_tensor = DalsaTrainRequest.STRUCTURE_TENSOR.defaultValue();

	@Parameter(label = "Random seed")
	private long seed = DalsaTrainRequest.SEED.defaultValue();

	@Parameter(label = "Save classifier as", style = FileWidget.SAVE_STYLE, required = false)
	private File classifier_file;

	@Parameter(label = "Show probability maps")
	private boolean probability_maps = DalsaApplyRequest.PROBABILITIES.defaultValue();

	@Parameter(label = "Show weight map")
	private boolean weight_map = false;

	@Parameter(required = false)
	private StatusService status;

	@Override
	protected void check() {
		problems(new DalsaTrainRequest(FijiSettings.read(this, DalsaTrainRequest.SETTINGS)).validate());
		problems(new DalsaApplyRequest(FijiSettings.read(this, DalsaApplyRequest.SETTINGS)).validate());
		if (LABEL_IMAGE.equals(annotations) && labels == null) throw new IllegalArgumentException("labels: choose the label image (annotations = label image)");
	}

	/** An error listing a request's problems, if it has any. */
	static void problems(final java.util.List<String> problems) {
		if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
	}

	@Override
	protected void execute() {
		final DalsaTrainRequest training = new DalsaTrainRequest(FijiSettings.read(this, DalsaTrainRequest.SETTINGS));
		final DalsaApplyRequest applying = new DalsaApplyRequest(FijiSettings.read(this, DalsaApplyRequest.SETTINGS));
		final MultiModalScan s = VolumeImages.scan(scan, scan.getTitle());
		final LabelVolume annotated;
		Map<Integer, String> names = null; // a label image: the class names typed in class_names
		if (LABEL_IMAGE.equals(annotations)) {
			if (labels == null) throw new IllegalArgumentException("choose the label image (annotations = label image)");
			annotated = VolumeImages.labels(labels, labels.getTitle());
		}
		else {
			final RoiAnnotations.Annotations a = RoiAnnotations.of(scan, RoiAnnotations.rois(scan));
			annotated = a.labels();
			names = a.classNames();
		}
		final ProgressListener progress = StatusProgress.of(status);
		final Dalsa.Trained trained = Dalsa.train(s, annotated, names, null, training, 0, progress);
		final Outputs segmented = Dalsa.apply(s, trained.classifier(), null, applying, 0, progress);
		if (classifier_file != null) FijiValues.save(trained.classifier(), classifier_file);
		ResultImages.show(segmented.image(Dalsa.LABELS), DerivedImages.title(scan, "dalsa_labels"));
		if (applying.probabilities()) ResultImages.show(segmented.image(Dalsa.PROBABILITIES), DerivedImages.title(scan, "dalsa_probabilities"));
		if (weight_map) ResultImages.show(trained.outputs().image(Dalsa.WEIGHTS), DerivedImages.title(scan, "dalsa_weights"));
		TrainDalsaClassifierCommand.log(trained, training);
	}
}
