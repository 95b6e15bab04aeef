package org.innsight.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.io.PhantomFiles;
import org.innsight.dalsa.phantom.BrainTumourPhantom;
import org.innsight.dalsa.phantom.Scribbles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight dalsa phantom}: write the multi-modal brain-tumour phantom with scribbles and ground truth. */
@Command(name = "phantom", mixinStandardHelpOptions = true,
	description = "Generate the brain-tumour phantom (T1, T1c, T2, FLAIR), its ground truth and unbiased/biased scribbles as NIfTI files.")
final class DalsaPhantomCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Option(names = { "-o", "--out" }, required = true, paramLabel = "DIR", description = "Folder to write into.")
	Path out;

	@Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--size", split = ",", paramLabel = "X,Y,Z", description = "Voxels (default: 96,96,64).")
	int[] size = { 96, 96, 64 };

	@Option(names = "--spacing", split = ",", paramLabel = "MM", description = "Voxel size in mm (default: 2,2,2.5).")
	double[] spacing = { 2, 2, 2.5 };

	@Option(names = "--noise", defaultValue = "0.05", description = "Rician noise, relative to white matter in T1 (default: ${DEFAULT-VALUE}).")
	double noise;

	@Option(names = "--scribbles", defaultValue = "0.005", description = "Annotated share of all voxels per scribble set (default: ${DEFAULT-VALUE}).")
	double fraction;

	@Override
	public Integer call() throws Exception {
		if (size.length != 3 || spacing.length != 3) throw new IllegalArgumentException("--size and --spacing need three values");
		output.check(PhantomFiles.files(out));
		final BrainTumourPhantom.Phantom p = BrainTumourPhantom.generate(new BrainTumourPhantom.Settings(size[0], size[1], size[2], spacing, seed, noise, 0.15));
		final LabelVolume unbiased = Scribbles.draw(p.truth(), Scribbles.Mode.UNBIASED, fraction, p.tumourCentre(), p.oedemaRadiusMm(), seed + 1);
		final LabelVolume biased = Scribbles.draw(p.truth(), Scribbles.Mode.BIASED, fraction, p.tumourCentre(), p.oedemaRadiusMm(), seed + 2);
		PhantomFiles.write(p.scan(), p.truth(), unbiased, biased, out);
		final long[] t = p.truth().histogram(), a = unbiased.histogram(), b = biased.histogram();
		cli.out().printf(Locale.ROOT, "phantom:     %d x %d x %d voxels of %s mm, seed %d%n", size[0], size[1], size[2], java.util.Arrays.toString(spacing), seed);
		cli.out().printf(Locale.ROOT, "truth:       healthy %d, oedema %d, enhancing %d, necrosis %d voxels%n", t[1], t[2], t[3], t[4]);
		cli.out().printf(Locale.ROOT, "unbiased:    %d, %d, %d, %d annotated (%.2f%% of all voxels)%n", a[1], a[2], a[3], a[4],
			100.0 * (a[1] + a[2] + a[3] + a[4]) / unbiased.size());
		cli.out().printf(Locale.ROOT, "biased:      %d, %d, %d, %d annotated (%.2f%% of all voxels)%n", b[1], b[2], b[3], b[4],
			100.0 * (b[1] + b[2] + b[3] + b[4]) / biased.size());
		cli.out().println("wrote:       " + out);
		return 0;
	}
}
