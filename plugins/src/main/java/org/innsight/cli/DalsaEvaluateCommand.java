package org.innsight.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.dalsa.DalsaEvaluation;
import org.innsight.dalsa.DalsaTrainRequest;
import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.io.PhantomFiles;
import org.innsight.dalsa.phantom.BrainTumourPhantom;
import org.innsight.dalsa.phantom.Scribbles;
import org.innsight.request.Setting;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight dalsa evaluate}: Dice and ESS per class of unweighted, class- and global-weighted sparse training and fully labelled training on the phantom (or the anatomy case). */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
	description = "Dice per class and the weights' effective sample size per class for unweighted, class-weighted, global-weighted and fully labelled training, with unbiased (a) and biased (b) scribbles.")
final class DalsaEvaluateCommand implements Callable<Integer>, SettingOptions.Owner {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--data", paramLabel = "DIR", description = "Folder from 'dalsa phantom' or 'dalsa anatomy' (default: sample-data/mr of the InnSight folder).")
	Path data;

	@Option(names = "--generate", description = "Generate the phantom in memory (with --phantom-seed) instead of reading a folder.")
	boolean generate;

	@Option(names = "--phantom-seed", defaultValue = "1", description = "Phantom seed with --generate (default: ${DEFAULT-VALUE}).")
	long phantomSeed;

	@Option(names = "--full-samples", defaultValue = "50000",
		description = "Random ground-truth voxels the fully labelled forest trains on (default: ${DEFAULT-VALUE}).")
	int fullSamples;

	@Option(names = "--methods", split = ",", paramLabel = "METHOD", description = "Weighting methods compared with unweighted training (default: class,global).")
	List<String> methods = List.of("class", "global");

	@Mixin
	DalsaTrainCommand.DalsaTrainingMixin training;

	@Override
	public List<Setting<?>> settings() {
		return DalsaTrainRequest.SETTINGS;
	}

	@Override
	public Integer call() throws Exception {
		final MultiModalScan scan;
		final LabelVolume truth, unbiased, biased;
		final String source;
		if (generate) {
			final BrainTumourPhantom.Phantom p = BrainTumourPhantom.generate(BrainTumourPhantom.Settings.sample(phantomSeed));
			scan = p.scan();
			truth = p.truth();
			unbiased = Scribbles.draw(truth, Scribbles.Mode.UNBIASED, 0.005, p.tumourCentre(), p.oedemaRadiusMm(), phantomSeed + 1);
			biased = Scribbles.draw(truth, Scribbles.Mode.BIASED, 0.005, p.tumourCentre(), p.oedemaRadiusMm(), phantomSeed + 2);
			source = "generated phantom, seed " + phantomSeed;
		}
		else {
			final Path dir = data != null ? data : InnSightCli.repo().resolve("sample-data").resolve("mr");
			if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + " does not exist; give --data DIR or --generate");
			final PhantomFiles.Sample s = PhantomFiles.read(dir);
			scan = s.scan();
			truth = s.truth();
			unbiased = s.unbiased();
			biased = s.biased();
			source = dir.toString();
		}
		final List<DalsaEvaluation.Row> rows;
		try (TerminalProgress progress = TerminalProgress.start("dalsa")) {
			rows = DalsaEvaluation.run(scan, truth, List.of(new DalsaEvaluation.Annotation("(a) unbiased", unbiased),
				new DalsaEvaluation.Annotation("(b) biased", biased)), BrainTumourPhantom.WHOLE_TUMOUR,
				new DalsaTrainRequest(SettingOptions.read(cli.spec(), DalsaTrainRequest.SETTINGS)), methods, cli.threads(), fullSamples, progress);
		}
		cli.out().println("data:    " + source + " (" + scan.grid() + ")");
		cli.out().println("classes: 1 healthy, 2 oedema, 3 enhancing, 4 necrosis; whole tumour = 2+3+4");
		cli.out().printf(Locale.ROOT, "%-18s %-17s %6s  %7s %7s %9s %8s  %7s %7s   %s%n", "scribbles", "training", "voxels", "healthy", "oedema",
			"enhancing", "necrosis", "mean", "WHOLE", "ESS per class (of annotated voxels)");
		for (final DalsaEvaluation.Row r : rows) {
			final double[] d = r.dice();
			final StringBuilder ess = new StringBuilder();
			for (int c = 0; c < r.ess().length; c++)
				ess.append(String.format(Locale.ROOT, "%s%.0f/%.0f", c > 0 ? " " : "", r.ess()[c], r.voxels()[c]));
			cli.out().printf(Locale.ROOT, "%-18s %-17s %6d  %7.3f %7.3f %9.3f %8.3f  %7.3f %7.3f   %s%n", r.scribbles(), r.training(), r.trainingVoxels(),
				d[0], d[1], d[2], d[3], r.meanDice(), r.wholeTumour(), r.training().startsWith("fully") ? "" : ess);
			for (final String w : r.warnings()) cli.out().println("  warning: " + w);
		}
		return 0;
	}
}
