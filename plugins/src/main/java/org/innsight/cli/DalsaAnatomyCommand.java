package org.innsight.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.VolumeImages;
import org.innsight.dalsa.io.PhantomFiles;
import org.innsight.dalsa.phantom.BrainTumourPhantom;
import org.innsight.dalsa.phantom.Scribbles;
import org.innsight.dalsa.phantom.TemplateTumourCase;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight dalsa anatomy}: a tumour case on a real brain template, in the phantom's folder layout. */
@Command(name = "anatomy", mixinStandardHelpOptions = true,
	description = { "Build a brain-tumour case on real anatomy: a skull-stripped T1 template (e.g. MRIcron's ch2bet.nii.gz, Debian package mricron-data;",
		"scripts/dalsa-anatomy-case.sh fetches it) with a synthetic tumour and synthetic T1c/T2/FLAIR, written like 'dalsa phantom' writes",
		"(t1, t1c, t2, flair, truth, scribbles_unbiased, scribbles_biased) for 'dalsa evaluate --data DIR'." })
final class DalsaAnatomyCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Option(names = "--template", required = true, paramLabel = "FILE", description = "Skull-stripped T1 brain (0 outside the brain), e.g. ch2bet.nii.gz.")
	Path template;

	@Option(names = { "-o", "--out" }, required = true, paramLabel = "DIR", description = "Folder to write into.")
	Path out;

	@Option(names = "--seed", defaultValue = "1", description = "Tumour place, shape and noise (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--downsample", defaultValue = "1", description = "Average blocks of N^3 voxels (default: ${DEFAULT-VALUE}: the template's grid).")
	int downsample;

	@Option(names = "--tumour-radius", defaultValue = "24", paramLabel = "MM", description = "Oedema radius in mm (default: ${DEFAULT-VALUE}).")
	double radius;

	@Option(names = "--noise", defaultValue = "0.04", description = "Rician noise, relative to white matter (default: ${DEFAULT-VALUE}).")
	double noise;

	@Option(names = "--scribbles", defaultValue = "0.0017",
		description = "Annotated share of the brain's voxels per scribble set (default: ${DEFAULT-VALUE}, i.e. 0.17 %%).")
	double share;

	@Override
	public Integer call() throws Exception {
		output.check(PhantomFiles.files(out));
		final MultiModalScan t = VolumeImages.readModalities(java.util.List.of(template));
		final BrainTumourPhantom.Phantom p = TemplateTumourCase.generate(t.modality(0), t.geometry(),
			new TemplateTumourCase.Settings(downsample, seed, noise, radius));
		final long[] h = p.truth().histogram();
		final long brain = h[1] + h[2] + h[3] + h[4];
		final double fraction = share * brain / p.truth().size();
		final LabelVolume unbiased = Scribbles.draw(p.truth(), Scribbles.Mode.UNBIASED, fraction, p.tumourCentre(), p.oedemaRadiusMm(), seed + 1);
		final LabelVolume biased = Scribbles.draw(p.truth(), Scribbles.Mode.BIASED, fraction, p.tumourCentre(), p.oedemaRadiusMm(), seed + 2);
		PhantomFiles.write(p.scan(), p.truth(), unbiased, biased, out);
		final long[] a = unbiased.histogram(), b = biased.histogram();
		cli.out().printf(Locale.ROOT, "template:    %s (%s), downsampled by %d: %s%n", template, t.grid(), downsample, p.scan().grid());
		cli.out().printf(Locale.ROOT, "truth:       healthy %d, oedema %d, enhancing %d, necrosis %d voxels (tumour centre voxel %s)%n", h[1], h[2], h[3], h[4],
			java.util.Arrays.toString(p.tumourCentre()));
		cli.out().printf(Locale.ROOT, "unbiased:    %d, %d, %d, %d annotated (%.2f%% of the brain)%n", a[1], a[2], a[3], a[4],
			100.0 * (a[1] + a[2] + a[3] + a[4]) / brain);
		cli.out().printf(Locale.ROOT, "biased:      %d, %d, %d, %d annotated (%.2f%% of the brain)%n", b[1], b[2], b[3], b[4],
			100.0 * (b[1] + b[2] + b[3] + b[4]) / brain);
		cli.out().println("wrote:       " + out);
		return 0;
	}
}
