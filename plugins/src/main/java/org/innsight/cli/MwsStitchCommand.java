package org.innsight.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.io.ImageFiles;
import org.innsight.mws.BlockwiseMws;
import org.innsight.mws.MwsImages;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight mws stitch}: joins the block files of a sharded blockwise Mutex Watershed into one label image. */
@Command(name = "stitch", mixinStandardHelpOptions = true,
	description = { "Stitch the block files written by 'innsight mws --block Z,Y,X --blocks-only DIR [--shard i/n]' into one label image.",
		"All blocks of the grid must be in DIR; the result equals the in-process blockwise run with the same block size and halo." })
final class MwsStitchCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Option(names = "--blocks", required = true, paramLabel = "DIR", description = "Folder of block-NNNNNN.mwsblock files.")
	Path blocks;

	@Option(names = { "-o", "--out" }, required = true, paramLabel = "FILE", description = "Label image to write (.tif, .h5 or .nii).")
	Path out;

	@Override
	public Integer call() throws Exception {
		output.check(out);
		final long t0 = System.nanoTime();
		final BlockwiseMws.Stitched s = BlockwiseMws.stitchFiles(blocks);
		final int[] dims = s.dims()[2] == 1 ? Arrays.copyOf(s.dims(), 2) : s.dims();
		final int segments = Arrays.stream(s.labels()).max().orElse(0);
		ImageFiles.save(MwsImages.labels(s.labels(), dims, out.getFileName().toString().replaceAll("\\.(tif|tiff|h5|hdf5|nii|nii\\.gz)$", ""), null),
			out, List.of(blocks));
		cli.out().printf(Locale.ROOT, "%d segments in %s (x, y[, z]) stitched from %s in %.2f s; wrote %s%n", segments, Arrays.toString(dims), blocks,
			(System.nanoTime() - t0) / 1e9, out);
		return 0;
	}
}
