package org.innsight.fiji;

import java.io.File;

import org.innsight.dalsa.Dalsa;
import org.innsight.dalsa.DalsaApplyRequest;
import org.innsight.dalsa.DalsaClassifier;
import org.innsight.dalsa.VolumeImages;
import org.innsight.image.DerivedImages;
import org.innsight.request.Outputs;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;

/**
 * {@code Plugins > InnSight > Apply DALSA Classifier}: segments a scan with a classifier saved by DALSA
 * Segmentation or {@code innsight dalsa train}. Shows {@code <scan>_dalsa_labels} and optionally
 * {@code <scan>_dalsa_probabilities}. Macro: {@code run("Apply DALSA Classifier", "scan=brain classifier_file=[/tmp/brain.dalsa] probability_maps");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Apply DALSA Classifier",
	description = "Segment a scan (modalities as channels, same order as in training) with a saved DALSA classifier.")
public class ApplyDalsaClassifierCommand extends InnSightCommand {

	@Parameter(label = "Scan", description = "co-registered modalities as channels, in the classifier's order")
	private ImagePlus scan;

	@Parameter(label = "Classifier file", style = FileWidget.OPEN_STYLE)
	private File classifier_file;

	@Parameter(label = "Modality names", required = false,
		description = "the scan's channels in order, checked against the classifier's (default: the channel names)")
	private String modalities = DalsaApplyRequest.MODALITIES.defaultValue();

	@Parameter(label = "Show probability maps")
	private boolean probability_maps = DalsaApplyRequest.PROBABILITIES.defaultValue();

	@Parameter(required = false)
	private StatusService status;

	@Override
	protected void check() {
		DalsaSegmentationCommand.problems(new DalsaApplyRequest(FijiSettings.read(this, DalsaApplyRequest.SETTINGS)).validate());
		if (classifier_file == null || classifier_file.getPath().isBlank()) throw new IllegalArgumentException("classifier_file: choose a classifier file (.dalsa)");
	}

	@Override
	protected void execute() {
		check();
		final DalsaApplyRequest request = new DalsaApplyRequest(FijiSettings.read(this, DalsaApplyRequest.SETTINGS));
		final DalsaClassifier classifier = FijiValues.load(classifier_file);
		final Outputs out = Dalsa.apply(VolumeImages.scan(scan, scan.getTitle()), classifier, null, request, 0, StatusProgress.of(status));
		if (out.statistics().get("notes") instanceof String notes) ij.IJ.log("DALSA: " + notes);
		ResultImages.show(out.image(Dalsa.LABELS), DerivedImages.title(scan, "dalsa_labels"));
		if (request.probabilities()) ResultImages.show(out.image(Dalsa.PROBABILITIES), DerivedImages.title(scan, "dalsa_probabilities"));
	}
}
