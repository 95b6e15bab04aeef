package org.innsight.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.dalsa.VolumeImages;

import ij.ImagePlus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight dalsa stack}: one multi-channel file from modality files, for {@code --scan} and {@code innsight batch}. */
@Command(name = "stack", mixinStandardHelpOptions = true,
	description = { "Stack co-registered modality files into one multi-channel image (channels = modalities, in the given order).",
		"The result is what 'dalsa apply --scan' and the batch step dalsa-apply read: a TIFF hyperstack or a NIfTI with the modalities " +
			"as its 5th dimension. Pixel type, voxel size and NIfTI orientation are kept." },
	footer = { "", "Example: innsight dalsa stack --images t1.nii.gz,t1c.nii.gz,t2.nii.gz,flair.nii.gz --out scans/phantom.nii.gz" })
final class DalsaStackCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Option(names = "--images", required = true, split = ",", paramLabel = "FILE", arity = "1..*",
		description = "One co-registered modality per file, in the order the classifier was trained with.")
	List<Path> images;

	@Option(names = { "-o", "--out" }, required = true, paramLabel = "FILE", description = "Multi-channel image to write (.tif, .nii, .nii.gz).")
	Path out;

	@Override
	public Integer call() throws Exception {
		output.check(out);
		final ImagePlus stack = VolumeImages.stackModalities(images);
		VolumeImages.save(stack, out, images);
		cli.out().printf(Locale.ROOT, "stacked:     %d modalities %s, %d x %d x %d, %d-bit%n", stack.getNChannels(),
			stack.getProperty(VolumeImages.MODALITIES_PROPERTY), stack.getWidth(), stack.getHeight(), stack.getNSlices(), stack.getBitDepth());
		cli.out().println("wrote:       " + out);
		return 0;
	}
}
