package org.innsight.fiji;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innsight.dalsa.Dalsa;
import org.innsight.dalsa.DalsaTrainRequest;
import org.innsight.dalsa.DalsaTrainer;
import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.VolumeImages;
import org.innsight.dalsa.io.TrainingScans;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;

/**
 * {@code Plugins > InnSight > Train DALSA Classifier (several scans)}: one classifier from the sparse annotations
 * of several scans, each z-scored on its own, read from a folder of case folders, a list file (as
 * {@code innsight dalsa train --folder / --list}), or open images (scans and their label images, paired by
 * title). Saves the classifier; apply it with {@code Apply DALSA Classifier}. Macro:
 * {@code run("Train DALSA Classifier (several scans)", "source=folder folder=[/data/cases] modalities=t1,t1c,t2,flair labels_name=scribbles classifier_file=[/tmp/m.dalsa]");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Train DALSA Classifier (several scans)",
	description = "Train one DALSA classifier from the sparse annotations of several scans (a folder, a list file, or open images).")
public class TrainDalsaClassifierCommand extends InnSightCommand {

	public static final String FOLDER = "folder", LIST = "list file", OPEN = "open images";

	@Parameter(label = "Scans from", choices = { FOLDER, LIST, OPEN })
	private String source = FOLDER;

	@Parameter(label = "Folder (one folder per scan)", style = FileWidget.DIRECTORY_STYLE, required = false)
	private File folder;

	@Parameter(label = "List file", style = FileWidget.OPEN_STYLE, required = false,
		description = "one scan per line: images=t1.nii.gz,... labels=scribbles.nii.gz [mask=...]")
	private File list;

	@Parameter(label = "Open scans (titles)", required = false, description = "comma-separated titles of open scans (modalities as channels)")
	private String scans = "";

	@Parameter(label = "Their label images (titles)", required = false, description = "comma-separated titles, in the same order (0 = unannotated)")
	private String label_images = "";

	@Parameter(label = "Modality names", required = false, description = "in order, e.g. t1,t1c,t2,flair (a folder's files are found by them)")
	private String modalities = DalsaTrainRequest.MODALITIES.defaultValue();

	@Parameter(label = "Annotation file word", description = "a folder's annotation file is the one named by this word")
	private String labels_name = "scribbles";

	@Parameter(label = "Class names", required = false, description = "1=healthy,2=tumour")
	private String class_names = DalsaTrainRequest.CLASS_NAMES.defaultValue();

	@Parameter(label = "Importance weighting", choices = { "on", "off" }, description = "on: DALSA; off: plain sparse training")
	private String weighting = DalsaTrainRequest.WEIGHTING.defaultValue() ? "on" : "off";

	@Parameter(label = "Weighting method", choices = { "class", "global" })
	private String weighting_method = DalsaTrainRequest.WEIGHTING_METHOD.defaultValue();

	@Parameter(label = "Weight temper (0..1)", min = "0", max = "1")
	private double weight_temper = DalsaTrainRequest.WEIGHT_TEMPER.defaultValue();

	@Parameter(label = "Weight clip", min = "1", max = "1000000")
	private double weight_clip = DalsaTrainRequest.WEIGHT_CLIP.defaultValue();

	@Parameter(label = "Trees", min = "1", max = "100000")
	private int trees = DalsaTrainRequest.TREES.defaultValue();

	@Parameter(label = "Feature scales (mm)")
	private String sigmas = DalsaTrainRequest.SIGMAS.defaultValue();

	@Parameter(label = "Structure tensor features")
	private boolean structure_tensor = DalsaTrainRequest.STRUCTURE_TENSOR.defaultValue();

	@Parameter(label = "Random seed")
	private long seed = DalsaTrainRequest.SEED.defaultValue();

	@Parameter(label = "With a mask, z-score over", choices = { "mask", "scan" })
	private String normalise = DalsaTrainRequest.NORMALISE.defaultValue();

	@Parameter(label = "Save classifier as", style = FileWidget.SAVE_STYLE)
	private File classifier_file;

	@Parameter(required = false)
	private StatusService status;

	@Override
	protected void execute() {
		final DalsaTrainRequest training = new DalsaTrainRequest(FijiSettings.read(this, DalsaTrainRequest.SETTINGS));
		final List<DalsaTrainer.Example> examples = new ArrayList<>();
		try {
			switch (source) {
				case FOLDER -> {
					if (folder == null) throw new IllegalArgumentException("choose the folder (scans from = folder)");
					for (final TrainingScans.Entry e : TrainingScans.readFolder(folder.toPath(), training.modalities(), labels_name)) examples.add(e.example());
				}
				case LIST -> {
					if (list == null) throw new IllegalArgumentException("choose the list file (scans from = list file)");
					for (final TrainingScans.Entry e : TrainingScans.readList(list.toPath())) examples.add(e.example());
				}
				default -> examples.addAll(openImages());
			}
		}
		catch (final IOException e) {
			throw new IllegalArgumentException(e.getMessage(), e);
		}
		final Dalsa.Trained trained = Dalsa.train(examples, null, training, 0, StatusProgress.of(status));
		FijiValues.save(trained.classifier(), classifier_file);
		log(trained, training);
	}

	private List<DalsaTrainer.Example> openImages() {
		final String[] s = scans.split(","), l = label_images.split(",");
		if (scans.isBlank() || s.length != l.length)
			throw new IllegalArgumentException("give as many label images as scans (titles, comma-separated, in the same order): " + s.length + " scans, " +
				(label_images.isBlank() ? 0 : l.length) + " label images");
		final List<DalsaTrainer.Example> out = new ArrayList<>();
		for (int i = 0; i < s.length; i++) {
			final ImagePlus scan = image(s[i].trim()), labels = image(l[i].trim());
			final LabelVolume annotated = VolumeImages.labels(labels, labels.getTitle());
			out.add(new DalsaTrainer.Example(scan.getTitle(), VolumeImages.scan(scan, scan.getTitle()), annotated, null));
		}
		return out;
	}

	private static ImagePlus image(final String title) {
		final ImagePlus imp = WindowManager.getImage(title);
		if (imp == null) throw new IllegalArgumentException("no open image is titled '" + title + "'");
		return imp;
	}

	/** The training summary in the Log: annotated voxels, classes, weighting, ESS per class and its warnings. */
	static void log(final Dalsa.Trained trained, final DalsaTrainRequest training) {
		final Map<String, Object> s = trained.outputs().statistics();
		IJ.log(String.format(Locale.ROOT, "DALSA: %s scan(s), %s annotated voxels, classes %s, weighting %s, out-of-bag accuracy %.3f", s.get("training_scans"),
			s.get("annotated_voxels"), trained.classifier().classNames(), training.weighting() ? trained.classifier().provenance().get("weighting") : "off",
			s.get("out_of_bag_accuracy")));
		for (final String n : Dalsa.statisticNames(trained.classifier()))
			IJ.log(String.format(Locale.ROOT, "  %s: %s voxels, effective sample size %.1f", n, s.get(n + "_voxels"), s.get(n + "_ess")));
		for (final String w : trained.warnings()) IJ.log("  warning: " + w);
	}
}
