package org.innsight.fiji;

import java.io.File;
import java.nio.file.Path;

import org.innsight.dalsa.Dalsa;
import org.innsight.dalsa.DalsaApplyRequest;
import org.innsight.dalsa.DalsaClassifier;
import org.innsight.dalsa.VolumeImages;
import org.innsight.dalsa.io.ClassifierFile;
import org.innsight.image.DerivedImages;
import org.innsight.request.Outputs;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * {@code Plugins > InnSight > Apply DALSA Classifier}: segments a scan with a classifier saved by DALSA
 * Segmentation or {@code innsight dalsa train}. Shows {@code <scan>_dalsa_labels} and optionally
 * {@code <scan>_dalsa_probabilities}. Macro: {@code run("Apply DALSA Classifier", "scan=brain classifier=dalsa-mr-sample probability_maps");}, or with a file elsewhere
 * {@code classifier_file=[/tmp/brain.dalsa]} (which wins over {@code classifier}, so macros from before issue 23 run unchanged).
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Apply DALSA Classifier",
	description = "Segment a scan (modalities as channels, same order as in training) with a saved DALSA classifier.")
public class ApplyDalsaClassifierCommand extends InnSightCommand {

	@Parameter(label = "Scan", description = "co-registered modalities as channels, in the classifier's order")
	private ImagePlus scan;

	@Parameter(label = "Classifier", required = false, style = DialogFields.MODEL + ClassifierFile.KIND,
		description = "an installed DALSA classifier (a model folder holding one .dalsa file), or the path of a .dalsa file or such a folder")
	private String classifier = "";

	// not remembered between runs: a file picked once should not silently replace the classifier chosen next time.
	// Text with a Browse button in InnSight's dialog, not a SciJava File input: a File input that a macro leaves out
	// made imagej-legacy 2.0.3 skip the whole command without a word (macros/dalsa.ijm with classifier= only).
	@Parameter(label = "Classifier file elsewhere", style = DialogFields.FILE, required = false, persist = false,
		description = "a .dalsa file (or a folder holding one) elsewhere; overrides Classifier; empty: use Classifier")
	private String classifier_file = "";

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
		classifierFile();
	}

	/** The classifier file: {@code classifier_file} when given (as macros before issue 23 give it), else {@code classifier}. */
	private File classifierFile() {
		final boolean file = classifier_file != null && !classifier_file.isBlank();
		final String given = file ? classifier_file.strip() : classifier == null ? "" : classifier.strip();
		if (given.isEmpty()) throw new IllegalArgumentException("classifier: choose an installed classifier, or give classifier_file (a .dalsa file)");
		try {
			return ClassifierFile.locate(given, Path.of(given)).toFile();
		}
		catch (final IllegalArgumentException e) { // also an InvalidPathException
			throw new IllegalArgumentException((file ? "classifier_file" : "classifier") + ": " + e.getMessage(), e);
		}
	}

	@Override
	protected void execute() {
		check();
		final DalsaApplyRequest request = new DalsaApplyRequest(FijiSettings.read(this, DalsaApplyRequest.SETTINGS));
		final DalsaClassifier trained = FijiValues.load(classifierFile());
		final Outputs out = Dalsa.apply(VolumeImages.scan(scan, scan.getTitle()), trained, null, request, 0, StatusProgress.of(status));
		if (out.statistics().get("notes") instanceof String notes) ij.IJ.log("DALSA: " + notes);
		ResultImages.show(out.image(Dalsa.LABELS), DerivedImages.title(scan, "dalsa_labels"));
		if (request.probabilities()) ResultImages.show(out.image(Dalsa.PROBABILITIES), DerivedImages.title(scan, "dalsa_probabilities"));
	}
}
