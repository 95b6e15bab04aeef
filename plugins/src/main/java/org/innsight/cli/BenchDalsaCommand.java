package org.innsight.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.dalsa.DalsaBenchmark;
import org.innsight.dalsa.DalsaTrainRequest;
import org.innsight.dalsa.phantom.BrainTumourPhantom;
import org.innsight.request.Setting;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight bench dalsa}: training and full-volume segmentation time and heap on a BraTS-sized phantom. */
@Command(name = "dalsa", mixinStandardHelpOptions = true,
	description = "Train DALSA on a BraTS-sized phantom (240x240x155, 4 modalities, ~50k annotated voxels) and segment it; print times and peak heap.")
final class BenchDalsaCommand implements Callable<Integer>, SettingOptions.Owner {

	@Mixin
	GlobalOptions cli;

	@Option(names = "--annotated", defaultValue = "50000", description = "Annotated voxels to draw (default: ${DEFAULT-VALUE}).")
	int annotated;

	@Option(names = "--phantom-seed", defaultValue = "1", description = "Phantom seed (default: ${DEFAULT-VALUE}).")
	long phantomSeed;

	@Mixin
	DalsaTrainCommand.DalsaTrainingMixin training;

	@Override
	public List<Setting<?>> settings() {
		return DalsaTrainRequest.SETTINGS;
	}

	@Override
	public Integer call() {
		final DalsaTrainRequest options = new DalsaTrainRequest(SettingOptions.read(cli.spec(), DalsaTrainRequest.SETTINGS));
		final DalsaBenchmark.Result r;
		try (TerminalProgress progress = TerminalProgress.start("dalsa")) {
			r = DalsaBenchmark.run(BrainTumourPhantom.Settings.brats(phantomSeed), annotated, options, cli.threads(), progress);
		}
		final double gib = 1 << 30;
		cli.out().printf(Locale.ROOT, "scan:          %d x %d x %d, 4 modalities, %d foreground voxels; phantom made in %.1f s%n", r.dims()[0], r.dims()[1],
			r.dims()[2], r.foregroundVoxels(), r.generateSeconds());
		cli.out().printf(Locale.ROOT, "annotated:     %d voxels; %d trees; weighting %s; %d thread(s)%n", r.annotatedVoxels(), options.trees(),
			options.weighting() ? "on" : "off", r.threads());
		cli.out().printf(Locale.ROOT, "training:      %.1f s (features %.1f s, weights %.1f s, forest %.1f s); process CPU %.1f s%n", r.trainingSeconds(),
			r.trainingParts()[0], r.trainingParts()[1], r.trainingParts()[2], r.trainingCpuSeconds());
		cli.out().printf(Locale.ROOT, "segmentation:  %.1f s for the full volume (label map + per-class probability maps); process CPU %.1f s%n",
			r.segmentationSeconds(), r.segmentationCpuSeconds());
		cli.out().printf(Locale.ROOT, "machine:       %d cores, load average %.1f at the end (other processes share the cores)%n",
			Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		cli.out().printf(Locale.ROOT, "peak heap:     training %.2f GiB, segmentation %.2f GiB (sum of heap pools' peaks; -Xmx %.1f GiB)%n",
			r.trainingPeakHeapBytes() / gib, r.segmentationPeakHeapBytes() / gib, r.maxHeapBytes() / gib);
		cli.out().printf(Locale.ROOT, "whole tumour:  Dice %.3f (sanity check)%n", r.wholeTumourDice());
		return 0;
	}
}
