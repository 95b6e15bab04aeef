package org.innsight.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.dalsa.Dalsa;
import org.innsight.dalsa.DalsaApplyRequest;
import org.innsight.dalsa.DalsaClassifier;
import org.innsight.dalsa.Dice;
import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.VolumeImages;
import org.innsight.dalsa.io.ClassifierFile;
import org.innsight.request.Outputs;
import org.innsight.request.Setting;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight dalsa apply}: segment a scan with a saved classifier. */
@Command(name = "apply", mixinStandardHelpOptions = true, description = "Segment a scan with a saved DALSA classifier.")
final class DalsaApplyCommand implements Callable<Integer>, SettingOptions.Owner {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Option(names = { "-m", "--model" }, required = true, paramLabel = "FILE", description = "Classifier file (.dalsa) from 'dalsa train'.")
	Path model;

	@Mixin
	DalsaInputs inputs;

	@Option(names = { "-o", "--out" }, required = true, paramLabel = "FILE", description = "Label map to write (class labels; 0 outside the foreground).")
	Path out;

	/** The setting {@code probabilities} on the command line: asked for by naming the file to write them to. */
	@Option(names = "--probabilities", paramLabel = "FILE", description = "Also write per-class probability maps (one channel per class).")
	Path probabilities;

	@Option(names = "--truth", paramLabel = "FILE", description = "Ground-truth label image: print Dice per class and overall.")
	Path truth;

	@Option(names = "--truth-map", split = ",", paramLabel = "TRUTH=CLASS",
		description = "Ground-truth labels that are numbered otherwise than the classifier's classes, e.g. 4=3,3=4 (truth label = class label); without it every truth label must be a class.")
	java.util.Map<Integer, Integer> truthMap = new java.util.LinkedHashMap<>();

	@Option(names = "--whole", split = ",", paramLabel = "LABEL", description = "Labels whose union is also scored, e.g. 2,3,4 (whole tumour).")
	int[] whole = {};

	@Option(names = "--tile", paramLabel = "X,Y,Z", description = "Tile core for features (memory bound; default: ${DEFAULT-VALUE}).")
	String tile;

	/** {@code --tile}, {@code --normalise} and {@code --modalities} are options of settings ({@code --probabilities} names a file). */
	@Override
	public List<Setting<?>> settings() {
		return List.of(DalsaApplyRequest.TILE, DalsaApplyRequest.NORMALISE, DalsaApplyRequest.MODALITIES);
	}

	@Override
	public Integer call() throws Exception {
		final org.innsight.request.Settings typed = SettingOptions.read(cli.spec(), settings());
		final DalsaApplyRequest request = DalsaApplyRequest.defaults().with(DalsaApplyRequest.TILE, typed.get(DalsaApplyRequest.TILE))
			.with(DalsaApplyRequest.NORMALISE, typed.get(DalsaApplyRequest.NORMALISE)).with(DalsaApplyRequest.MODALITIES, typed.get(DalsaApplyRequest.MODALITIES))
			.with(DalsaApplyRequest.PROBABILITIES, probabilities != null);
		output.check(out, probabilities);
		final DalsaClassifier classifier = ClassifierFile.load(model);
		final MultiModalScan scan = inputs.read();
		LabelVolume t = null;
		if (truth != null) { // checked before the work: a truth numbered otherwise than the classes is refused, not scored
			final LabelVolume raw = VolumeImages.readLabels(truth);
			raw.requireGridOf(scan.grid(), "ground truth " + truth);
			t = Dice.alignTruth(raw, classifier, truthMap, "ground truth " + truth);
		}
		else if (!truthMap.isEmpty()) throw new IllegalArgumentException("--truth-map needs --truth");
		final boolean[] mask = inputs.mask(scan);
		if (mask != null) inputs.describeMask(cli.out(), mask, request.normaliseOverMask(), "classifying");
		final long t0 = System.nanoTime();
		final Outputs segmented;
		try (TerminalProgress progress = TerminalProgress.start("dalsa")) {
			segmented = Dalsa.apply(scan, classifier, mask, request, cli.threads(), progress);
		}
		final double seconds = (System.nanoTime() - t0) / 1e9;
		final List<Path> read = inputs.files();
		read.add(model);
		if (truth != null) read.add(truth);
		VolumeImages.save(segmented.image(Dalsa.LABELS), out, read);
		if (probabilities != null) VolumeImages.save(segmented.image(Dalsa.PROBABILITIES), probabilities, read);
		cli.out().printf(Locale.ROOT, "classes:     %s = %s%n", Arrays.toString(classifier.classLabels()), classifier.classNames());
		cli.out().printf(Locale.ROOT, "segmented:   %s in %.1f s%n", scan.grid(), seconds);
		if (segmented.statistics().get("notes") instanceof String notes) for (final String n : notes.split("; ")) cli.out().println("note:        " + n);
		if (t != null) {
			final LabelVolume labels = VolumeImages.labels(segmented.image(Dalsa.LABELS), "labels");
			final double[] dice = Dice.perLabel(labels, t, classifier.classLabels());
			for (int c = 0; c < dice.length; c++)
				cli.out().printf(Locale.ROOT, "Dice %-12s %.3f%n", classifier.classNames().get(c), dice[c]);
			cli.out().printf(Locale.ROOT, "Dice %-12s %.3f%n", "mean", Dice.mean(dice));
			if (whole.length > 0) cli.out().printf(Locale.ROOT, "Dice %-12s %.3f%n", "union " + Arrays.toString(whole), Dice.of(labels, t, whole));
		}
		cli.out().println("wrote:       " + out + (probabilities != null ? ", " + probabilities : ""));
		return 0;
	}
}
