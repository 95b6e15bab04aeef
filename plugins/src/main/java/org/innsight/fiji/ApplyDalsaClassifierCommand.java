package org.innsight.fiji;

import org.innsight.image.DerivedImages;
import java.io.File;

import org.innsight.dalsa.DalsaClassifier;
import org.innsight.dalsa.DalsaSegmenter;
import org.innsight.dalsa.features.FeatureExtractor;
import org.innsight.dalsa.VolumeImages;
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
public class ApplyDalsaClassifierCommand implements Command {

	@Parameter(label = "Scan", description = "co-registered modalities as channels, in the classifier's order")
	private ImagePlus scan;

	@Parameter(label = "Classifier file", style = FileWidget.OPEN_STYLE)
	private File classifier_file;

	@Parameter(label = "Show probability maps")
	private boolean probability_maps = true;

	@Parameter(required = false)
	private StatusService status;

	@Override
	public void run() {
		final DalsaClassifier classifier = FijiValues.load(classifier_file);
		final DalsaSegmenter.Segmentation s = DalsaSegmenter.segment(classifier, VolumeImages.scan(scan, scan.getTitle()), null, probability_maps,
			FeatureExtractor.DEFAULT_TILE, 0, StatusProgress.of(status));
		ResultImages.show(VolumeImages.image(s.labels(), "labels"), DerivedImages.title(scan, "dalsa_labels"));
		if (probability_maps) ResultImages.show(VolumeImages.channels(s.probabilities(), classifier.classNames(), "p"), DerivedImages.title(scan, "dalsa_probabilities"));
	}
}
